import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api/client';
import type { ArticleListItem, ArticleRef } from '@contract/articles';
import type { Page } from '@contract/common';

interface Props {
  id?: string;
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** Titles of the policies already linked (the search only knows what it found). */
  known: ArticleRef[];
  selfId?: number;
}

/** Pick the policy documents this item interprets (解读), searching by title. */
export function PolicyPicker({ id, value, onChange, known, selfId }: Props) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['articles', 'policy-search', q],
    queryFn: () => api.get<Page<ArticleListItem>>(`/api/articles${qs({ q, pageSize: 20 })}`),
    enabled: q.trim().length > 0,
  });
  const titles = new Map<number, string>(known.map((k) => [k.id, k.title]));
  for (const a of found.data?.items ?? []) titles.set(a.id, a.title);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      placeholder="输入政策文件标题搜索"
      notFoundContent={q ? '没有找到' : '输入标题搜索'}
      options={[...titles].filter(([k]) => k !== selfId).map(([value, label]) => ({ value, label }))}
    />
  );
}

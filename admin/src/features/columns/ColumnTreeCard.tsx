import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Tag, Tree, type TreeDataNode, type TreeProps } from 'antd';
import { useMemo, useState } from 'react';
import type { ColumnNode, Site } from '@contract/sites';
import type { Duty } from '@contract/guarantee';
import { COLUMN_KIND_LABELS } from '../../lib/labels';
import { dropTarget, flatten, type MoveTarget } from '../../lib/tree';

interface Props {
  sites: Site[];
  siteId: number | undefined;
  onSite(id: number): void;
  tree: ColumnNode[];
  duties: Map<number, Duty>;
  selected: number | undefined;
  onSelect(id: number): void;
  onMove(id: number, target: MoveTarget): void;
  onCreate(): void;
  canWrite: boolean;
  loading: boolean;
}

function leadOf(d: Duty | undefined): string | null {
  if (!d) return null;
  const lead = d.parties.filter((p) => p.role === 'lead');
  return (lead.length ? lead : d.parties).map((p) => p.unitName ?? p.groupName ?? p.label).join('、') || null;
}

/** A site's column tree; drag a column to reorder it or put it under another one. */
export function ColumnTreeCard({
  sites,
  siteId,
  onSite,
  tree,
  duties,
  selected,
  onSelect,
  onMove,
  onCreate,
  canWrite,
  loading,
}: Props) {
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState<React.Key[] | null>(null);

  const data = useMemo(() => {
    const q = filter.trim();
    const keep = (n: ColumnNode): boolean => !q || n.name.includes(q) || n.children.some(keep);
    const toNode = (n: ColumnNode): TreeDataNode => {
      const lead = leadOf(duties.get(n.id));
      return {
        key: n.id,
        title: (
          <span className="tree-title">
            <span>{n.name}</span>
            {n.kind !== 'list' && <Tag className="tree-tag">{COLUMN_KIND_LABELS[n.kind] ?? n.kind}</Tag>}
            {!n.inNav && <Tag className="tree-tag">不在导航</Tag>}
            {n.sourceColumnId && <Tag className="tree-tag">引用</Tag>}
            {lead && <span className="tree-lead">{lead}</span>}
          </span>
        ),
        children: n.children.filter(keep).map(toNode),
      };
    };
    return tree.filter(keep).map(toNode);
  }, [tree, duties, filter]);

  const allKeys = useMemo(() => flatten(tree).map((c) => c.id), [tree]);

  const onDrop: TreeProps['onDrop'] = (info) => {
    const dragId = Number(info.dragNode.key);
    const dropId = Number(info.node.key);
    const pos = info.node.pos.split('-');
    // antd gives the drop position relative to the target's index: -1 before, 1 after.
    const relative = info.dropPosition - Number(pos[pos.length - 1]);
    const target = dropTarget(tree, dragId, dropId, !info.dropToGap, relative >= 0);
    if (target) onMove(dragId, target);
  };

  return (
    <Card
      title={<h2 className="card-title">栏目树</h2>}
      className="section-card"
      extra={
        canWrite && (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={onCreate}>
            新建栏目
          </Button>
        )
      }
    >
      {sites.length > 1 && (
        <Select
          aria-label="站点"
          value={siteId}
          onChange={onSite}
          style={{ width: '100%', marginBottom: 8 }}
          options={sites.map((s) => ({ value: s.id, label: s.name }))}
        />
      )}
      <Input.Search
        aria-label="查找栏目"
        placeholder="查找栏目"
        allowClear
        onChange={(e) => setFilter(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      <p className="muted tree-help">
        {canWrite ? '拖动栏目可调整顺序或移到其他栏目下；也可在右侧用“上移”“下移”“移动到”。' : '点击栏目查看详情。'}
      </p>
      <Tree
        className="column-tree"
        aria-label="栏目树"
        blockNode
        draggable={canWrite && !filter ? { icon: false } : false}
        showLine
        treeData={data}
        selectedKeys={selected ? [selected] : []}
        expandedKeys={filter ? allKeys : (expanded ?? allKeys)}
        onExpand={(keys) => setExpanded(keys)}
        onSelect={(keys) => keys[0] !== undefined && onSelect(Number(keys[0]))}
        onDrop={onDrop}
      />
      {loading && <p className="muted">正在加载…</p>}
    </Card>
  );
}

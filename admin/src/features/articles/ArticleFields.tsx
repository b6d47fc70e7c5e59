import { Card, Form, Input, Select, Switch, TreeSelect } from 'antd';
import { Link } from 'react-router-dom';
import { useUnits } from '../../api/hooks';
import type { Site } from '@contract/sites';
import type { ArticleRef, AttachmentView as Attachment } from '@contract/articles';
import { requiredRule, rule } from '../../lib/form';
import { ARTICLE_TYPE_LABELS, ENTRY_CHANNELS, options, SUBMISSION_CHANNEL_LABELS } from '../../lib/labels';
import { articleLink, maxChars } from '../../lib/rules';
import type { ColumnOption } from './column-options';
import { DocxImport } from './DocxImport';
import { PolicyPicker } from './PolicyPicker';
import { RichTextEditor } from './RichTextEditor';

// A limit is counted and said (标题不能超过 500 字), never enforced by cutting what was typed or pasted.
const max = (label: string, n: number) => rule(maxChars(label, n));

function Main({
  hasBody,
  uploadImage,
  onDocx,
}: {
  hasBody: boolean;
  uploadImage(file: File): Promise<string>;
  onDocx(html: string, images: Attachment[], notes: string[]): void;
}) {
  return (
    <Card className="section-card" size="small">
      <Form.Item label="标题" name="title" rules={[requiredRule('请填写标题'), max('标题', 500)]}>
        <Input count={{ show: true, max: 500 }} />
      </Form.Item>
      <Form.Item label="副标题" name="subtitle" rules={[max('副标题', 500)]}>
        <Input count={{ show: true, max: 500 }} />
      </Form.Item>
      <div className="body-tools">
        <DocxImport hasBody={hasBody} onConverted={onDocx} />
        <span className="muted" id="body-help">
          可直接从 Word 粘贴，格式会自动清理；在表格中按 Tab 切换单元格，按 Esc 离开正文编辑区。
        </span>
      </div>
      <Form.Item label="正文" name="bodyHtml" rules={[{ max: 5_000_000, message: '正文过长' }]}>
        <RichTextEditor uploadImage={uploadImage} aria-describedby="body-help" />
      </Form.Item>
      <Form.Item label="摘要" name="summary" rules={[max('摘要', 1000)]} extra="留空时自动从正文截取">
        <Input.TextArea rows={2} count={{ show: true, max: 1000 }} />
      </Form.Item>
    </Card>
  );
}

interface SideProps {
  sites: Site[];
  siteId: number | undefined;
  siteLocked: boolean;
  onSite(id: number): void;
  columnOptions: ColumnOption[];
  chooseUnit: boolean;
  /** The website centre enters items that came by e-mail or on paper (new items only). */
  chooseChannel: boolean;
  policies: ArticleRef[];
  interpretations: ArticleRef[];
  selfId?: number;
}

function Side({
  sites,
  siteId,
  siteLocked,
  onSite,
  columnOptions,
  chooseUnit,
  chooseChannel,
  policies,
  interpretations,
  selfId,
}: SideProps) {
  const units = useUnits();
  const channel = Form.useWatch('channel') as string | undefined;
  const entered = !!channel && channel !== 'backoffice';
  return (
    <Card className="section-card" size="small">
      {sites.length > 1 && (
        <Form.Item label="站点" htmlFor="article-site">
          <Select
            id="article-site"
            value={siteId}
            onChange={onSite}
            disabled={siteLocked}
            options={sites.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      )}
      <Form.Item
        label="栏目"
        name="columnId"
        rules={[{ required: true, message: '请选择栏目' }]}
        extra="只列出可以发布信息的栏目"
      >
        <TreeSelect
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          treeData={columnOptions}
          placeholder="选择栏目"
          listHeight={360}
        />
      </Form.Item>
      <Form.Item label="同时发布到（一文多发）" name="extraColumnIds">
        <TreeSelect
          multiple
          showSearch
          treeNodeFilterProp="title"
          treeData={columnOptions}
          placeholder="可选"
          listHeight={360}
        />
      </Form.Item>
      <Form.Item label="信息类型" name="type" rules={[{ required: true, message: '请选择信息类型' }]}>
        <Select options={options(ARTICLE_TYPE_LABELS)} />
      </Form.Item>
      {chooseChannel && (
        <Form.Item
          label="报送渠道"
          name="channel"
          extra="单位通过邮箱或纸质报送的信息，由网站中心代为录入；纸质报送须上传签字盖章的审核表扫描件"
        >
          <Select options={ENTRY_CHANNELS.map((c) => ({ value: c, label: SUBMISSION_CHANNEL_LABELS[c] }))} />
        </Form.Item>
      )}
      {chooseUnit && (
        <Form.Item
          label={entered ? '报送单位' : '发布单位'}
          name="unitId"
          extra={entered ? '请选择报送该信息的单位' : '留空为本人所在单位'}
          rules={entered ? [{ required: true, message: '代录邮箱或纸质报送的信息须选择报送单位' }] : []}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={units.data?.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      )}
      <Form.Item label="来源" name="source" rules={[max('来源', 200)]}>
        <Input count={{ show: true, max: 200 }} />
      </Form.Item>
      <Form.Item label="作者" name="author" rules={[max('作者', 100)]}>
        <Input count={{ show: true, max: 100 }} />
      </Form.Item>
      <Form.Item label="外部链接" name="linkUrl" rules={[rule(articleLink)]} extra="填写后标题直接链接到该地址">
        <Input placeholder="https://" />
      </Form.Item>
      <Form.Item label="置顶" name="isTop" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item label="本文解读的政策文件" name="interpretsPolicyIds">
        <PolicyPicker known={policies} selfId={selfId} />
      </Form.Item>
      {interpretations.length > 0 && (
        <div>
          <h3 className="field-heading">本文的解读</h3>
          <ul className="plain-list">
            {interpretations.map((i) => (
              <li key={i.id}>
                <Link to={`/articles/${i.id}`}>{i.title}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

export const ArticleFields = { Main, Side };

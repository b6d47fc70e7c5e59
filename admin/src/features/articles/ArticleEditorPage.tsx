import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Collapse, Form, Row, Spin } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { defaultSiteId, useColumnTree, useSites, useUnitColumns } from '../../api/hooks';
import type { Column } from '@contract/sites';
import type { ArticleView as Article, AttachmentView as Attachment } from '@contract/articles';
import { PageHeading } from '../../layout/AppLayout';
import { showServerIssues } from '../../lib/form';
import { acceptsArticles, inCatalogue } from '../../lib/tree';
import { useLeaveGuard } from '../../lib/useLeaveGuard';
import { usePageTitle } from '../../lib/usePageTitle';
import { awaitsReview, isEditable, mayTake } from '@contract/content';
import { useAccess, useMe } from '../auth/session';
import { reviewKeys, useReviewHistory } from '../review/queries';
import { ReasonDialog } from '../review/ReasonDialog';
import { SubmitDialog } from '../review/SubmitDialog';
import { imagesInBody, toFormValues, toPayload, type ArticleFormValues } from './article-form';
import { ArticleFields } from './ArticleFields';
import { AttachmentsField } from './AttachmentsField';
import { columnTreeData } from './column-options';
import { DisclosureFields } from './DisclosureFields';
import { afterSaveNote, restartOnEdit, restartQuestion } from './edit-restart';
import { EditorActions } from './EditorActions';
import { EditorNotices } from './EditorNotices';
import { EditorStatus } from './EditorStatus';
import { MinorCorrectionDialog } from './MinorCorrectionDialog';
import { usePendingCorrection } from './CorrectionPage';
import { useMinorCorrections } from '../review/MinorCorrectionCard';
import { PreviewDialog } from './PreviewDialog';
import { UnpublishDialog } from './UnpublishDialog';

const EMPTY: ArticleFormValues = {
  type: 'news',
  title: '',
  bodyHtml: '',
  isTop: false,
  extraColumnIds: [],
  interpretsPolicyIds: [],
  disclosure: {},
  channel: 'backoffice',
};

/** Writing and editing one item: body, attachments, columns, disclosure metadata, 解读 links, preview, publish. */
export default function ArticleEditorPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : undefined;
  usePageTitle(id ? '编辑信息' : '写信息');
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const me = useMe();
  const access = useAccess();
  const [form] = Form.useForm<ArticleFormValues>();

  const article = useQuery({
    queryKey: ['article', id],
    queryFn: () => api.get<Article>(`/api/articles/${id}`, { quiet: true }),
    enabled: !!id,
    staleTime: 0,
  });
  const wantedColumn = Number(search.get('columnId')) || undefined;
  const presetColumn = useQuery({
    queryKey: ['column', wantedColumn],
    queryFn: () => api.get<Column>(`/api/columns/${wantedColumn}`),
    enabled: !id && !!wantedColumn,
  });
  const sites = useSites();
  const [pickedSite, setPickedSite] = useState<number>();
  const siteId = article.data?.siteId ?? pickedSite ?? presetColumn.data?.siteId ?? defaultSiteId(sites.data);
  const tree = useColumnTree(siteId);
  const unitScoped = access.scope('article.write') === 'unit';
  const allowed = useUnitColumns(unitScoped ? me.unit.id : undefined);

  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [revision, setRevision] = useState<number>();
  const [docxNotes, setDocxNotes] = useState<string[]>([]);
  const [preview, setPreview] = useState<number | null>(null);
  const [unpublishing, setUnpublishing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitting, setSubmitting] = useState<Article | null>(null);
  const [recalling, setRecalling] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [openPanels, setOpenPanels] = useState<string[]>([]);
  const dirty = useRef(false);
  const body = Form.useWatch('bodyHtml', form) ?? '';
  const columnId = Form.useWatch('columnId', form);
  const canWrite = access.can('article.write');
  // Under review the item is locked, except for the holder of the current step (who may correct it).
  // Approved too: an edit then voids approvals, which the editor says before the save.
  const loadedStatus = article.data?.status ?? '';
  const inReview = awaitsReview(loadedStatus);
  const review = useReviewHistory(inReview || mayTake('invalidate', loadedStatus) ? id : undefined);
  const minor = useMinorCorrections(mayTake('correct_minor', loadedStatus));
  const pending = usePendingCorrection(loadedStatus === 'published' ? id : undefined);

  const load = (a: Article) => {
    form.resetFields();
    form.setFieldsValue(toFormValues(a));
    setAttachments(a.attachments);
    setRevision(a.revision);
    dirty.current = false;
  };
  // Loading replaces what is on screen only when another version arrives, not on every refetch.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the version on purpose
  useEffect(() => {
    if (article.data) load(article.data);
  }, [article.data?.id, article.data?.revision]);

  const allowedIds = useMemo(() => (unitScoped ? new Set(allowed.data ?? []) : null), [unitScoped, allowed.data]);
  const mayUse = (c: { id: number; kind: string; sourceColumnId: number | null }) =>
    acceptsArticles(c) && (!allowedIds || allowedIds.has(c.id));
  // mayUse is rebuilt each render but depends only on allowedIds.
  // biome-ignore lint/correctness/useExhaustiveDependencies: allowedIds stands for mayUse
  const columnOptions = useMemo(() => columnTreeData(tree.data ?? [], mayUse), [tree.data, allowedIds]);
  const refused =
    !id && presetColumn.data && allowedIds && allowed.data && !mayUse(presetColumn.data) ? presetColumn.data : null;
  useEffect(() => {
    if (!id && presetColumn.data && !refused && (!allowedIds || allowed.data))
      form.setFieldValue('columnId', presetColumn.data.id);
  }, [id, presetColumn.data, refused, allowedIds, allowed.data, form]);

  // A column in the 信息公开 catalogue needs its disclosure metadata: open that part of the form.
  const catalogue = !!columnId && inCatalogue(tree.data ?? [], columnId);
  useEffect(() => {
    if (catalogue) setOpenPanels((p) => (p.includes('disclosure') ? p : [...p, 'disclosure']));
  }, [catalogue]);

  useLeaveGuard(dirty);

  // Someone saved in between: say so in the server's words, and offer their version.
  const conflict = async (text: string) => {
    const reload = await modal.confirm({
      title: '保存冲突',
      content: text,
      okText: '重新加载',
      cancelText: '继续编辑',
    });
    if (!reload) return;
    const fresh = await article.refetch();
    if (fresh.data) load(fresh.data);
  };

  const save = async (): Promise<Article | null> => {
    let values: ArticleFormValues;
    try {
      values = await form.validateFields();
    } catch {
      void message.error('请按提示修改标红的项目');
      return null;
    }
    // An edit that voids approvals is asked for first, in the words of what will happen.
    const statusBefore = current?.status;
    const restarts = id && statusBefore ? restartOnEdit(statusBefore, review.data) : null;
    if (restarts) {
      const go = await modal.confirm({
        title: '修改后需要重新审核',
        content: restartQuestion(restarts),
        okText: '保存并重新审核',
        cancelText: '取消',
      });
      if (!go) return null;
    }
    setBusy(true);
    try {
      const payload = toPayload(
        values,
        attachments.map((a) => a.id),
        { sendUnit: !unitScoped, sendChannel: !id && access.can('submission.write') },
      );
      const saved = id
        ? await api.patch<Article>(`/api/articles/${id}`, { ...payload, expectedRevision: revision }, { quiet: true })
        : await api.post<Article>('/api/articles', payload, { quiet: true });
      client.setQueryData(['article', saved.id], saved);
      void client.invalidateQueries({ queryKey: ['articles'] });
      void client.invalidateQueries({ queryKey: reviewKeys.history(saved.id) });
      dirty.current = false;
      setRevision(saved.revision);
      setAttachments(saved.attachments);
      const note = afterSaveNote(statusBefore, saved.status, restarts);
      if (note) void message.warning(`已保存（第 ${saved.revision} 版）。${note}`, 8);
      else void message.success(`已保存（第 ${saved.revision} 版）`);
      if (note) void client.invalidateQueries({ queryKey: reviewKeys.tasks });
      if (!id) void navigate(`/articles/${saved.id}`, { replace: true });
      return saved;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT' && id) void conflict(e.message);
      else {
        showServerIssues(form, e);
        void message.error((e as Error).message);
      }
      return null;
    } finally {
      setBusy(false);
    }
  };

  // Only an approved item can go online (the review decides); publishing does not save edits, which
  // would make the approved version stale.
  const publish = async () => {
    const saved = current;
    if (!saved) return;
    try {
      const a = await api.post<Article>(`/api/articles/${saved.id}/publish`);
      client.setQueryData(['article', a.id], a);
      void client.invalidateQueries({ queryKey: ['articles'] });
      void message.success(a.indexNo ? `已发布，索引号 ${a.indexNo}` : '已发布');
    } catch {
      // Shown by the API client.
    }
  };

  // 送审 sends the saved revision: unsaved edits are saved first, so the checks see what goes to review.
  const submit = async () => {
    const saved = dirty.current ? await save() : current;
    if (saved) setSubmitting(saved);
  };
  const reloadAfterReview = () => {
    void article.refetch();
    if (id) void client.invalidateQueries({ queryKey: reviewKeys.history(id) });
    void client.invalidateQueries({ queryKey: reviewKeys.tasks });
  };

  if (id && article.isError) {
    const err = article.error instanceof ApiError ? article.error.message : '无法加载该信息';
    return (
      <Alert
        type="error"
        showIcon
        title={err}
        action={<Button onClick={() => void navigate('/articles')}>返回信息列表</Button>}
      />
    );
  }
  if (id && !article.data) return <Spin />;
  const current = id ? (client.getQueryData<Article>(['article', id]) ?? article.data) : undefined;
  const status = current?.status;
  const locked =
    status !== undefined && (!isEditable(status) || (awaitsReview(status) && !review.data?.current?.canAct));
  const editable = canWrite && !locked;
  const restart = status ? restartOnEdit(status, review.data) : null;
  const correctable = canWrite && !!status && mayTake('correct_minor', status) && !!minor.data?.enabled;

  return (
    <>
      <PageHeading
        title={id ? '编辑信息' : '写信息'}
        extra={
          <EditorActions
            id={id}
            status={status}
            editable={editable}
            busy={busy}
            retrospective={!!review.data?.current?.retrospective}
            correctable={correctable}
            hasPendingCorrection={!!pending.data}
            onSave={() => void save()}
            onSaveAndPreview={() => void save().then((a) => a && setPreview(a.id))}
            onPreview={() => id && setPreview(id)}
            onSubmit={() => void submit()}
            onRecall={() => setRecalling(true)}
            onPublish={() => void publish()}
            onCorrectMinor={() => setCorrecting(true)}
            onUnpublish={() => setUnpublishing(true)}
          />
        }
      />
      {current && (
        <EditorStatus
          article={current}
          revision={revision}
          locked={locked}
          restart={restart}
          correctable={correctable}
        />
      )}
      <EditorNotices
        pending={pending.data ?? null}
        refusedColumn={refused?.name ?? null}
        docxNotes={docxNotes}
        onCloseDocxNotes={() => setDocxNotes([])}
      />
      <Form<ArticleFormValues>
        form={form}
        layout="vertical"
        initialValues={EMPTY}
        disabled={!editable}
        onValuesChange={() => (dirty.current = true)}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <ArticleFields.Main
              hasBody={body.trim() !== ''}
              uploadImage={async (file) => {
                const a = await api.upload<Attachment>('/api/attachments', file, file.name);
                setAttachments((list) => [...list, a]);
                return a.url;
              }}
              onDocx={(html, images, notes) => {
                form.setFieldValue('bodyHtml', html);
                dirty.current = true;
                setAttachments((list) => [...list, ...images]);
                setDocxNotes(notes.length ? notes : ['转换完成，没有需要注意的问题。']);
              }}
            />
            <Card title={<h2 className="card-title">附件</h2>} className="section-card" size="small">
              <AttachmentsField
                value={attachments}
                onChange={(next) => {
                  setAttachments(next);
                  dirty.current = true;
                }}
                inBody={imagesInBody(body)}
                disabled={!editable}
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <ArticleFields.Side
              sites={sites.data ?? []}
              siteId={siteId}
              siteLocked={!!id}
              onSite={(s) => {
                setPickedSite(s);
                form.setFieldsValue({ columnId: undefined, extraColumnIds: [] });
              }}
              columnOptions={columnOptions}
              chooseUnit={!unitScoped}
              chooseChannel={!id && access.can('submission.write')}
              policies={current?.policies ?? []}
              interpretations={current?.interpretations ?? []}
              selfId={id}
            />
          </Col>
        </Row>
        <Collapse
          className="section-card"
          activeKey={openPanels}
          onChange={(keys) => setOpenPanels(keys)}
          items={[
            {
              key: 'disclosure',
              label: <h2 className="card-title">政府信息公开属性{catalogue ? '（本栏目属于信息公开目录）' : ''}</h2>,
              children: <DisclosureFields indexNo={current?.indexNo ?? null} />,
              forceRender: true,
            },
          ]}
        />
      </Form>
      <PreviewDialog articleId={preview} onClose={() => setPreview(null)} />
      <SubmitDialog article={submitting} onClose={() => setSubmitting(null)} onDone={reloadAfterReview} />
      <ReasonDialog
        open={recalling}
        title="撤回送审"
        label="撤回原因"
        okText="撤回"
        extra="撤回后信息回到草稿状态，可修改后重新送审。"
        onClose={() => setRecalling(false)}
        onSubmit={async (reason) => {
          await api.post(`/api/articles/${id}/recall`, { reason }, { quiet: true });
          void message.success('已撤回送审');
          reloadAfterReview();
        }}
      />
      <MinorCorrectionDialog
        article={correcting && current ? current : null}
        maxChars={minor.data?.maxChars ?? 0}
        onClose={() => setCorrecting(false)}
        onDone={(a) => client.setQueryData(['article', a.id], a)}
      />
      <UnpublishDialog
        article={unpublishing && current ? current : null}
        onClose={() => setUnpublishing(false)}
        onDone={() => void article.refetch()}
      />
    </>
  );
}

import { Button, Card, Descriptions, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  actionsFrom,
  LETTER_ACTIONS,
  type LetterAction,
  LetterCategory,
  type LetterDetail,
  LetterStatus,
  Rating,
  RejectKind,
} from '@contract/interaction';
import { useUnits } from '../../api/hooks';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccess, useMe } from '../auth/session';
import { dayOf, dueOf, timeOf } from './letter-ui';
import { LetterActionForm, type Step, stepLabel } from './LetterActionForm';
import { useLetter } from './queries';

const label = <V extends string>(labels: Record<V, string>, v: string | null) => (v ? (labels[v as V] ?? v) : '—');

/** The steps this person may take now: the table's (as the server computed them for this person) and the side steps. */
function stepsFor(l: LetterDetail, office: boolean, myUnit: number, drafter: boolean): Step[] {
  const steps: Step[] = l.actions.map((a) => a.action as LetterAction).filter((a) => a in LETTER_ACTIONS);
  const status = l.status as LetterStatus;
  // 延期 is asked while the unit holds the letter: the states from which the table gives the unit a step.
  const unitHolds = actionsFrom(status, 'unit_officer').length + actionsFrom(status, 'unit_leader').length > 0;
  const asked = l.extensionState === 'requested' || l.extensionState === 'approved';
  if (drafter && l.leadUnitId === myUnit && unitHolds && !asked && !l.overdue) steps.push('request_extension');
  if (office && l.extensionState === 'requested') steps.push('approve_extension', 'deny_extension');
  if (office && l.publicAllowed && l.reply && !l.publishedAt) steps.push('publish');
  return steps;
}

/** One letter: what was written, the whole history, and the steps open to the person now. */
export default function LetterDetailPage() {
  const id = Number(useParams().id);
  const q = useLetter(id);
  const me = useMe();
  const access = useAccess();
  const units = useUnits();
  const [step, setStep] = useState<Step | null>(null);
  const l = q.data;
  usePageTitle(l ? `来信：${l.title}` : '来信详情');
  if (!l) return <Card loading={q.isLoading} />;
  const unitName = (u: number | null) => (u ? (units.data?.find((x) => x.id === u)?.name ?? `#${u}`) : '—');
  const steps = stepsFor(l, access.can('letter.dispatch'), me.unit.id, access.can('letter.draft'));
  const due = dueOf(l);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={<h1 className="card-title">{l.title}</h1>} extra={label(LetterStatus.labels, l.status)}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="信箱">{l.mailbox}</Descriptions.Item>
          <Descriptions.Item label="类别">{label(LetterCategory.labels, l.category)}</Descriptions.Item>
          <Descriptions.Item label="来信人">{l.writerName}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{l.writerPhone}</Descriptions.Item>
          <Descriptions.Item label="来信时间">{timeOf(l.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label="期限">
            {due ? l.overdue ? <Typography.Text type="danger">{due}（已超期）</Typography.Text> : due : '—'}
            {l.extensionState === 'requested' ? `（申请延期 ${l.extensionDays} 个工作日：${l.extensionReason}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="承办单位">
            {l.leadUnitName ?? '—'}
            {l.helperUnitIds.length ? `；会办：${l.helperUnitIds.map(unitName).join('、')}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="同意公开">{l.publicAllowed ? '同意' : '不同意'}</Descriptions.Item>
          <Descriptions.Item label="来信内容" span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{l.body}</div>
          </Descriptions.Item>
          <Descriptions.Item label="附件" span={2}>
            {l.attachments.length ? (
              // The server gives them only to the office and the handling units, and logs every download.
              <ul className="plain-list">
                {l.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/api/letters/${l.id}/attachments/${a.id}`} download={a.name}>
                      {a.name}
                    </a>
                    （{Math.ceil(a.size / 1024)} KB）
                  </li>
                ))}
              </ul>
            ) : (
              '无'
            )}
          </Descriptions.Item>
          {l.rejectKind && (
            <Descriptions.Item label="不予受理" span={2}>
              {label(RejectKind.labels, l.rejectKind)}：{l.rejectReason}
            </Descriptions.Item>
          )}
          {l.unitReturnReason && (
            <Descriptions.Item label="退单理由" span={2}>
              {l.unitReturnReason}
            </Descriptions.Item>
          )}
          {l.draft && !l.reply && (
            <Descriptions.Item label="答复草稿" span={2}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{l.draft}</div>
            </Descriptions.Item>
          )}
          {l.reply && (
            <Descriptions.Item label={`答复（${l.answeredAt ? dayOf(l.answeredAt) : ''}）`} span={2}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{l.reply}</div>
            </Descriptions.Item>
          )}
          {l.rating && <Descriptions.Item label="评价">{label(Rating.labels, l.rating)}</Descriptions.Item>}
          {l.publishedAt && <Descriptions.Item label="已公开">{dayOf(l.publishedAt)}</Descriptions.Item>}
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }} aria-label="可办理的操作">
          {steps.map((s) => (
            <Button key={s} onClick={() => setStep(s)}>
              {stepLabel(s)}
            </Button>
          ))}
        </Space>
      </Card>
      <Card title={<h2 className="card-title">办理记录</h2>}>
        <Table
          rowKey={(_, i) => String(i)}
          size="small"
          pagination={false}
          dataSource={l.history}
          aria-label="办理记录"
          columns={[
            { title: '时间', dataIndex: 'at', render: (v: string) => timeOf(v) },
            { title: '环节', dataIndex: 'label' },
            { title: '办理人', dataIndex: 'actor' },
            { title: '单位', dataIndex: 'unitId', render: (u: number | null) => unitName(u) },
            { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
          ]}
        />
      </Card>
      <Modal
        open={step !== null}
        title={step ? stepLabel(step) : ''}
        footer={null}
        onCancel={() => setStep(null)}
        destroyOnHidden
      >
        {step && <LetterActionForm letter={l} step={step} onDone={() => setStep(null)} />}
      </Modal>
    </Space>
  );
}

import { Button, Card, Descriptions, Modal, Space, Table, Timeline } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { AnswerType, ApplicantKind, Channel, FoiState, IdType, ProvisionForm, ReceiptWay } from '@contract/foi';
import { api } from '../../api/client';
import { FilePicker } from '../../lib/FilePicker';
import { usePageTitle } from '../../lib/usePageTitle';
import { ACTION_LABELS, ActionForm } from './ActionForm';
import { ClockTag } from './clock-ui';
import { foiKeys, useApplication } from './queries';

/** One application: who asked for what, its clock, its history, the next steps, files and the 告知书. */
export default function FoiDetailPage() {
  const id = Number(useParams().id);
  const q = useApplication(id);
  const qc = useQueryClient();
  const [action, setAction] = useState<string | null>(null);
  const a = q.data;
  usePageTitle(a ? `申请 ${a.number}` : '申请详情');
  if (!a) return <Card loading={q.isLoading} />;
  const label = <V extends string>(labels: Record<V, string>, v: string | null) => (v ? (labels[v as V] ?? v) : '—');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={<h1 className="card-title">政府信息公开申请 {a.number}</h1>} extra={<ClockTag clock={a.clock} />}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="受理单位">{a.unitName}</Descriptions.Item>
          <Descriptions.Item label="状态">{label(FoiState.labels, a.state)}</Descriptions.Item>
          <Descriptions.Item label="申请人">
            {a.applicantName}（{label(ApplicantKind.labels, a.applicantKind)}）
          </Descriptions.Item>
          <Descriptions.Item label="证件">
            {a.applicantKind === 'person'
              ? `${label(IdType.labels, a.idType)} ${a.idNumber ?? ''}`
              : `统一社会信用代码 ${a.orgCode ?? ''}`}
          </Descriptions.Item>
          <Descriptions.Item label="联系电话">{a.phone}</Descriptions.Item>
          <Descriptions.Item label="通信地址">{a.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="所需信息" span={2}>
            {a.description}
            {a.docNumber ? `（${a.docNumber}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="用途">{a.purpose ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="提供形式 / 获取方式">
            {label(ProvisionForm.labels, a.provisionForm)} / {label(ReceiptWay.labels, a.receiptWay)}
          </Descriptions.Item>
          <Descriptions.Item label="收到方式">{label(Channel.labels, a.channel)}</Descriptions.Item>
          <Descriptions.Item label="收到申请之日">{a.clock.receivedDay}</Descriptions.Item>
          <Descriptions.Item label="补正最迟告知日">{a.clock.correctionDueDay}</Descriptions.Item>
          <Descriptions.Item label="答复期限">
            {a.clock.dueDay ?? '—'}
            {a.clock.pausedWorkdays ? `（第三方意见期间 ${a.clock.pausedWorkdays} 个工作日不计算）` : ''}
            {a.clock.extended ? '（已延期）' : ''}
          </Descriptions.Item>
          {a.answer && (
            <Descriptions.Item label="答复" span={2}>
              {label(AnswerType.labels, a.answer.type)}
              {a.answer.groundLabel ? `：${a.answer.groundLabel}` : ''}（{a.answer.day}）
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }}>
          {a.actions.map((x) => (
            <Button key={x} onClick={() => setAction(x)} type={x === 'answer' ? 'primary' : 'default'}>
              {ACTION_LABELS[x] ?? x}
            </Button>
          ))}
          {a.correction && (
            <>
              <Button href={`/api/foi/applications/${a.id}/correction-notice.html`} target="_blank">
                查看补正告知书
              </Button>
              <Button href={`/api/foi/applications/${a.id}/correction-notice.pdf`}>下载补正告知书 PDF</Button>
            </>
          )}
          {a.extension && (
            <>
              <Button href={`/api/foi/applications/${a.id}/extension-notice.html`} target="_blank">
                查看延期答复告知书
              </Button>
              <Button href={`/api/foi/applications/${a.id}/extension-notice.pdf`}>下载延期答复告知书 PDF</Button>
            </>
          )}
          {a.answer && (
            <>
              <Button href={`/api/foi/applications/${a.id}/notice.html`} target="_blank">
                查看告知书
              </Button>
              <Button href={`/api/foi/applications/${a.id}/notice.pdf`}>下载告知书 PDF</Button>
            </>
          )}
        </Space>
      </Card>
      <Card title={<h2 className="card-title">办理过程</h2>}>
        <Timeline
          items={a.events.map((e) => ({
            children: `${e.day} ${e.label}${e.note ? `：${e.note}` : ''}（${e.username}）`,
          }))}
        />
      </Card>
      <Card title={<h2 className="card-title">文件</h2>}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={a.files}
          columns={[
            {
              title: '文件名',
              dataIndex: 'fileName',
              render: (n: string, f) => <a href={`/api/foi/applications/${a.id}/files/${f.id}`}>{n}</a>,
            },
            { title: '大小', dataIndex: 'size', render: (s: number) => `${Math.ceil(s / 1024)} KB` },
          ]}
        />
        <div style={{ marginTop: 12 }}>
          <FilePicker
            id="foi-file"
            label="上传提供的信息或申请材料（不超过 10 MB）"
            accept=".pdf,.doc,.docx,.xls,.xlsx,.wps,.jpg,.jpeg,.png"
            onChange={async (file) => {
              if (!file) return;
              await api.upload(`/api/foi/applications/${a.id}/files`, file, file.name);
              await qc.invalidateQueries({ queryKey: foiKeys.detail(a.id) });
            }}
          />
        </div>
      </Card>
      <Modal
        open={action !== null}
        title={action ? ACTION_LABELS[action] : ''}
        footer={null}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        {action && <ActionForm id={a.id} action={action} today={a.today} onDone={() => setAction(null)} />}
      </Modal>
    </Space>
  );
}

import { Alert, Descriptions, Space, Tag } from 'antd';
import type { Duty, DutyRule } from '@contract/guarantee';

export function RuleText({
  rule,
  cadenceLabel,
  channelLabel,
}: {
  rule: DutyRule;
  cadenceLabel: string;
  channelLabel: string;
}) {
  const notes = [
    rule.perUnit ? '按每个保障单位分别计算' : null,
    rule.workdaysOnly ? '只计工作日' : null,
    rule.emailTo ? `报送邮箱 ${rule.emailTo}` : null,
  ].filter(Boolean);
  return (
    <Space wrap size={4}>
      <Tag color="blue">{cadenceLabel}</Tag>
      <Tag>{channelLabel}</Tag>
      {notes.map((n) => (
        <span key={n} className="muted">
          {n}
        </span>
      ))}
    </Space>
  );
}

export function PartyTags({
  parties,
}: {
  parties: Array<{
    role: string;
    roleLabel: string;
    label: string;
    unitName: string | null;
    groupName: string | null;
    kind: string;
  }>;
}) {
  if (!parties.length) return <span className="muted">未指定保障单位</span>;
  return (
    <Space wrap size={4}>
      {parties.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parties have no id and the list is replaced whole
        <Tag key={i} color={p.kind === 'unresolved' ? 'error' : p.role === 'lead' ? 'processing' : 'default'}>
          {p.roleLabel}：{p.unitName ?? p.groupName ?? p.label}
          {p.kind === 'unresolved' ? '（未识别）' : p.kind === 'vague' ? '（泛指）' : ''}
        </Tag>
      ))}
    </Space>
  );
}

/** A column's guarantee duty: the list's own words, and what the system reads from them. */
export function DutySummary({ duty }: { duty: Duty }) {
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="保障单位">
          <PartyTags parties={duty.parties} />
        </Descriptions.Item>
        <Descriptions.Item label="相关要求（原文）">
          <span data-testid="requirement-text">{duty.requirementText}</span>
        </Descriptions.Item>
        <Descriptions.Item label="解析的规则">
          <span data-testid="requirement-rule">
            <RuleText rule={duty.rule} cadenceLabel={duty.cadenceLabel} channelLabel={duty.channelLabel} />
          </span>
        </Descriptions.Item>
        {duty.rule.basis && <Descriptions.Item label="报送方式依据">{duty.rule.basis}</Descriptions.Item>}
        <Descriptions.Item label="生效日期">{duty.effectiveFrom}</Descriptions.Item>
        {duty.note && <Descriptions.Item label="备注">{duty.note}</Descriptions.Item>}
      </Descriptions>
      {duty.rule.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="form-hint"
          title="解析提示"
          description={duty.rule.warnings.join('；')}
        />
      )}
    </>
  );
}

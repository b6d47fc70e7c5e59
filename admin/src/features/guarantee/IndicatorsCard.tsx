import { Card, Collapse, Empty, List, Space } from 'antd';
import type { SiteIndicators } from '@contract/guarantee-reports';
import { LevelTag } from './status-ui';

/**
 * The site-level veto indicators of the national inspection (首页不更新, 栏目不更新, 应更新未更新, 空白栏目,
 * 互动回应, 站点无法访问) with their early warnings, and the columns behind each count.
 */
export function IndicatorsCard({ sites, compact = false }: { sites: SiteIndicators[]; compact?: boolean }) {
  return (
    <Card
      title={<h2 className="card-title">网站检查单项否决指标</h2>}
      className="section-card"
      size={compact ? 'small' : 'default'}
    >
      {sites.length === 0 && <Empty description="按单位或栏目筛选时不计算站点指标" />}
      {sites.map((s) => (
        <section key={s.siteId} aria-label={`${s.siteName}的单项否决指标`}>
          {sites.length > 1 && (
            <h3 className="field-heading">
              {s.siteName} <LevelTag level={s.level} />
            </h3>
          )}
          <List
            dataSource={s.indicators}
            renderItem={(i) => (
              <List.Item>
                <div style={{ width: '100%' }} data-testid={`indicator-${i.key}`}>
                  <Space size={4} wrap>
                    <LevelTag level={i.level} />
                    <strong>{i.label}</strong>
                    {i.applicable && i.value !== null && (
                      <span className="muted">
                        当前 {i.value}
                        {i.unit ?? ''}，预警线 {i.warnAbove}
                        {i.unit ?? ''}，否决线 {i.limit}
                        {i.unit ?? ''}
                      </span>
                    )}
                  </Space>
                  <div className="explanation">{i.explanation}</div>
                  {!compact && i.columns.length > 0 && i.key !== 'home_page' && (
                    <Collapse
                      size="small"
                      ghost
                      items={[
                        {
                          key: 'cols',
                          label: `涉及栏目（${i.columns.length} 个）`,
                          children: (
                            <ul className="plain-list">
                              {i.columns.map((c) => (
                                <li key={c.id}>
                                  {c.path}
                                  <span className="muted">（{c.lastDay ? `最近更新 ${c.lastDay}` : '从未更新'}）</span>
                                </li>
                              ))}
                            </ul>
                          ),
                        },
                      ]}
                    />
                  )}
                </div>
              </List.Item>
            )}
          />
        </section>
      ))}
    </Card>
  );
}

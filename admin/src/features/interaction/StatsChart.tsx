// The package's ES module build; its CommonJS build (lib/) hands Vite a namespace, not the component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { StatsRow } from '@contract/interaction';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** 收件 and 办结 per unit over the chosen months; the canvas is described in words for screen readers. */
export function UnitBars({ rows }: { rows: StatsRow[] }) {
  const units = [...new Set(rows.map((r) => r.unitName))];
  const sum = (u: string, k: 'received' | 'closed') =>
    rows.filter((r) => r.unitName === u).reduce((a, r) => a + r[k], 0);
  const received = units.map((u) => sum(u, 'received'));
  const closed = units.map((u) => sum(u, 'closed'));
  const summary = `各单位收件与办结：${units.map((u, i) => `${u} 收件 ${received[i]} 件、办结 ${closed[i]} 件`).join('；')}`;
  return (
    <div role="img" aria-label={summary}>
      <ReactEChartsCore
        echarts={echarts}
        style={{ height: 280 }}
        option={{
          color: ['#0958d9', '#1a7f37'],
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 40, right: 16, top: 36, bottom: 48 },
          xAxis: { type: 'category', data: units, axisLabel: { rotate: 20 } },
          yAxis: { type: 'value', minInterval: 1, name: '件' },
          series: [
            { type: 'bar', name: '收件', data: received },
            { type: 'bar', name: '办结', data: closed },
          ],
        }}
      />
    </div>
  );
}

// The package's ES module build; its CommonJS build (lib/) hands Vite a namespace, not the component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the pieces the dashboard draws, so the chart library stays a small part of the download.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface WeekCount {
  label: string;
  count: number;
}

export function WeeklyChart({ weeks }: { weeks: WeekCount[] }) {
  // The canvas says nothing to a screen reader; the same numbers are given as text.
  const summary = `近 ${weeks.length} 周每周发布信息数：${weeks.map((w) => `${w.label} ${w.count} 条`).join('，')}`;
  return (
    <div role="img" aria-label={summary}>
      <ReactEChartsCore
        echarts={echarts}
        style={{ height: 280 }}
        option={{
          color: ['#0958d9'],
          tooltip: {
            trigger: 'axis',
            formatter: (p: Array<{ name: string; value: number }>) => `${p[0]?.name}<br/>发布 ${p[0]?.value} 条`,
          },
          grid: { left: 40, right: 16, top: 24, bottom: 48 },
          xAxis: { type: 'category', data: weeks.map((w) => w.label), axisLabel: { rotate: 30 } },
          yAxis: { type: 'value', minInterval: 1, name: '条' },
          series: [{ type: 'bar', data: weeks.map((w) => w.count), barMaxWidth: 28 }],
        }}
      />
    </div>
  );
}

// The package's ES module build; its CommonJS build (lib/) hands Vite a namespace, not the component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the pieces these charts draw, so the chart library stays a small part of the download.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Drawn {
  series?: Array<{ name?: string; data?: unknown[] }>;
  xAxis?: Array<{ type?: string; data?: unknown[] }>;
  yAxis?: Array<{ type?: string; data?: unknown[] }>;
}

/**
 * After each drawing, what the chart instance holds (categories, series names and values) is written
 * to its element as data-chart: a canvas is only pixels, and this is how a browser test (or anyone
 * inspecting the page) can tell the chart shows the numbers it was given.
 */
const EVENTS = {
  finished: (_: unknown, chart: echarts.EChartsType) => {
    const o = chart.getOption() as Drawn;
    const axis = [...(o.xAxis ?? []), ...(o.yAxis ?? [])].find((a) => a.type === 'category');
    chart.getDom().dataset.chart = JSON.stringify({
      categories: axis?.data ?? [],
      series: (o.series ?? []).map((x) => ({ name: x.name, data: x.data })),
    });
  },
};

export interface Series {
  name: string;
  data: number[];
}

const COLORS = ['#0958d9', '#1a7f37', '#9a6700', '#c9252d', '#6b3fa0'];

/** Weekly lines (published, submitted, adopted); the canvas is described in words for screen readers. */
export function WeeklyLines({ labels, series, title }: { labels: string[]; series: Series[]; title: string }) {
  const summary = `${title}：${series.map((s) => `${s.name}合计 ${s.data.reduce((a, b) => a + b, 0)} 条`).join('，')}；${labels.map((l, i) => `${l} ${series.map((s) => `${s.name} ${s.data[i] ?? 0}`).join('、')}`).join('；')}`;
  return (
    <div role="img" aria-label={summary}>
      <ReactEChartsCore
        echarts={echarts}
        onEvents={EVENTS}
        style={{ height: 300 }}
        option={{
          color: COLORS,
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 40, right: 16, top: 36, bottom: 48 },
          xAxis: { type: 'category', data: labels, axisLabel: { rotate: 30 } },
          yAxis: { type: 'value', minInterval: 1, name: '条' },
          series: series.map((s) => ({ type: 'line', name: s.name, data: s.data, smooth: false, symbolSize: 6 })),
        }}
      />
    </div>
  );
}

/** Units side by side (horizontal bars), most first. */
export function UnitBars({ units, series, title }: { units: string[]; series: Series[]; title: string }) {
  const summary = `${title}：${units.map((u, i) => `${u} ${series.map((s) => `${s.name} ${s.data[i] ?? 0}`).join('、')}`).join('；')}`;
  return (
    <div role="img" aria-label={summary}>
      <ReactEChartsCore
        echarts={echarts}
        onEvents={EVENTS}
        style={{ height: Math.max(240, units.length * 28 + 60) }}
        option={{
          color: COLORS,
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { top: 0 },
          grid: { left: 100, right: 24, top: 36, bottom: 24 },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', data: units, inverse: true },
          series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, barMaxWidth: 14 })),
        }}
      />
    </div>
  );
}

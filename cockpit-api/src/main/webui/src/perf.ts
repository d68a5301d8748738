import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { api } from './api';

echarts.use([LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

interface Point { t: string; [k: string]: number | string | null }
interface PerfResponse {
  resolution: string;
  gpus: { index: number; name: string | null; points: Point[] }[];
  models?: { model: string; points: Point[] }[];
}

const RANGES: Record<string, number> = { '15m': 15 * 60e3, '1h': 3600e3, '24h': 24 * 3600e3, '7d': 7 * 24 * 3600e3 };

/** Per host: VRAM, temperature, power and utilisation per GPU, and tokens/s per model. */
export class PerfView {
  private charts = new Map<string, echarts.ECharts>();
  private dark = matchMedia('(prefers-color-scheme: dark)').matches;

  constructor(private readonly note: HTMLElement) {
    addEventListener('resize', () => this.charts.forEach((c) => c.resize()));
  }

  async show(host: string, range: string): Promise<void> {
    if (!host) {
      this.note.textContent = 'no host';
      return;
    }
    const to = new Date();
    const from = new Date(to.getTime() - RANGES[range]);
    this.note.textContent = 'loading…';
    try {
      const p = await api<PerfResponse>(
        `/api/perf/${encodeURIComponent(host)}?from=${from.toISOString()}&to=${to.toISOString()}`,
      );
      this.note.textContent = `${p.resolution === 'raw' ? 'raw samples' : '5-minute rollups'}`;
      const gpuSeries = (field: string) =>
        p.gpus.map((g) => ({ name: `GPU ${g.index}`, points: g.points.map((pt) => [pt.t, pt[field]]) }));
      this.draw('c-vram', 'VRAM used (MB)', gpuSeries('memUsedMb'));
      this.draw('c-temp', 'Temperature (°C)', gpuSeries('tempC'));
      this.draw('c-power', 'Power (W)', gpuSeries('powerW'));
      this.draw('c-util', 'Utilisation (%)', gpuSeries('utilPct'));
      this.draw(
        'c-tps',
        'Tokens/s per model',
        (p.models ?? []).map((m) => ({ name: m.model, points: m.points.map((pt) => [pt.t, pt.tokensPerSecond]) })),
      );
    } catch (e) {
      this.note.textContent = `could not load performance: ${(e as Error).message}`;
    }
  }

  private draw(id: string, title: string, series: { name: string; points: unknown[][] }[]): void {
    const el = document.getElementById(id)!;
    let chart = this.charts.get(id);
    if (!chart) {
      chart = echarts.init(el, this.dark ? 'dark' : undefined);
      this.charts.set(id, chart);
    }
    chart.setOption(
      {
        animation: false,
        backgroundColor: 'transparent',
        title: { text: title, textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'axis' },
        legend: { top: 22, type: 'scroll' },
        grid: { left: 50, right: 16, top: 56, bottom: 28 },
        xAxis: { type: 'time' },
        yAxis: { type: 'value' },
        series: series.map((s) => ({ type: 'line', name: s.name, showSymbol: false, data: s.points })),
      },
      true,
    );
  }
}

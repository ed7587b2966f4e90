/**
 * The one ECharts wrapper of the web app. Tree-shaken (`echarts/core` + the charts and components we use) and
 * meant to be loaded lazily through `LazyEChart` (./LazyEChart.tsx) so ECharts stays out of the initial JS.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  RadarComponent,
  TooltipComponent,
  DataZoomComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
  BarChart,
  LineChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  RadarComponent,
  TooltipComponent,
  DataZoomComponent,
  SVGRenderer,
]);

export interface EChartProps {
  option: EChartsCoreOption;
  height?: number;
  testId?: string;
  /** A click anywhere in the first grid, as [x, y] in axis values (e.g. seek a time axis). */
  onGridClick?: (value: [number, number]) => void;
}

export default function EChart({ option, height = 300, testId, onGridClick }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onGridClick);
  clickRef.current = onGridClick;

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.current = c;
    c.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
      const point = [e.offsetX, e.offsetY];
      if (!clickRef.current || !c.containPixel({ gridIndex: 0 }, point)) return;
      const v = c.convertFromPixel({ gridIndex: 0 }, point) as number[];
      if (typeof v[0] === 'number' && typeof v[1] === 'number') clickRef.current([v[0], v[1]]);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height }} />;
}

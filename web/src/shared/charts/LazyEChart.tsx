import { lazy, Suspense } from 'react';
import { Skeleton } from 'antd';
import type { EChartProps } from './EChart';

// ECharts is loaded on first use only (it must stay out of the initial bundle).
const EChart = lazy(() => import('./EChart'));

export function LazyEChart(props: EChartProps) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 5 }} />}>
      <EChart {...props} />
    </Suspense>
  );
}

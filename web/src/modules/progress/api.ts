import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client';

export type ForecastStatus = 'met' | 'on_track' | 'at_risk' | 'off_track' | 'missed';

export interface DashboardTarget {
  id: string;
  title: string;
  dueDate: string;
  requiredCount: number;
  ofCount: number;
  orgUnitName: string;
  /** this: set for the scope viewed; above: set above it (e.g. the city's, seen by a team); within: for a unit inside it. Counts are always over the target unit's teams. */
  relation: 'this' | 'above' | 'within';
  aspectCode: string | null;
  aspectMinPct: number | null;
  current: number;
  forecast: { status: ForecastStatus | string; current: number; required: number; projected: number; slopePerMonth: number; method: string };
}

export interface Dashboard {
  campaign: { id: string; name: string; versionLabel: string; passPct: number; basicPct: number };
  scope: { id: string; name: string };
  today: string;
  now: { pass: number; basicPass: number; fail: number; notAccepted: number; total: number };
  targets: DashboardTarget[];
  burnUp: { day: string; pass: number; basicPass: number; accepted: number; avgPct: number }[];
  burnUpBucket: string;
  byDistrict: { orgUnitId: string | null; name: string; pass: number; basicPass: number; fail: number; total: number; avgPct: number }[];
  byAspect: { aspectCode: string; title: string; avgPct: number; teamsBelow: string[] }[];
  gaps: {
    orgUnitId: string;
    name: string;
    districtName: string;
    status: string;
    pct: number;
    grade: string | null;
    vetoFailed: { code: string; title: string }[];
    failing: { code: string; title: string; points: number; isVeto: boolean }[];
    openRectifications: number;
  }[];
  ranking: { rank: number; orgUnitId: string; name: string; pct: number; grade: string | null; status: string }[];
  actions: string[];
}

export interface ReportJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  message: string | null;
  files: { xlsx: string | null; pdf: string | null };
}

export function useDashboard(campaignId: string | undefined) {
  return useQuery({
    queryKey: ['progress', 'dashboard', campaignId],
    queryFn: ({ signal }) => api.get<Dashboard>('/api/progress/dashboard', { campaignId }, signal),
    enabled: !!campaignId,
    staleTime: 30_000,
  });
}

export function useStartReport() {
  return useMutation({ mutationFn: (campaignId: string) => api.post<{ id: string }>('/api/progress/reports', { campaignId }) });
}

/** Polls a report job every second until it is done or failed. */
export function useReportJob(id: string | null) {
  return useQuery({
    queryKey: ['progress', 'report', id],
    queryFn: ({ signal }) => api.get<ReportJob>(`/api/progress/reports/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}

export const reportFileUrl = (id: string, kind: 'xlsx' | 'pdf') => `/api/progress/reports/${encodeURIComponent(id)}/report.${kind}`;

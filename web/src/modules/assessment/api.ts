import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client';
import { postFile } from '../catalog/api';

export type AssessmentState = 'draft' | 'submitted' | 'district_reviewed' | 'accepted';
export type ItemResult = 'compliant' | 'partially_compliant' | 'non_compliant' | 'not_applicable';
export type Grade = 'pass' | 'basic_pass' | 'fail';
export const ITEM_RESULTS: readonly ItemResult[] = ['compliant', 'partially_compliant', 'non_compliant', 'not_applicable'];
export const STATES: readonly AssessmentState[] = ['draft', 'submitted', 'district_reviewed', 'accepted'];

export interface CampaignSummary {
  id: string;
  name: string;
  versionId: string;
  versionLabel: string;
  standardName: string;
  startDate: string;
  dueDate: string;
  passPct: number;
  basicPct: number;
  status: 'active' | 'closed' | string;
  isDemo: boolean;
  counts: { total: number; draft: number; submitted: number; districtReviewed: number; accepted: number };
  passCount: number;
}

export interface AssessmentRow {
  id: string;
  orgUnitId: string;
  orgUnitName: string;
  districtName: string;
  status: AssessmentState;
  pct: number;
  score: number;
  maxScore: number;
  grade: Grade | null;
  answered: number;
  total: number;
  failing: number;
  isDemo: boolean;
  actions: string[];
}

export interface CampaignDetail extends Omit<CampaignSummary, 'counts' | 'passCount'> {
  assessments: AssessmentRow[];
}

export interface Evidence {
  id: string;
  sha256: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedByName: string;
  isDemo?: boolean;
}

export interface ItemRectification {
  id: string;
  title: string;
  status: string;
  dueDate: string;
  overdue: boolean;
}

export interface AssessmentItem {
  id: string;
  code: string;
  aspectCode: string;
  title: string;
  text: string | null;
  points: number;
  method: 'pass_fail' | 'graded' | 'computed';
  rule: string | null;
  isVeto: boolean;
  evidenceExpected: string | null;
  guidance: string | null;
  result: ItemResult | null;
  score: number | null;
  comment: string | null;
  computed: { result?: ItemResult; detail?: string; value?: unknown } | null;
  overrideReason: string | null;
  districtComment: string | null;
  cityComment: string | null;
  version: number;
  evidence: Evidence[];
  rectifications: ItemRectification[];
  actions: string[];
}

export interface AssessmentDetail {
  assessment: {
    id: string;
    campaignId: string;
    campaignName: string;
    standardName: string;
    versionLabel: string;
    orgUnitId: string;
    orgUnitName: string;
    districtName: string;
    status: AssessmentState;
    grade: Grade | null;
    score: number;
    maxScore: number;
    pct: number;
    passPct: number;
    basicPct: number;
    version: number;
    isDemo: boolean;
    actions: string[];
  };
  grading: {
    score: number;
    max: number;
    pct: number;
    grade: Grade;
    aspects: { aspectCode: string; score: number; max: number; pct: number; failing: string[] }[];
    vetoFailed: string[];
    failing: string[];
    unanswered: string[];
    notApplicable: string[];
    reasons: string[];
  };
  nodes: { code: string; parentCode: string | null; depth: number; title: string; isItem: boolean }[];
  items: AssessmentItem[];
  events: { action: string; fromState: string; toState: string; comment: string | null; actorName: string; at: string }[];
}

export interface Rectification {
  id: string;
  assessmentId: string;
  campaignId: string;
  nodeCode: string;
  orgUnitId: string;
  orgUnitName: string;
  title: string;
  description: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  dueDate: string;
  status: 'open' | 'in_progress' | 'submitted' | 'verified' | 'reopened';
  overdue: boolean;
  resolutionNote: string | null;
  verifyNote: string | null;
  isDemo: boolean;
  version: number;
  actions: string[];
}

export const ASSESSMENT_KEY = ['assessment'] as const;

export function useCampaigns() {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'campaigns'],
    queryFn: ({ signal }) => api.get<{ items: CampaignSummary[]; actions: string[] }>('/api/assessment/campaigns', undefined, signal),
    staleTime: 30_000,
  });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'campaign', id],
    queryFn: ({ signal }) => api.get<CampaignDetail>(`/api/assessment/campaigns/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreateCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; versionId: string; unitIds: string[]; startDate: string; dueDate: string; passPct: number; basicPct: number }) =>
      api.post<{ id: string }>('/api/assessment/campaigns', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ASSESSMENT_KEY }),
  });
}

export const assessmentKey = (id: string | undefined) => [...ASSESSMENT_KEY, 'assessment', id] as const;

export function useAssessment(id: string | undefined) {
  return useQuery({
    queryKey: assessmentKey(id),
    queryFn: ({ signal }) => api.get<AssessmentDetail>(`/api/assessment/assessments/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

export interface SaveItemBody {
  version: number;
  result: ItemResult | null;
  score?: number | null;
  comment?: string | null;
  overrideReason?: string | null;
}

export function useSaveItem(assessmentId: string) {
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: SaveItemBody }) =>
      api.patch<{ code: string; version: number; assessmentPct: number }>(
        `/api/assessment/assessments/${encodeURIComponent(assessmentId)}/items/${encodeURIComponent(code)}`,
        body,
      ),
  });
}

export function useReviewComment(assessmentId: string) {
  return useMutation({
    mutationFn: ({ code, comment }: { code: string; comment: string }) =>
      api.post(`/api/assessment/assessments/${encodeURIComponent(assessmentId)}/items/${encodeURIComponent(code)}/review-comment`, { comment }),
  });
}

export function useTransition(assessmentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: string; comment?: string }) =>
      api.post(`/api/assessment/assessments/${encodeURIComponent(assessmentId)}/transitions`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ASSESSMENT_KEY }),
  });
}

export function uploadEvidence(assessmentId: string, code: string, file: File) {
  return postFile<Evidence>(
    `/api/assessment/assessments/${encodeURIComponent(assessmentId)}/items/${encodeURIComponent(code)}/evidence`,
    file,
  );
}

export const evidenceUrl = (id: string) => `/api/assessment/evidence/${encodeURIComponent(id)}`;

export function useOpenRectification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { assessmentId: string; nodeCode: string; title: string; description?: string; dueDate: string }) =>
      api.post<Rectification>('/api/assessment/rectifications', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ASSESSMENT_KEY }),
  });
}

export function useRectifications(campaignId: string | undefined) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'rectifications', campaignId ?? null],
    queryFn: ({ signal }) =>
      api.get<{ today: string; items: Rectification[] }>('/api/assessment/rectifications', { campaignId }, signal),
  });
}

export function useRectificationTransition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; action: string; version: number; note?: string }) =>
      api.post<Rectification>(`/api/assessment/rectifications/${encodeURIComponent(id)}/transitions`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ASSESSMENT_KEY }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, postFile } from '../../shared/api/client';
import type { Body, ItemOf, Ok } from '../../shared/api/contract';
import { ASSESSMENT_KEY } from '../../shared/campaigns';

// The campaign list is shared (the progress dashboard picks a campaign); re-exported for this module's pages.
export { ASSESSMENT_KEY, useCampaigns, type CampaignList, type CampaignSummary } from '../../shared/campaigns';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type CampaignDetail = Ok<'/api/assessment/campaigns/{id}', 'get'>;
export type AssessmentRow = ItemOf<CampaignDetail['assessments']>;
export type AssessmentDetail = Ok<'/api/assessment/assessments/{id}', 'get'>;
export type AssessmentItem = ItemOf<AssessmentDetail['items']>;
export type Evidence = ItemOf<AssessmentItem['evidence']>;
export type ItemRectification = ItemOf<AssessmentItem['rectifications']>;
/** A computed item's stored evaluation: result, explanation, the rule's terms and the metrics without data. */
export type ComputedRecord = NonNullable<AssessmentItem['computed']>;
export type AssessmentState = AssessmentDetail['assessment']['status'];
export type AssessmentAction = ItemOf<AssessmentDetail['assessment']['actions']>;
export type ItemResult = NonNullable<AssessmentItem['result']>;
export type Grade = AssessmentDetail['grading']['grade'];
type RectificationList = Ok<'/api/assessment/rectifications', 'get'>;
export type Rectification = ItemOf<RectificationList['items']>;
export type RectificationAction = ItemOf<Rectification['actions']>;
export type SaveItemBody = Body<'/api/assessment/assessments/{id}/items/{code}', 'patch'>;
export type CreateCampaignBody = Body<'/api/assessment/campaigns', 'post'>;
export type TransitionBody = Body<'/api/assessment/assessments/{id}/transitions', 'post'>;
export type OpenRectificationBody = Body<'/api/assessment/rectifications', 'post'>;
export type RectificationTransitionBody = Body<'/api/assessment/rectifications/{id}/transitions', 'post'>;

export const ITEM_RESULTS: readonly ItemResult[] = ['compliant', 'partially_compliant', 'non_compliant', 'not_applicable'];
export const STATES: readonly AssessmentState[] = ['draft', 'submitted', 'district_reviewed', 'accepted'];

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
    mutationFn: (body: CreateCampaignBody) => api.post<Ok<'/api/assessment/campaigns', 'post'>>('/api/assessment/campaigns', body),
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

export function useSaveItem(assessmentId: string) {
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: SaveItemBody }) =>
      api.patch<Ok<'/api/assessment/assessments/{id}/items/{code}', 'patch'>>(
        `/api/assessment/assessments/${encodeURIComponent(assessmentId)}/items/${encodeURIComponent(code)}`,
        body,
      ),
  });
}

export function useReviewComment(assessmentId: string) {
  return useMutation({
    mutationFn: ({ code, comment }: { code: string; comment: string }) =>
      api.post<Ok<'/api/assessment/assessments/{id}/items/{code}/review-comment', 'post'>>(
        `/api/assessment/assessments/${encodeURIComponent(assessmentId)}/items/${encodeURIComponent(code)}/review-comment`,
        { comment } satisfies Body<'/api/assessment/assessments/{id}/items/{code}/review-comment', 'post'>,
      ),
  });
}

export function useTransition(assessmentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionBody) => api.post<AssessmentDetail>(`/api/assessment/assessments/${encodeURIComponent(assessmentId)}/transitions`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ASSESSMENT_KEY }),
  });
}

export function uploadEvidence(assessmentId: string, code: string, file: File) {
  return postFile<Ok<'/api/assessment/assessments/{id}/items/{code}/evidence', 'post'>>(
    `/api/assessment/assessments/${encodeURIComponent(assessmentId)}/items/${encodeURIComponent(code)}/evidence`,
    file,
  );
}

export const evidenceUrl = (id: string) => `/api/assessment/evidence/${encodeURIComponent(id)}`;

export function useOpenRectification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenRectificationBody) => api.post<Ok<'/api/assessment/rectifications', 'post'>>('/api/assessment/rectifications', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ASSESSMENT_KEY }),
  });
}

export function useRectifications(campaignId: string | undefined) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'rectifications', campaignId ?? null],
    queryFn: ({ signal }) =>
      api.get<RectificationList>('/api/assessment/rectifications', { campaignId }, signal),
  });
}

export function useRectificationTransition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & RectificationTransitionBody) =>
      api.post<Ok<'/api/assessment/rectifications/{id}/transitions', 'post'>>(`/api/assessment/rectifications/${encodeURIComponent(id)}/transitions`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ASSESSMENT_KEY }),
  });
}

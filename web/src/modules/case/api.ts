import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client';
import type { Body, ItemOf, Ok, QueryOf } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type CaseList = Ok<'/api/cases/', 'get'>;
export type CaseSummary = ItemOf<CaseList['items']>;
export type ListQuery = QueryOf<'/api/cases/', 'get'>;
export type CaseDetail = Ok<'/api/cases/{id}', 'get'>;
export type CaseState = CaseDetail['state'];
export type CaseAction = ItemOf<CaseDetail['actions']>;
export type TimelineEvent = ItemOf<CaseDetail['timeline']>;
export type Deadline = ItemOf<CaseDetail['deadlines']>;
export type Penalty = NonNullable<CaseDetail['proposedPenalty']>;
export type PenaltyKind = ItemOf<Penalty['kinds']>;
export type ActionBody = Body<'/api/cases/{id}/actions/{action}', 'post'>;
export type LeadBody = Body<'/api/cases/leads', 'post'>;
export type SimpleBody = Body<'/api/cases/simple', 'post'>;
export type PartyInput = NonNullable<LeadBody['party']>;
export type PartyKind = PartyInput['kind'];
export type CaseSource = LeadBody['source'];
export type Board = Ok<'/api/cases/deadlines', 'get'>;
export type BoardItem = ItemOf<Board['items']>;
export type OfficerList = Ok<'/api/cases/officers', 'get'>;
export type Officer = ItemOf<OfficerList['items']>;
export type ServiceMethod = NonNullable<ActionBody['method']>;
export type DecisionOutcome = NonNullable<ActionBody['outcome']>;
export type EvidenceOutcome = NonNullable<ActionBody['evidenceOutcome']>;
export type ViolationItems = Ok<'/api/violation/items', 'get'>;
export type ViolationItem = ItemOf<ViolationItems['items']>;
export type BandLevel = ItemOf<ViolationItem['bands']>['level'];

export const CASE_KEY = ['case'] as const;

// The value lists of the contract's enums, in the order the pages show them (checked against the contract types).
export const CASE_STATES = [
  'lead', 'checked', 'not_filed', 'investigating', 'investigated', 'notified', 'hearing_requested', 'hearing_scheduled', 'heard', 'in_review', 'reviewed', 'discussed', 'decided', 'executing', 'court_enforcement', 'executed', 'closed', 'archived', 'withdrawn',
] as const satisfies readonly CaseState[];
export const CASE_SOURCES = ['patrol', 'complaint', 'referral', 'report', 'digital_cityops'] as const satisfies readonly CaseSource[];
export const PROCEDURES = ['general', 'simple'] as const satisfies readonly CaseDetail['procedure'][];
export const PARTY_KINDS = ['individual', 'business', 'organization'] as const satisfies readonly PartyKind[];
export const PENALTY_KINDS = ['warning', 'fine', 'confiscation', 'suspension', 'closure'] as const satisfies readonly PenaltyKind[];
export const SERVICE_METHODS = ['direct', 'left_at_premises', 'entrusted', 'post', 'electronic', 'public_notice'] as const satisfies readonly ServiceMethod[];
export const OUTCOMES = ['penalty', 'no_penalty', 'transfer'] as const satisfies readonly DecisionOutcome[];
export const EVIDENCE_OUTCOMES = ['released', 'seized', 'tested', 'transferred'] as const satisfies readonly EvidenceOutcome[];
export const BAND_LEVELS = ['minor', 'general', 'serious', 'severe'] as const satisfies readonly BandLevel[];

/** States in which a case is finished (grey tag). */
export const ENDED_STATES: readonly CaseState[] = ['not_filed', 'closed', 'archived', 'withdrawn'];

export function useCases(query: ListQuery) {
  return useQuery({
    queryKey: [...CASE_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<CaseList>('/api/cases/', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: [...CASE_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
    retry: false,
  });
}

/** One page of the board (the totals are the server's, over every row). */
export function useBoard(unitId: string | undefined, dueWithin: number, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...CASE_KEY, 'board', unitId, dueWithin, page.limit, page.offset],
    queryFn: ({ signal }) => api.get<Board>('/api/cases/deadlines', { unitId, dueWithin, ...page }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Persons of a team who may be named on a step, with their 执法证 validity on the step's date. */
export function useOfficers(unitId: string | undefined, onDate: string | undefined) {
  return useQuery({
    queryKey: [...CASE_KEY, 'officers', unitId, onDate],
    queryFn: ({ signal }) => api.get<OfficerList>('/api/cases/officers', { unitId, onDate }, signal),
    enabled: !!unitId,
    staleTime: 60_000,
  });
}

/** The published 违法行为 catalogue, searched by name or code. */
export function useViolationSearch(q: string) {
  return useQuery({
    queryKey: ['violation', 'items', 'case-search', q],
    queryFn: ({ signal }) => api.get<ViolationItems>('/api/violation/items', { q: q || undefined, limit: 30 }, signal),
    staleTime: 60_000,
  });
}

export function useCaseActions() {
  const qc = useQueryClient();
  const done = (c: CaseDetail) => {
    qc.setQueryData([...CASE_KEY, 'detail', c.id], c);
    return qc.invalidateQueries({ queryKey: CASE_KEY, predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== c.id });
  };
  return {
    act: useMutation({
      mutationFn: (v: { id: string; action: CaseAction; body: ActionBody }) => api.post<CaseDetail>(`/api/cases/${encodeURIComponent(v.id)}/actions/${v.action}`, v.body),
      onSuccess: done,
    }),
    createLead: useMutation({ mutationFn: (body: LeadBody) => api.post<CaseDetail>('/api/cases/leads', body), onSuccess: done }),
    simple: useMutation({ mutationFn: (body: SimpleBody) => api.post<CaseDetail>('/api/cases/simple', body), onSuccess: done }),
  };
}

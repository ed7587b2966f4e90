/**
 * 达标评估 flow: the team self-assesses and submits, the district reviews, the city accepts (which
 * grades and locks it). Reviewers may return it with comments; the city may reopen an accepted
 * assessment, with a reason. Pure: who may do what is decided by the actor's level, passed in.
 */
export const ASSESSMENT_STATES = ['draft', 'submitted', 'district_reviewed', 'accepted'] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];

export const ASSESSMENT_ACTIONS = ['submit', 'district_accept', 'district_return', 'city_accept', 'city_return', 'reopen'] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

/** The level at which an actor works on an assessment (derived from role and scope by the policy). */
export type ReviewLevel = 'team' | 'district' | 'city';

interface Transition {
  from: AssessmentState;
  to: AssessmentState;
  by: ReviewLevel;
  needsComment: boolean;
}

export const TRANSITIONS: Record<AssessmentAction, Transition> = {
  submit: { from: 'draft', to: 'submitted', by: 'team', needsComment: false },
  district_accept: { from: 'submitted', to: 'district_reviewed', by: 'district', needsComment: false },
  district_return: { from: 'submitted', to: 'draft', by: 'district', needsComment: true },
  city_accept: { from: 'district_reviewed', to: 'accepted', by: 'city', needsComment: false },
  city_return: { from: 'district_reviewed', to: 'draft', by: 'city', needsComment: true },
  reopen: { from: 'accepted', to: 'draft', by: 'city', needsComment: true },
};

export type TransitionResult =
  | { ok: true; to: AssessmentState }
  | { ok: false; code: 'assessment.wrong_state' | 'assessment.wrong_level' | 'assessment.comment_required' | 'assessment.incomplete'; message: string };

export function transition(
  state: AssessmentState,
  action: AssessmentAction,
  ctx: { levels: readonly ReviewLevel[]; comment?: string | null; unanswered: number },
): TransitionResult {
  const t = TRANSITIONS[action];
  if (t.from !== state) return { ok: false, code: 'assessment.wrong_state', message: `Cannot ${action} an assessment that is ${state}` };
  if (!ctx.levels.includes(t.by)) return { ok: false, code: 'assessment.wrong_level', message: `Only the ${t.by} level may ${action}` };
  if (t.needsComment && !ctx.comment?.trim()) return { ok: false, code: 'assessment.comment_required', message: `${action} needs a comment or reason` };
  if (action === 'submit' && ctx.unanswered > 0) {
    return { ok: false, code: 'assessment.incomplete', message: `${ctx.unanswered} item(s) have no result yet` };
  }
  return { ok: true, to: t.to };
}

/** Actions available in a state to an actor working at these levels (for the UI). */
export function availableActions(state: AssessmentState, levels: readonly ReviewLevel[]): AssessmentAction[] {
  return ASSESSMENT_ACTIONS.filter((a) => TRANSITIONS[a].from === state && levels.includes(TRANSITIONS[a].by));
}

/** Item results may be edited only by the team while the assessment is a draft. */
export const itemsEditable = (state: AssessmentState): boolean => state === 'draft';

/** 整改 tasks: open → in progress → submitted → verified, or reopened back to in progress. */
export const RECTIFICATION_STATES = ['open', 'in_progress', 'submitted', 'verified', 'reopened'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];
export const RECTIFICATION_ACTIONS = ['start', 'submit', 'verify', 'reopen'] as const;
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];

const RECT: Record<RectificationAction, { from: RectificationState[]; to: RectificationState; by: 'owner' | 'verifier' }> = {
  start: { from: ['open', 'reopened'], to: 'in_progress', by: 'owner' },
  submit: { from: ['open', 'in_progress', 'reopened'], to: 'submitted', by: 'owner' },
  verify: { from: ['submitted'], to: 'verified', by: 'verifier' },
  reopen: { from: ['submitted', 'verified'], to: 'reopened', by: 'verifier' },
};

export function rectificationTransition(state: RectificationState, action: RectificationAction, role: 'owner' | 'verifier'): RectificationState | null {
  const r = RECT[action];
  return r.from.includes(state) && r.by === role ? r.to : null;
}

export function rectificationActions(state: RectificationState, roles: readonly ('owner' | 'verifier')[]): RectificationAction[] {
  return RECTIFICATION_ACTIONS.filter((a) => RECT[a].from.includes(state) && roles.includes(RECT[a].by));
}

/** Overdue: past its due day (YYYY-MM-DD, Asia/Shanghai) and not verified. */
export const isOverdue = (t: { status: RectificationState; dueDate: string }, today: string): boolean => t.status !== 'verified' && t.dueDate < today;

import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/permissions';
import type { IsoDate } from '../legal';
import type { CaseFacts } from './domain/facts';
import type { CaseAction, CaseState, Procedure } from './domain/workflow';

/**
 * What another module sees of a case step while it is being recorded. Documents, evidence and clips live in their
 * own modules (issue 12); they take part in a step through these hooks instead of the case module knowing them:
 * a `before` hook refuses the step (throws an AppError, the transaction rolls back, nothing is written), an `after`
 * hook writes its own rows in the same transaction (e.g. linking clips to the new event).
 */
export interface CaseStep {
  caseId: string;
  orgUnitId: string;
  unitPath: string;
  procedure: Procedure;
  /** A step of `POST …/actions/:action`, or the on-the-spot decision that creates a case (`simple_decide`). */
  action: CaseAction | 'simple_decide';
  /** null for `simple_decide` (the case is created by the step). */
  fromState: CaseState | null;
  toState: CaseState;
  onDate: IsoDate;
  /** When the officers were on the spot (on-site steps); null when the step did not say. */
  startedAt: Date | null;
  endedAt: Date | null;
  officers: readonly { personId: string; name: string }[];
  /** The case's facts as they will be stored after the step. */
  facts: CaseFacts;
  lat: number | null;
  lon: number | null;
  isDemo: boolean;
  actor: Actor;
}

export interface CaseStepHook {
  /** Runs before the case row is written; throw an AppError to refuse the step. */
  before?(tx: DbOrTx, step: CaseStep): Promise<void>;
  /** Runs after the step's event is stored (`eventId`), in the same transaction. */
  after?(tx: DbOrTx, step: CaseStep & { eventId: number }): Promise<void>;
}

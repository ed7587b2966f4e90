import type { Clock } from '../../platform/clock';
import { AppError, badRequest } from '../../platform/errors';
import { recordAudit } from '../audit';
import type { CaseStepHook } from '../case';
import { clipsCovering } from './clips.service';
import { clipsRepository } from './clips.repository';
import { clipsForStep, coveringClipProblem, requiresRecording } from './domain/clips';

/** "2026-03-02 10:05" in Beijing: the gaps are read by people who think in local time. */
const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
/** "2026-03-02 10:05–10:20" (the date once when both ends are on the same day). */
function spanText(from: Date, to: Date): string {
  const a = local(from);
  const b = local(to);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a}–${b}`;
}

/**
 * The case step hook of 执法记录仪 clips (registered in app.ts on the case service):
 * - before: a step that needs 全程音像记录 (`RECORDED_ACTIONS`: 查封/扣押 `seize`; 强制拆除 once the workflow has it)
 *   says when the officers were on the spot (`startedAt`/`endedAt`, else 400) and the clips of its officers (or clips
 *   linked by hand to this case) cover that whole time (else 409 with the uncovered gaps). The refusal rolls the step
 *   back and the case module audits it as `case.step.refuse`.
 * - after: every step that says its time on the spot gets the overlapping clips of its officers linked (`auto`), and a
 *   recorded step also the hand-linked clips that covered it, in the step's own transaction.
 */
export function clipStepHook(clock: Clock): CaseStepHook {
  return {
    async before(tx, step) {
      if (!requiresRecording(step.action)) return;
      if (!step.startedAt || !step.endedAt) {
        const issue = (field: 'startedAt' | 'endedAt') => ({ field, code: 'required' as const, message: 'required: the step needs full audio-video recording (全程音像记录)' });
        throw badRequest('case_evidence.step_time_required', `${step.action} needs full audio-video recording: give startedAt and endedAt (when the officers were on the spot)`, {
          action: step.action,
          issues: [...(step.startedAt ? [] : [issue('startedAt')]), ...(step.endedAt ? [] : [issue('endedAt')])],
        });
      }
      const officerIds = step.officers.map((o) => o.personId);
      const clips = await clipsCovering(tx, step.caseId, officerIds, step.startedAt, step.endedAt);
      const problem = coveringClipProblem({ action: step.action, officerIds, from: step.startedAt, to: step.endedAt }, clips);
      if (!problem) return;
      const gaps = ((problem.details?.gaps ?? []) as { from: string; to: string }[]).map((g) => spanText(new Date(g.from), new Date(g.to)));
      // 400 for a malformed span (the case module already refuses an end before the start), 409 for missing recording.
      throw new AppError(problem.code === 'case_evidence.recording_required' ? 409 : 400, problem.code, problem.message, { ...problem.details, gapsText: gaps.join('、') });
    },

    async after(tx, step) {
      if (!step.startedAt || !step.endedAt) return;
      const officerIds = step.officers.map((o) => o.personId);
      const own = clipsForStep({ officerIds, from: step.startedAt, to: step.endedAt }, await clipsRepository.ofOfficers(tx, officerIds, step.startedAt, step.endedAt));
      const ids = new Set(own.map((c) => c.id));
      // The colleagues' clips that were linked by hand to this case and counted for the covering check.
      if (requiresRecording(step.action)) for (const c of await clipsCovering(tx, step.caseId, officerIds, step.startedAt, step.endedAt)) ids.add(c.id);
      if (ids.size === 0) return;
      const now = clock.now();
      const n = await clipsRepository.link(tx, [...ids].map((clipId) => ({ caseId: step.caseId, stepEventId: step.eventId, clipId, how: 'auto', linkedBy: step.actor.userId, linkedByName: step.actor.displayName, linkedAt: now })));
      if (n > 0) await recordAudit(tx, clock, step.actor, { action: 'case_evidence.clip.auto_link', entityType: 'enforcement_case', entityId: step.caseId, orgUnitId: step.orgUnitId, after: { stepEventId: step.eventId, clipIds: [...ids] } });
    },
  };
}

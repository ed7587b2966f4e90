/**
 * What the case service needs of other modules, as small interfaces wired in app.ts (the case module imports
 * their index.ts only here, for the adapters).
 */
import { AppError, badRequest } from '../../platform/errors';
import { BAND_LEVELS, checkPenalty, type BandLevel, type ViolationItemData } from '../violation';
import type { IsoDate } from '../legal';
import type { Penalty } from './domain/guards';
import type { ViolationSnapshot } from './domain/facts';

export type { LegalSource, CaseLegalView } from './domain/legal-view';
export { legalSourceOf, caseLegalView } from './domain/legal-view';

/** The 违法行为 catalogue: a proposed penalty checked against the item in force on the act date and its band. */
export interface ViolationSource {
  /**
   * Throws an AppError naming the item when it is unknown, the penalty outside the statutory range (the penalty
   * article quoted) or incomplete; otherwise where the penalty stands (outside the band → reason + 法制审核).
   */
  check(input: { code: string; actDate: IsoDate; band: string | null; penalty: Penalty; baseAmountFen?: number | undefined }): Promise<Omit<ViolationSnapshot, 'outsideBandReason'>>;
  /** Name and basis of an item (a lead names the violation before any penalty is proposed). */
  describe(code: string, actDate: IsoDate): Promise<{ name: string; basis: string }>;
}

const cite = (item: ViolationItemData) => `${item.penaltyBasis.law}（${item.penaltyBasis.version}）${item.penaltyBasis.article}`;

/** The violation service behind `ViolationSource` (its `itemInForce` throws the not-found error naming the code). */
export function violationSourceOf(violations: { itemInForce(code: string, actDate: string): Promise<{ item: ViolationItemData }> }): ViolationSource {
  return {
    async describe(code, actDate) {
      const { item } = await violations.itemInForce(code, actDate);
      return { name: item.name, basis: cite(item) };
    },
    async check({ code, actDate, band, penalty, baseAmountFen }) {
      const { item } = await violations.itemInForce(code, actDate);
      if (!band || !(BAND_LEVELS as readonly string[]).includes(band)) {
        throw badRequest('case.band_required', `Choose the 裁量基准 band (${BAND_LEVELS.join(', ')}) of ${item.name}`, { issues: [{ field: 'violation.band', message: `one of ${BAND_LEVELS.join(', ')}` }] });
      }
      let standing: 'within_band' | 'outside_band' = 'within_band';
      for (const kind of penalty.kinds) {
        const r = checkPenalty(item, band as BandLevel, { kind, amount: kind === 'fine' ? penalty.fineFen : null, baseAmount: baseAmountFen ?? null });
        if (r.outcome === 'outside_statutory') throw new AppError(400, 'case.penalty_outside_statutory', r.message, { rule: r.basis, reason: r.code, params: r.params, statutoryRange: r.statutoryRange });
        if (r.outcome === 'incomplete') throw badRequest('case.penalty_incomplete', r.message, { reason: r.code, params: r.params });
        if (r.outcome === 'outside_band') standing = 'outside_band';
      }
      return { code: item.code, name: item.name, basis: cite(item), band, standing };
    },
  };
}

import type { DbOrTx } from '../../db/client';
import { trackingRepository } from './tracking.repository';

export type PersonFixes = Awaited<ReturnType<typeof trackingRepository.personFixes>>;

/**
 * The fixes of the devices bound to these persons in [from, to] (both ends included; each fix inside its binding's
 * period), all flags kept: the caller decides which fixes count. `limit` bounds the rows read.
 */
export function personFixes(tx: DbOrTx, personIds: readonly string[], from: Date, to: Date, limit = 50_000): Promise<PersonFixes> {
  return trackingRepository.personFixes(tx, [...personIds], from, to, limit);
}

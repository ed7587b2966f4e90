import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './api/client';
import type { ItemOf, Ok, QueryOf } from './api/contract';

/**
 * The ledger lists as a lookup: the ledger module edits the records, other modules (tracking binds a device to a
 * person or a vehicle, a shift lists its officers) pick from them. The ledger module re-exports these.
 */
export const LEDGERS = ['persons', 'offices', 'rooms', 'signage', 'assets'] as const;
export type Ledger = (typeof LEDGERS)[number];

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type Person = ItemOf<Ok<'/api/ledger/persons', 'get'>['items']>;
export type Office = ItemOf<Ok<'/api/ledger/offices', 'get'>['items']>;
export type Room = ItemOf<Ok<'/api/ledger/rooms', 'get'>['items']>;
export type Signage = ItemOf<Ok<'/api/ledger/signage', 'get'>['items']>;
export type Asset = ItemOf<Ok<'/api/ledger/assets', 'get'>['items']>;
export type AnyRecord = Person | Office | Room | Signage | Asset;

export interface LedgerList<T = AnyRecord> {
  items: T[];
  total: number;
  actions: string[];
}

/** The list filters of any ledger (the status and type values differ per ledger, so they are strings here). */
export type ListFilter = Pick<QueryOf<'/api/ledger/persons', 'get'>, 'orgUnitId' | 'q' | 'limit' | 'offset'> & { status?: string; type?: string };

/** Every ledger query lives under this key, so the ledger module's mutations refresh these lists too. */
export const LEDGER_KEY = ['ledger'] as const;

export function useLedgerList<T extends AnyRecord>(ledger: Ledger, filter: ListFilter, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...LEDGER_KEY, ledger, 'list', filter],
    queryFn: ({ signal }) => api.get<LedgerList<T>>(`/api/ledger/${ledger}`, { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

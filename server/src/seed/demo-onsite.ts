/**
 * DEMO DATA for 现场核验 (issue 12 item 7). The demo's on-site steps with a time on the spot (the 查封/扣押 of
 * demo-cases.ts, 09:40–10:10 Beijing) get a short track on the officers' demo phones, one fix every 30 s from five
 * minutes before to five minutes after: around the case location, except that in every third step (the first
 * included) the first officer's phone stayed about 800 m away, so the demo shows a 未在现场核验 next to the 已核验在场
 * ones. Then every demo case with an on-site step that says when it happened gets its checks stored, as the step hook stores them.
 * Only steps dated 2 to 25 days back get positions: yesterday's and today's demo tracks stay exactly as
 * demo-tracking.ts made them, and the phones' bindings start 30 days back.
 * Idempotent: nothing happens when demo checks exist.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { Clock } from '../platform/clock';
import { caseEvent, enforcementCase } from '../modules/case';
import { createOnsiteService, onsiteCheck, ONSITE_ACTIONS } from '../modules/onsite';
import { cnDay, offsetM, PositionWriter, trackingBinding, trackingDevice, type PositionRow } from '../modules/tracking';

const EVERY_MS = 30_000;
const AROUND_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export async function seedDemoOnsite(database: Database, clock: Clock): Promise<{ seeded: boolean; steps: number; positions: number }> {
  const { db } = database;
  if ((await db.select({ id: onsiteCheck.eventId }).from(onsiteCheck).where(eq(onsiteCheck.isDemo, true)).limit(1)).length) return { seeded: false, steps: 0, positions: 0 };
  const events = await db
    .select({ id: caseEvent.id, caseId: caseEvent.caseId, onDate: caseEvent.onDate, officers: caseEvent.officers, payload: caseEvent.payload, lat: enforcementCase.lat, lon: enforcementCase.lon })
    .from(caseEvent)
    .innerJoin(enforcementCase, eq(enforcementCase.id, caseEvent.caseId))
    .where(and(eq(caseEvent.isDemo, true), inArray(caseEvent.action, [...ONSITE_ACTIONS])))
    .orderBy(asc(caseEvent.id));
  if (!events.length) return { seeded: false, steps: 0, positions: 0 };

  const now = clock.now();
  const newest = cnDay(new Date(now.getTime() - 2 * DAY_MS));
  const oldest = cnDay(new Date(now.getTime() - 25 * DAY_MS));
  const phones = await db
    .select({ personId: trackingBinding.personId, deviceId: trackingBinding.deviceId, validFrom: trackingBinding.validFrom, validTo: trackingBinding.validTo })
    .from(trackingBinding)
    .innerJoin(trackingDevice, eq(trackingDevice.id, trackingBinding.deviceId))
    .where(and(eq(trackingDevice.kind, 'phone'), eq(trackingDevice.isDemo, true), isNotNull(trackingBinding.personId)))
    .orderBy(asc(trackingDevice.identifier));
  const phoneOf = (personId: string, from: Date, to: Date) => phones.find((p) => p.personId === personId && p.validFrom <= from && (p.validTo === null || p.validTo >= to))?.deviceId ?? null;

  const rows: PositionRow[] = [];
  let tracked = 0;
  for (const e of events) {
    const start = typeof e.payload.startedAt === 'string' ? new Date(e.payload.startedAt) : null;
    const end = typeof e.payload.endedAt === 'string' ? new Date(e.payload.endedAt) : null;
    if (!start || !end || e.lat === null || e.lon === null || e.onDate > newest || e.onDate < oldest) continue;
    const from = new Date(start.getTime() - AROUND_MS);
    const to = new Date(end.getTime() + AROUND_MS);
    const far = tracked % 3 === 0;
    tracked++;
    for (const [k, o] of e.officers.entries()) {
      const deviceId = phoneOf(o.personId, from, to);
      if (!deviceId) continue;
      // Walking slowly around the spot (radius 20–40 m), or standing about 800 m north of it.
      const away = far && k === 0 ? 800 : 0;
      for (let t = from.getTime(), i = 0; t <= to.getTime(); t += EVERY_MS, i++) {
        const a = (i / 12) * Math.PI + k;
        const r = away ? 15 : 20 + ((i * 7) % 20);
        const p = offsetM(e.lat, e.lon, away + r * Math.cos(a), r * Math.sin(a));
        rows.push({ deviceId, fixTime: new Date(t), receivedAt: new Date(t + 2_000), lat: p.lat, lon: p.lon, altitude: 5, speedKmh: 1.5, course: null, accuracyM: 8, battery: null, valid: true, flags: 0, source: 1, alarm: null, status: null, attributes: null, usableForLast: false });
      }
    }
  }
  if (rows.length) {
    const writer = new PositionWriter(database, { flushMs: 1, batchRows: 1000 });
    const pending: Promise<void>[] = [];
    for (let i = 0; i < rows.length; i += 1000) pending.push(writer.write(rows.slice(i, i + 1000)));
    await Promise.all(pending);
    await writer.close();
  }
  // Stored for the cases whose on-site steps say when they happened (the others show 无法核验 when read; storing
  // a thousand of those would only slow every test template down).
  const onsite = createOnsiteService({ database, clock });
  for (const caseId of new Set(events.filter((e) => typeof e.payload.startedAt === 'string').map((e) => e.caseId))) await onsite.storeChecks(caseId);
  return { seeded: true, steps: events.length, positions: rows.length };
}

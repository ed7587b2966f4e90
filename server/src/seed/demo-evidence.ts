/**
 * DEMO DATA for 执法记录仪 clips (issue 12): every demo 查封/扣押 (its time on the spot is in the step's payload, see
 * demo-cases.ts) gets a clip of its first officer on one of the team's demo body cameras, five minutes either side of
 * the step, linked to the step as the step hook would have linked it; so the demo's seizures show as covered
 * (全程音像记录). The files stay "on the workstation": only their (made-up, labelled) SHA-256 is registered.
 * Idempotent: nothing happens when demo clips exist.
 */
import crypto from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { Clock } from '../platform/clock';
import { newId } from '../platform/ids';
import { recordAudit, SYSTEM_ACTOR } from '../modules/audit';
import { caseEvent } from '../modules/case';
import { bodyCamClip, caseStepClip } from '../modules/evidence';
import { trackingDevice } from '../modules/tracking';

const DEMO = '演示数据';
const MARGIN_MS = 5 * 60_000;

export async function seedDemoEvidence(database: Database, clock: Clock): Promise<{ seeded: boolean; clips: number }> {
  const { db } = database;
  if ((await db.select({ id: bodyCamClip.id }).from(bodyCamClip).where(eq(bodyCamClip.isDemo, true)).limit(1)).length) return { seeded: false, clips: 0 };
  const steps = await db
    .select({ id: caseEvent.id, caseId: caseEvent.caseId, orgUnitId: caseEvent.orgUnitId, at: caseEvent.at, officers: caseEvent.officers, payload: caseEvent.payload })
    .from(caseEvent)
    .where(and(eq(caseEvent.action, 'seize'), eq(caseEvent.isDemo, true)))
    .orderBy(asc(caseEvent.id));
  const cameras = new Map<string, string>();
  for (const d of await db.select({ id: trackingDevice.id, orgUnitId: trackingDevice.orgUnitId }).from(trackingDevice).where(eq(trackingDevice.kind, 'body_camera')).orderBy(asc(trackingDevice.identifier))) {
    if (d.orgUnitId && !cameras.has(d.orgUnitId)) cameras.set(d.orgUnitId, d.id);
  }
  const clips: (typeof bodyCamClip.$inferInsert)[] = [];
  const links: (typeof caseStepClip.$inferInsert)[] = [];
  for (const s of steps) {
    const camera = cameras.get(s.orgUnitId);
    const officer = s.officers[0];
    if (!camera || !officer || typeof s.payload.startedAt !== 'string' || typeof s.payload.endedAt !== 'string') continue;
    const id = newId();
    clips.push({
      id,
      deviceId: camera,
      orgUnitId: s.orgUnitId,
      officerId: officer.personId,
      startAt: new Date(Date.parse(s.payload.startedAt) - MARGIN_MS),
      endAt: new Date(Date.parse(s.payload.endedAt) + MARGIN_MS),
      sha256: crypto.createHash('sha256').update(`${DEMO} ${s.caseId} ${s.id}`).digest('hex'),
      registeredBy: null,
      registeredByName: DEMO,
      registeredAt: s.at,
      isDemo: true,
    });
    links.push({ caseId: s.caseId, stepEventId: Number(s.id), clipId: id, how: 'auto', linkedBy: null, linkedByName: DEMO, linkedAt: s.at });
  }
  if (clips.length === 0) return { seeded: false, clips: 0 };
  await db.transaction(async (tx) => {
    for (let i = 0; i < clips.length; i += 500) await tx.insert(bodyCamClip).values(clips.slice(i, i + 500));
    for (let i = 0; i < links.length; i += 500) await tx.insert(caseStepClip).values(links.slice(i, i + 500));
    await recordAudit(tx, clock, SYSTEM_ACTOR, { action: 'demo.seed.clips', entityType: 'body_cam_clip', entityId: clips[0]!.id, orgUnitId: null, after: { clips: clips.length, isDemo: true } });
  });
  return { seeded: true, clips: clips.length };
}

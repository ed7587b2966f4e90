import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { orgUnit } from '../db/schema';
import type { Clock } from '../platform/clock';
import { newId } from '../platform/ids';
import { recordAudit, SYSTEM_ACTOR } from '../modules/audit';
import { DEMO_VIOLATION_EFFECTIVE_FROM, DEMO_VIOLATION_ITEMS, DEMO_VIOLATION_LABEL, itemRows, violationRepository, violationVersion } from '../modules/violation';

/**
 * The demo violation catalogue (演示): one published version owned by the bureau, its items quoted from the statute
 * texts and its bands labelled demo. Idempotent: nothing happens when a demo version exists.
 */
export async function seedDemoViolations(database: Database, clock: Clock): Promise<{ seeded: boolean; items: number }> {
  const { db } = database;
  if ((await db.select({ id: violationVersion.id }).from(violationVersion).where(eq(violationVersion.isDemo, true)).limit(1)).length) return { seeded: false, items: 0 };
  const root = (await db.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.code, 'NTCGJ')))[0];
  if (!root) throw new Error('seed the demo org tree first');
  const now = clock.now();
  const id = newId();
  await db.transaction(async (tx) => {
    // Items go in while the version is a draft: the trigger refuses items of a published version.
    await violationRepository.insertVersion(tx, {
      id,
      label: DEMO_VIOLATION_LABEL,
      status: 'draft',
      effectiveFrom: DEMO_VIOLATION_EFFECTIVE_FROM,
      baseVersionId: null,
      note: '演示目录：违法行为及其依据引自法律法规原文，裁量档次为演示数据',
      orgUnitId: root.id,
      isDemo: true,
      publishedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await violationRepository.insertItems(tx, itemRows(id, DEMO_VIOLATION_ITEMS));
    await violationRepository.setVersionStatus(tx, id, 'published', { publishedAt: now, updatedAt: now, version: 2 });
    await recordAudit(tx, clock, SYSTEM_ACTOR, { action: 'violation.version.publish', entityType: 'violation_version', entityId: id, orgUnitId: root.id, after: { label: DEMO_VIOLATION_LABEL, items: DEMO_VIOLATION_ITEMS.length, isDemo: true } });
  });
  return { seeded: true, items: DEMO_VIOLATION_ITEMS.length };
}

import type { Database, Tx } from '../db/client';
import type { Clock } from '../platform/clock';
import { newId } from '../platform/ids';
import type { Role } from '../platform/permissions';
import { recordAudit, SYSTEM_ACTOR } from '../modules/audit';
import { appUser, hashPassword } from '../modules/identity';
import { geometryCenter, orgRepository, pathOf, type GeoJsonGeometry, type OrgUnitRow } from '../modules/org';
import { DEMO_DISTRICTS, DEMO_GIVEN, DEMO_SURNAMES, TEAM_CELL } from '../modules/org/demo/nantong';
import { rect, split, type DemoCell } from '../modules/org/demo/geometry';
import { ensureAdmin, ensureRootUnit } from '../bootstrap';
import type { BlobStore } from '../platform/blob-store';
import { seedDemoStandardization } from './demo-standardization';
import { seedDemoLedgers } from './demo-ledgers';
import { seedDemoTracking } from './demo-tracking';
import { seedDemoViolations } from './demo-violations';
import { seedDemoCases } from './demo-cases';
import { seedDemoDocuments } from './demo-documents';
import { seedDemoEvidence } from './demo-evidence';
import { seedDemoOnsite } from './demo-onsite';
import { seedDemoPublication } from './demo-publication';
import { seedDemoService } from './demo-service';
import { ensureLegalBaseline } from '../modules/legal';
import { ensureTemplateBaseline } from '../modules/document';
import { ensureServiceCategoryBaseline } from '../modules/service';
import { and, eq } from 'drizzle-orm';
import { orgUnit } from '../modules/org';
import { createAssessmentService } from '../modules/assessment';
import { createComputedItemEvaluator } from '../modules/ledger';
import { createTeamMetrics } from '../modules/tracking';
import { createCaseMetrics } from '../modules/case';
import { createServiceMetrics } from '../modules/service';

export const DEMO_PASSWORD = 'guifan-demo';
export const DEMO_DETACHMENT_CODE = 'NTZD';
const DEMO_NOTE = '演示数据：代码、社区、网格与边界为生成数据，非真实边界';

export interface DemoSeedResult {
  seeded: boolean;
  units: number;
  users: number;
  assessmentItems: number;
  snapshots: number;
}

/**
 * Seeds the Nantong demo (idempotent: does nothing when the demo detachment exists). Everything
 * it creates is flagged `isDemo` and goes through the audit chain like any other change.
 */
export async function seedDemo(database: Database, clock: Clock, opts: { adminPassword?: string | undefined; blobs?: BlobStore | undefined } = {}): Promise<DemoSeedResult> {
  await ensureAdmin(database, clock, opts.adminPassword);
  const root = await ensureRootUnit(database, clock);
  // Not demo data: the shipped national rules and holiday notices, here so the test templates hold them too.
  await ensureLegalBaseline(database, clock, root.id);
  await ensureTemplateBaseline(database, clock, root.id);
  await ensureServiceCategoryBaseline(database, clock);
  if (await orgRepository.findByCode(database.db, DEMO_DETACHMENT_CODE)) {
    const std = await seedDemoStandardization(database, clock, { blobs: opts.blobs });
    const ledgers = await seedDemoLedgers(database, clock);
    await seedDemoTracking(database, clock);
    await seedDemoViolations(database, clock);
    const cases = await seedDemoCases(database, clock);
    await seedDemoDocuments(database, clock);
    await seedDemoEvidence(database, clock);
    await seedDemoOnsite(database, clock);
    await seedDemoPublication(database, clock);
    const service = await seedDemoService(database, clock);
    if (ledgers.seeded || cases.seeded || service.seeded) await recomputeDemoAssessments(database, clock);
    return { seeded: std.seeded, units: 0, users: 0, assessmentItems: std.items, snapshots: std.snapshots };
  }

  // One hash for every demo account: they share the documented demo password anyway.
  const demoHash = await hashPassword(DEMO_PASSWORD);
  const now = clock.now();
  let units = 0;
  let users = 0;
  let nameSeq = 0;

  await database.db.transaction(async (tx) => {
    const addUnit = async (parent: OrgUnitRow, u: { code: string; name: string; shortName?: string; kind: string; geometry?: GeoJsonGeometry; note?: string }) => {
      const id = newId();
      const row: OrgUnitRow = {
        id,
        parentId: parent.id,
        path: pathOf(parent.path, id),
        depth: parent.depth + 1,
        code: u.code,
        name: u.name,
        shortName: u.shortName ?? null,
        kind: u.kind,
        validFrom: '2019-01-01',
        validTo: null,
        geometry: u.geometry ?? null,
        ...geometryCenter(u.geometry),
        isDemo: true,
        note: u.note ?? DEMO_NOTE,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await orgRepository.insert(tx, row);
      await recordAudit(tx, clock, SYSTEM_ACTOR, {
        action: 'org.unit.create',
        entityType: 'org_unit',
        entityId: id,
        orgUnitId: id,
        after: { code: row.code, name: row.name, kind: row.kind, isDemo: true },
      });
      units++;
      return row;
    };
    const addUser = async (username: string, displayName: string, role: Role, unit: OrgUnitRow) => {
      const id = newId();
      await tx.insert(appUser).values({
        id,
        username,
        displayName,
        passwordHash: demoHash,
        role,
        orgUnitId: unit.id,
        isDemo: true,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, clock, SYSTEM_ACTOR, {
        action: 'identity.user.create',
        entityType: 'user',
        entityId: id,
        orgUnitId: unit.id,
        after: { username, displayName, role, orgUnitId: unit.id, isDemo: true },
      });
      users++;
    };
    const personName = () => {
      const i = nameSeq++;
      return `${DEMO_SURNAMES[i % DEMO_SURNAMES.length]}${DEMO_GIVEN[(i * 7) % DEMO_GIVEN.length]}`;
    };

    await addUser('bureau', `${personName()}（督查）`, 'bureau_staff', root);
    const detachment = await addUnit(root, { code: DEMO_DETACHMENT_CODE, name: '南通市城市管理综合行政执法支队', shortName: '执法支队', kind: 'detachment' });
    await addUser('legal', `${personName()}（法制审核）`, 'legal_reviewer', detachment);

    for (const d of DEMO_DISTRICTS) {
      const rows = Math.ceil(d.teams.length / d.columns);
      const [ox, oy] = d.origin;
      const districtCell: DemoCell = { west: ox, south: oy, east: ox + d.columns * TEAM_CELL[0], north: oy + rows * TEAM_CELL[1] };
      const district = await addUnit(detachment, { code: d.code, name: d.name, kind: 'district', geometry: rect(districtCell.west, districtCell.south, districtCell.east, districtCell.north) });
      await addUser(`${d.key}.manager`, `${personName()}（大队）`, 'district_manager', district);
      const cells = split(districtCell, d.columns, rows);
      for (const [i, team] of d.teams.entries()) {
        const c = cells[i]!;
        const streetCode = `${d.code}${String(i + 1).padStart(3, '0')}`;
        const teamUnit = await addUnit(district, {
          code: streetCode,
          name: `${team.street}街道综合执法队`,
          shortName: team.street,
          kind: 'team',
          geometry: rect(c.west, c.south, c.east, c.north),
          note: team.confirmed ? DEMO_NOTE : `${DEMO_NOTE}；第21支队伍待与市局确认（domain.md §4）`,
        });
        await addUser(`${team.key}.leader`, `${personName()}（队长）`, 'team_leader', teamUnit);
        await addUser(`${team.key}.officer1`, personName(), 'officer', teamUnit);
        await addUser(`${team.key}.aux1`, `${personName()}（协管）`, 'auxiliary', teamUnit);
        // Two communities side by side, each split into 2 × 2 unit grids (codes per CJ/T 213 shape).
        for (const [ci, cc] of split(c, 2, 1).entries()) {
          const communityCode = `${streetCode}${String(ci + 1).padStart(3, '0')}`;
          const community = await addUnit(teamUnit, {
            code: communityCode,
            name: `${team.street}${ci === 0 ? '西' : '东'}社区`,
            kind: 'community',
            geometry: rect(cc.west, cc.south, cc.east, cc.north),
          });
          for (const [gi, g] of split(cc, 2, 2).entries()) {
            await addUnit(community, {
              code: `${communityCode}${String(gi + 1).padStart(2, '0')}`,
              name: `${community.name}${gi + 1}号网格`,
              kind: 'grid',
              geometry: rect(g.west, g.south, g.east, g.north),
            });
          }
        }
      }
    }
  });
  const std = await seedDemoStandardization(database, clock, { blobs: opts.blobs });
  await seedDemoLedgers(database, clock);
  await seedDemoTracking(database, clock);
  await seedDemoViolations(database, clock);
  // After the ledgers (officers and their 执法证) and the violation catalogue the cases cite.
  await seedDemoCases(database, clock);
  // After the cases: the 文书 their paths require (文号, signatures, service), before the 公示 reads the decision's 文号.
  await seedDemoDocuments(database, clock);
  // After the cases (their seizures) and the tracking devices (the body cameras).
  await seedDemoEvidence(database, clock);
  await seedDemoOnsite(database, clock);
  // After the cases: a few decided demo penalties published (one withdrawn), some 待公示.
  await seedDemoPublication(database, clock);
  // After the cases (a few reports became cases) and the service categories: a year of 便民服务 reports.
  await seedDemoService(database, clock);
  await recomputeDemoAssessments(database, clock);
  return { seeded: true, units, users, assessmentItems: std.items, snapshots: std.snapshots };
}

/**
 * The open (draft) demo assessments take their computed items from the demo ledgers, patrol records and cases, as
 * live ones would (the same metric providers as app.ts), so it runs after those are seeded.
 */
async function recomputeDemoAssessments(database: Database, clock: Clock): Promise<void> {
  const teams = await database.db.select({ id: orgUnit.id }).from(orgUnit).where(and(eq(orgUnit.kind, 'team'), eq(orgUnit.isDemo, true)));
  const metrics = [createTeamMetrics({ database, clock }), createCaseMetrics({ database, clock }), createServiceMetrics({ database, clock })];
  const service = createAssessmentService({ database, clock, computed: createComputedItemEvaluator(database, clock, metrics) });
  await service.recomputeForUnits(teams.map((t) => t.id));
}

export type { Tx };

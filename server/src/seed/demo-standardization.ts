/**
 * DEMO DATA for the standardization capability: the reconstructed Jiangsu catalog and the Nantong
 * profile (both published), the 2019–2021 达标创建 campaign with daily history showing the bureau's
 * targets met as planned, and a current 年度复评 campaign with assessments in every state, evidence
 * and rectification tasks. Deterministic (seeded random numbers) and flagged `isDemo` throughout.
 */
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import type { Clock } from '../platform/clock';
import { newId } from '../platform/ids';
import type { BlobStore } from '../platform/blob-store';
import { recordAudit, SYSTEM_ACTOR } from '../modules/audit';
import { appUser } from '../modules/identity';
import { orgUnit } from '../modules/org';
import { catalogNode, nodeRows, standard, standardVersion, type CatalogNodeData } from '../modules/catalog';
import { JIANGSU_2018_DEMO } from '../modules/catalog/demo/jiangsu-2018';
import { NANTONG_PROFILE_DEMO } from '../modules/catalog/demo/nantong-profile';
import { applyProfile } from '../modules/catalog/demo/apply-profile';
import type { CatalogSeedNode } from '../modules/catalog/demo/types';
import { assessment, assessmentEvent, assessmentItem, campaign, evidenceFile, rectificationTask, gradeTeamItems, teamItems, shanghaiDay, ruleScore } from '../modules/assessment';
import { target, teamSnapshot } from '../modules/progress/progress.tables';
import type { NodeRow } from '../modules/catalog';

type ItemRow = typeof assessmentItem.$inferSelect;

/** mulberry32: small deterministic PRNG so the demo is the same on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const dayNum = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY_MS);
const dayStr = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** A moment on a Shanghai calendar day. */
const at = (d: string, hour = 10) => new Date(Date.parse(`${d}T00:00:00+08:00`) + hour * 3_600_000);

function flatten(nodes: readonly CatalogSeedNode[], parentCode: string | null = null): CatalogNodeData[] {
  return nodes.flatMap((n) => [
    {
      code: n.code,
      parentCode,
      title: n.title,
      text: n.text ?? null,
      points: n.children ? null : (n.points ?? null),
      method: n.children ? null : (n.method ?? null),
      rule: n.rule ?? null,
      evidence: n.evidence ?? null,
      isVeto: n.veto ?? false,
      appliesTo: n.appliesTo ?? 'team',
      guidance: n.guidance ?? null,
    },
    ...flatten(n.children ?? [], n.code),
  ]);
}

/**
 * Turns a chosen percentage into item results: fail or partly pass non-veto items until the score drops to
 * `pct`. Every result and score follows the grading rule (docs/grading.md): 符合 full points, 不符合 0,
 * 基本符合 (graded items only) a score above 0 and below the item's points.
 */
export function resultsForPct(items: readonly NodeRow[], pct: number, rand: () => number, opts: { vetoFail?: boolean } = {}): Map<string, { result: ItemRow['result']; score: number | null }> {
  const out = new Map<string, { result: ItemRow['result']; score: number | null }>();
  const total = items.reduce((s, n) => s + (n.points ?? 0), 0);
  for (const n of items) out.set(n.code, { result: 'compliant', score: ruleScore('compliant', n.points ?? 0) });
  let lost = 0;
  const budget = total * (1 - pct / 100);
  const order = items.filter((n) => !n.isVeto).map((n) => ({ n, k: rand() })).sort((a, b) => a.k - b.k).map((x) => x.n);
  for (const n of order) {
    if (lost >= budget) break;
    const p = n.points ?? 0;
    // Random numbers drawn for graded items only, as before, so the rest of the demo stays the same.
    const partial = n.method === 'graded' ? Math.round(p * (0.3 + rand() * 0.4)) : 0;
    if (n.method === 'graded' && partial >= p * 0.6 && partial > 0 && partial < p) {
      out.set(n.code, { result: 'partially_compliant', score: partial });
      lost += p - partial;
    } else {
      out.set(n.code, { result: 'non_compliant', score: 0 });
      lost += p;
    }
  }
  if (opts.vetoFail) {
    const veto = items.find((n) => n.isVeto);
    if (veto) out.set(veto.code, { result: 'non_compliant', score: 0 });
  }
  return out;
}

/** A small real PNG (solid colour) so demo evidence opens in any viewer. */
function demoPng(r: number, g: number, b: number, w = 64, h = 48): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const x of buf) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const shade = (x + y) % 16 === 0 ? 0.7 : 1;
      raw[o] = Math.round(r * shade);
      raw[o + 1] = Math.round(g * shade);
      raw[o + 2] = Math.round(b * shade);
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

async function insertBatched<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export interface StandardizationSeedResult {
  seeded: boolean;
  items: number;
  snapshots: number;
}

export async function seedDemoStandardization(database: Database, clock: Clock, opts: { blobs?: BlobStore | undefined } = {}): Promise<StandardizationSeedResult> {
  const { db } = database;
  if ((await db.select({ id: standard.id }).from(standard).where(eq(standard.code, JIANGSU_2018_DEMO.standardCode))).length) return { seeded: false, items: 0, snapshots: 0 };
  const root = (await db.select().from(orgUnit).where(eq(orgUnit.code, 'NTCGJ')))[0];
  if (!root) throw new Error('seed the demo org tree first');
  const teams = await db.select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name, parentId: orgUnit.parentId }).from(orgUnit).where(and(eq(orgUnit.kind, 'team'), eq(orgUnit.isDemo, true))).orderBy(orgUnit.code);
  const districts = await db.select({ id: orgUnit.id, code: orgUnit.code }).from(orgUnit).where(and(eq(orgUnit.kind, 'district'), eq(orgUnit.isDemo, true)));
  const leaders = await db.select({ id: appUser.id, orgUnitId: appUser.orgUnitId, name: appUser.displayName }).from(appUser).where(and(eq(appUser.role, 'team_leader'), inArray(appUser.orgUnitId, teams.map((t) => t.id))));
  const leaderOf = (unitId: string) => leaders.find((l) => l.orgUnitId === unitId);
  const reviewer = (await db.select({ id: appUser.id, name: appUser.displayName }).from(appUser).where(eq(appUser.username, 'bureau')))[0];
  const rand = rng(20190301);
  const now = clock.now();
  const today = shanghaiDay(now);

  // ---- catalog: provincial reconstruction and Nantong profile, both published ----
  const provincial = flatten(JIANGSU_2018_DEMO.nodes);
  const profileSeed = applyProfile(JIANGSU_2018_DEMO, NANTONG_PROFILE_DEMO);
  const tightened = new Map(NANTONG_PROFILE_DEMO.tighten.map((t) => [t.code, t.reason]));
  const added = new Map<string, string>();
  for (const a of NANTONG_PROFILE_DEMO.add) for (const n of flatten([a.node], a.parentCode)) added.set(n.code, a.reason);
  const profileNodes = flatten(profileSeed.nodes).map((n) => ({
    ...n,
    origin: added.has(n.code) ? 'added' : tightened.has(n.code) ? 'tightened' : 'base',
    changeReason: added.get(n.code) ?? tightened.get(n.code) ?? null,
  }));
  const published = at('2019-01-15');
  const provStd = { id: newId(), code: JIANGSU_2018_DEMO.standardCode, name: JIANGSU_2018_DEMO.name, issuer: JIANGSU_2018_DEMO.issuer, kind: 'provincial', orgUnitId: root.id, isDemo: true, createdAt: published };
  const provVer = { id: newId(), standardId: provStd.id, label: JIANGSU_2018_DEMO.versionLabel, status: 'draft', baseVersionId: null, note: JIANGSU_2018_DEMO.note, orgUnitId: root.id, isDemo: true, publishedAt: published, createdAt: published, updatedAt: published, version: 1 };
  const ntStd = { id: newId(), code: NANTONG_PROFILE_DEMO.standardCode, name: NANTONG_PROFILE_DEMO.name, issuer: NANTONG_PROFILE_DEMO.issuer, kind: 'local_profile', orgUnitId: root.id, isDemo: true, createdAt: published };
  const ntVer = { ...provVer, id: newId(), standardId: ntStd.id, label: NANTONG_PROFILE_DEMO.versionLabel, baseVersionId: provVer.id, note: NANTONG_PROFILE_DEMO.note, publishedAt: at('2019-02-20'), createdAt: at('2019-02-20'), updatedAt: at('2019-02-20') };

  await db.transaction(async (tx: Tx) => {
    await tx.insert(standard).values([provStd, ntStd]);
    await tx.insert(standardVersion).values([provVer, ntVer]);
    await insertBatched(nodeRows(provVer.id, provincial), 500, (b) => tx.insert(catalogNode).values(b));
    await insertBatched(nodeRows(ntVer.id, profileNodes), 500, (b) => tx.insert(catalogNode).values(b));
    // Published only after their nodes are in: from here on the database refuses changes to them.
    await tx.update(standardVersion).set({ status: 'published' }).where(inArray(standardVersion.id, [provVer.id, ntVer.id]));
    await recordAudit(tx, clock, SYSTEM_ACTOR, { action: 'demo.seed.catalog', entityType: 'standard', entityId: provStd.id, orgUnitId: root.id, after: { standards: [provStd.code, ntStd.code], provincialNodes: provincial.length, profileNodes: profileNodes.length, isDemo: true } });
  });

  const nodes = await db.select().from(catalogNode).where(eq(catalogNode.versionId, ntVer.id)).orderBy(catalogNode.ordinal);
  const items = teamItems(nodes);

  // ---- campaign 1: 2019–2021 达标创建, all 21 teams accepted by 2021-11 ----
  const c1 = { id: newId(), name: '2019—2021年 街道综合执法队规范化达标创建（演示）', versionId: ntVer.id, orgUnitId: root.id, startDate: '2019-03-01', dueDate: '2021-12-31', passPct: 80, basicPct: 65, status: 'closed', isDemo: true, createdAt: at('2019-03-01'), updatedAt: at('2021-12-31'), version: 1 };
  // Planned pass dates: 12 teams in 2019 (target ≥ 11), 5 in 2020, the last 4 in 2021.
  const start1 = dayNum('2019-03-01');
  const passDays = teams.map((_, i) => {
    if (i < 12) return dayNum('2019-06-10') + Math.round((i / 11) * (dayNum('2019-12-20') - dayNum('2019-06-10')));
    if (i < 17) return dayNum('2020-03-01') + Math.round(((i - 12) / 4) * (dayNum('2020-11-30') - dayNum('2020-03-01')));
    return dayNum('2021-02-01') + Math.round(((i - 17) / 3) * (dayNum('2021-11-15') - dayNum('2021-02-01')));
  });
  const order = teams.map((t, i) => ({ t, k: rand(), i })).sort((a, b) => a.k - b.k).map((x) => x.t);
  const plan = order.map((t, i) => ({ team: t, passDay: passDays[i]!, startPct: 42 + rand() * 20, finalPct: 84 + rand() * 12 }));

  const c1Assessments: (typeof assessment.$inferInsert)[] = [];
  const c1Items: ItemRow[] = [];
  const c1Events: (typeof assessmentEvent.$inferInsert)[] = [];
  const snapshots: (typeof teamSnapshot.$inferInsert)[] = [];
  const end1 = dayNum('2021-12-31');
  for (const p of plan) {
    const id = newId();
    const results = resultsForPct(items, p.finalPct, rand);
    const rows = items.map((n) => ({ id: newId(), assessmentId: id, orgUnitId: p.team.id, nodeCode: n.code, result: results.get(n.code)!.result, score: results.get(n.code)!.score, comment: null, computed: null, overrideReason: null, districtComment: null, cityComment: null, updatedBy: leaderOf(p.team.id)?.id ?? null, updatedAt: at(dayStr(p.passDay - 40)), version: 2 }));
    const g = gradeTeamItems(nodes, rows, c1);
    c1Items.push(...rows);
    const acceptedAt = at(dayStr(p.passDay), 16);
    c1Assessments.push({ id, campaignId: c1.id, orgUnitId: p.team.id, status: 'accepted', score: g.score, maxScore: g.max, pct: g.pct, grade: g.grade, submittedAt: at(dayStr(p.passDay - 30)), acceptedAt, isDemo: true, createdAt: c1.createdAt, updatedAt: acceptedAt, version: 4 });
    const ev = (action: string, from: string, to: string, d: number, comment: string | null, name: string) => c1Events.push({ assessmentId: id, orgUnitId: p.team.id, action, fromState: from, toState: to, comment, actorId: null, actorName: name, at: at(dayStr(d), 15) });
    ev('submit', 'draft', 'submitted', p.passDay - 30, null, leaderOf(p.team.id)?.name ?? '队长');
    ev('district_accept', 'submitted', 'district_reviewed', p.passDay - 12, '材料齐全，同意上报市局验收', '区大队');
    ev('city_accept', 'district_reviewed', 'accepted', p.passDay, '现场验收通过，评定为达标', reviewer?.name ?? '市局');
    // Daily history: the score climbs from the start towards the final score at the pass date.
    const aspectFinal = Object.fromEntries(g.aspects.map((a) => [a.aspectCode, a.pct]));
    for (let d = start1; d <= end1; d++) {
      const f = Math.min(1, (d - start1) / Math.max(1, p.passDay - start1));
      const wobble = d < p.passDay ? (rand() - 0.5) * 1.2 : 0;
      const pct = Math.round((p.startPct + (g.pct - p.startPct) * Math.pow(f, 0.8) + wobble) * 100) / 100;
      const status = d >= p.passDay ? 'accepted' : d >= p.passDay - 12 ? 'district_reviewed' : d >= p.passDay - 30 ? 'submitted' : 'draft';
      const aspectPcts = Object.fromEntries(Object.entries(aspectFinal).map(([k, v]) => [k, Math.round(Math.min(100, (v * pct) / Math.max(1, g.pct)) * 100) / 100]));
      snapshots.push({ campaignId: c1.id, orgUnitId: p.team.id, day: dayStr(d), status, pct: Math.min(100, pct), grade: d >= p.passDay ? g.grade : null, aspectPcts, isDemo: true });
    }
  }

  // ---- campaign 2: this year's 复评, every state of the flow ----
  const s2 = dayNum(today) - 86;
  const c2 = { id: newId(), name: `${today.slice(0, 4)}年度 规范化建设复评（演示）`, versionId: ntVer.id, orgUnitId: root.id, startDate: dayStr(s2), dueDate: dayStr(dayNum(today) + 35), passPct: 80, basicPct: 65, status: 'active', isDemo: true, createdAt: at(dayStr(s2)), updatedAt: now, version: 1 };
  type Plan2 = { state: 'accepted' | 'district_reviewed' | 'submitted' | 'draft'; pct: number; veto?: boolean; answered?: number; returned?: boolean };
  const states: Plan2[] = [
    { state: 'accepted', pct: 93 },
    { state: 'accepted', pct: 90 },
    { state: 'accepted', pct: 86 },
    { state: 'accepted', pct: 82 },
    { state: 'accepted', pct: 72 },
    { state: 'accepted', pct: 88, veto: true },
    { state: 'district_reviewed', pct: 89 },
    { state: 'district_reviewed', pct: 84 },
    { state: 'district_reviewed', pct: 79 },
    { state: 'district_reviewed', pct: 91 },
    { state: 'submitted', pct: 87 },
    { state: 'submitted', pct: 76 },
    { state: 'submitted', pct: 83 },
    { state: 'submitted', pct: 90 },
    { state: 'draft', pct: 85, answered: 0.6 },
    { state: 'draft', pct: 80, answered: 0.3 },
    { state: 'draft', pct: 88, answered: 0.9 },
    { state: 'draft', pct: 70, answered: 0.1 },
    { state: 'draft', pct: 84, returned: true },
    { state: 'draft', pct: 78, returned: true },
    { state: 'draft', pct: 86, returned: true },
  ];
  const c2Assessments: (typeof assessment.$inferInsert)[] = [];
  const c2Items: ItemRow[] = [];
  const c2Events: (typeof assessmentEvent.$inferInsert)[] = [];
  const rects: (typeof rectificationTask.$inferInsert)[] = [];
  const evidence: (typeof evidenceFile.$inferInsert)[] = [];
  for (const [i, team] of teams.entries()) {
    const p = states[i % states.length]!;
    const id = newId();
    const results = resultsForPct(items, p.pct, rand, { vetoFail: p.veto ?? false });
    const answeredShare = p.answered ?? 1;
    const rows: ItemRow[] = items.map((n, k) => {
      const r = results.get(n.code)!;
      const answered = k < Math.round(items.length * answeredShare);
      return { id: newId(), assessmentId: id, orgUnitId: team.id, nodeCode: n.code, result: answered ? r.result : null, score: answered ? r.score : null, comment: answered && r.result !== 'compliant' ? '自查发现不足，正在整改' : null, computed: null, overrideReason: null, districtComment: null, cityComment: null, updatedBy: leaderOf(team.id)?.id ?? null, updatedAt: at(dayStr(s2 + 20)), version: answered ? 2 : 1 };
    });
    const g = gradeTeamItems(nodes, rows, c2);
    const leaderName = leaderOf(team.id)?.name ?? '队长';
    const ev = (action: string, from: string, to: string, d: number, comment: string | null, name: string) => c2Events.push({ assessmentId: id, orgUnitId: team.id, action, fromState: from, toState: to, comment, actorId: null, actorName: name, at: at(dayStr(d), 15) });
    if (p.state !== 'draft' || p.returned) ev('submit', 'draft', 'submitted', s2 + 30 + (i % 10), null, leaderName);
    if (p.returned) {
      ev('district_return', 'submitted', 'draft', s2 + 42 + (i % 5), '佐证材料不全：请补充功能用房照片和装备台账', '区大队');
      const failing = rows.find((r) => r.result === 'non_compliant');
      if (failing) failing.districtComment = '请补充佐证材料';
    }
    if (p.state === 'district_reviewed' || p.state === 'accepted') ev('district_accept', 'submitted', 'district_reviewed', s2 + 45 + (i % 7), '同意上报', '区大队');
    const acceptedDay = s2 + 60 + i;
    if (p.state === 'accepted') ev('city_accept', 'district_reviewed', 'accepted', acceptedDay, g.grade === 'pass' ? '验收通过' : '验收不达标，限期整改', reviewer?.name ?? '市局');
    c2Items.push(...rows);
    c2Assessments.push({ id, campaignId: c2.id, orgUnitId: team.id, status: p.state, score: g.score, maxScore: g.max, pct: g.pct, grade: p.state === 'accepted' ? g.grade : null, submittedAt: p.state === 'draft' ? null : at(dayStr(s2 + 30)), acceptedAt: p.state === 'accepted' ? at(dayStr(acceptedDay)) : null, isDemo: true, createdAt: c2.createdAt, updatedAt: now, version: 3 });
    if (p.state === 'accepted') {
      // Rectification tasks for what the acceptance found, at every stage, some overdue.
      const failing = rows.filter((r) => r.result === 'non_compliant' || r.result === 'partially_compliant').slice(0, 4);
      const statuses = ['verified', 'submitted', 'in_progress', 'open'] as const;
      failing.forEach((r, k) => {
        const node = nodes.find((n) => n.code === r.nodeCode)!;
        // A failed veto item stays open: the team's 未达标 (and the grade page's explanation) rests on it.
        const status = node.isVeto ? 'open' : statuses[k % statuses.length]!;
        const due = dayStr(acceptedDay + (k % 2 === 0 ? 14 : 40));
        rects.push({ id: newId(), assessmentId: id, assessmentItemId: r.id, nodeCode: r.nodeCode, orgUnitId: team.id, title: `整改: ${node.title}`, description: '市局验收发现问题，请按要求整改并上传佐证', ownerUserId: leaderOf(team.id)?.id ?? null, dueDate: due, status, resolutionNote: status === 'submitted' || status === 'verified' ? '已整改，附照片' : null, verifyNote: status === 'verified' ? '复查通过' : null, isDemo: true, createdAt: at(dayStr(acceptedDay)), updatedAt: now, verifiedAt: status === 'verified' ? at(dayStr(acceptedDay + 10)) : null, version: 2 });
        if (status === 'verified') {
          r.result = 'compliant';
          r.score = ruleScore('compliant', node.points ?? 0);
          r.comment = '整改复查通过';
        }
      });
      const g2 = gradeTeamItems(nodes, rows, c2);
      Object.assign(c2Assessments[c2Assessments.length - 1]!, { score: g2.score, pct: g2.pct, grade: g2.grade });
    }
    // Evidence photos on a few items of teams that have filled their form.
    if (opts.blobs && answeredShare >= 0.6) {
      for (const r of rows.filter((x) => x.result !== null).slice(0, 3)) {
        const png = demoPng(80 + ((i * 37) % 150), 120 + ((i * 53) % 120), 160 + ((i * 11) % 90));
        const stored = await opts.blobs.put(Readable.from([png]), 1_000_000);
        evidence.push({ id: newId(), assessmentItemId: r.id, orgUnitId: team.id, sha256: stored.sha256, fileName: `演示-${team.name}-${r.nodeCode}.png`, mimeType: 'image/png', sizeBytes: stored.sizeBytes, uploadedBy: leaderOf(team.id)?.id ?? null, uploadedByName: leaderName, uploadedAt: at(dayStr(s2 + 20)), isDemo: true });
      }
    }
    // History for this campaign too: linear progress from the start to today.
    for (let d = s2; d < dayNum(today); d++) {
      const f = (d - s2) / Math.max(1, dayNum(today) - s2);
      snapshots.push({ campaignId: c2.id, orgUnitId: team.id, day: dayStr(d), status: d >= acceptedDay && p.state === 'accepted' ? 'accepted' : 'draft', pct: Math.round(g.pct * Math.min(1, 0.3 + f) * 100) / 100, grade: d >= acceptedDay && p.state === 'accepted' ? g.grade : null, aspectPcts: Object.fromEntries(g.aspects.map((a) => [a.aspectCode, Math.round(a.pct * Math.min(1, 0.3 + f) * 100) / 100])), isDemo: true });
    }
  }

  const district = (code: string) => districts.find((d) => d.code === code)?.id ?? root.id;
  const targets: (typeof target.$inferInsert)[] = [
    { id: newId(), campaignId: c1.id, orgUnitId: root.id, title: '2019年底前不少于11个街道综合执法队达标（50%）', dueDate: '2019-12-31', requiredCount: 11, aspectCode: null, aspectMinPct: null, isDemo: true, createdAt: c1.createdAt, version: 1 },
    { id: newId(), campaignId: c1.id, orgUnitId: root.id, title: '2021年底前21个街道综合执法队全部达标', dueDate: '2021-12-31', requiredCount: 21, aspectCode: null, aspectMinPct: null, isDemo: true, createdAt: c1.createdAt, version: 1 },
    { id: newId(), campaignId: c1.id, orgUnitId: root.id, title: '2020年年中前15个队“执法保障”得分率达到80%', dueDate: '2020-06-30', requiredCount: 15, aspectCode: '5', aspectMinPct: 80, isDemo: true, createdAt: c1.createdAt, version: 1 },
    { id: newId(), campaignId: c1.id, orgUnitId: district('320671'), title: '开发区5个队2020年底前全部达标', dueDate: '2020-12-31', requiredCount: 5, aspectCode: null, aspectMinPct: null, isDemo: true, createdAt: c1.createdAt, version: 1 },
    { id: newId(), campaignId: c2.id, orgUnitId: root.id, title: '年度复评：年底前21个队全部达标', dueDate: c2.dueDate, requiredCount: 21, aspectCode: null, aspectMinPct: null, isDemo: true, createdAt: c2.createdAt, version: 1 },
    { id: newId(), campaignId: c2.id, orgUnitId: district('320602'), title: '崇川区10个队年底前完成复评并达标', dueDate: c2.dueDate, requiredCount: 10, aspectCode: null, aspectMinPct: null, isDemo: true, createdAt: c2.createdAt, version: 1 },
  ];

  await db.transaction(async (tx: Tx) => {
    await tx.insert(campaign).values([c1, c2]);
    await tx.insert(assessment).values([...c1Assessments, ...c2Assessments]);
    await insertBatched([...c1Items, ...c2Items], 1000, (b) => tx.insert(assessmentItem).values(b));
    await insertBatched([...c1Events, ...c2Events], 500, (b) => tx.insert(assessmentEvent).values(b));
    await insertBatched(rects, 500, (b) => tx.insert(rectificationTask).values(b));
    await insertBatched(evidence, 500, (b) => tx.insert(evidenceFile).values(b));
    await insertBatched(snapshots, 1000, (b) => tx.insert(teamSnapshot).values(b));
    await tx.insert(target).values(targets);
    await recordAudit(tx, clock, SYSTEM_ACTOR, {
      action: 'demo.seed.assessment',
      entityType: 'campaign',
      entityId: c1.id,
      orgUnitId: root.id,
      after: { campaigns: [c1.name, c2.name], assessments: c1Assessments.length + c2Assessments.length, items: c1Items.length + c2Items.length, rectifications: rects.length, evidence: evidence.length, snapshots: snapshots.length, targets: targets.length, isDemo: true },
    });
  });
  return { seeded: true, items: c1Items.length + c2Items.length, snapshots: snapshots.length };
}

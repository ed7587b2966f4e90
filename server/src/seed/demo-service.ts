/**
 * DEMO DATA for 便民服务 (issue 13): a year of residents' reports (the 365 days up to the seed's today) for the 21
 * demo teams, from every source (public page, 12345 hotline, Open311, staff), at points inside the teams' grids,
 * in the categories of the baseline. Most are closed within their working-hour limits and rated; some were late,
 * some are overdue now, some suspended (挂起), some rejected, some merged into an earlier report of the same
 * problem (within 50 m and 72 h), a few turned into the demo enforcement cases (linked through the case module's
 * index), and the last days' reports are still open. Due times are counted as the core counts them (working
 * minutes on the legal calendar and the default working periods). Texts say 演示; every row is `isDemo`.
 * Written in one transaction with bulk inserts through the hotline repository; idempotent (nothing happens when
 * demo requests exist).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { Clock } from '../platform/clock';
import { newId } from '../platform/ids';
import { recordAudit, SYSTEM_ACTOR } from '../modules/audit';
import { appUser } from '../modules/identity';
import { orgUnit } from '../modules/org';
import { enforcementCase } from '../modules/case';
import { addWorkingMinutes, createLegalService, DEFAULT_WORKING_HOURS, type WorkingCalendar } from '../modules/legal';
import { hotlineRepository, type EventInsert, type RequestInsert } from '../modules/service/hotline.repository';
import { TRACKING_ALPHABET } from '../modules/service/domain/workflow';

/** mulberry32: the same demo on every machine for the same today. */
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
type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const DAY_MS = 86_400_000;
/** Reports per team over the year (≈ 670 in all: enough for the rates and the board, light for every test template). */
const PER_TEAM = 32;
const ROADS = ['人民路', '工农路', '青年路', '崇川路', '通富路', '濠西路', '南大街', '园林路', '星湖大道', '世纪大道', '长江路', '跃龙路'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙'];
const WHAT: Record<string, readonly string[]> = {
  市容环境: ['堆放多日无人清理', '影响居民出行', '气味难闻，请尽快处理'],
  宣传广告: ['贴满电线杆和墙面', '遮挡交通标志', '多次清理后又出现'],
  施工管理: ['粉尘很大', '晚上十点后仍在施工', '车辆带泥上路'],
  突发事件: ['存在安全隐患', '请尽快派人处置', '已影响车辆通行'],
  街面秩序: ['占用人行道', '早晚高峰尤其严重', '油烟噪声扰民'],
};
const REPLIES = ['已到现场处置完毕，并对当事人进行了教育。', '已清理完毕，后续将加强巡查。', '已责令当事人限期整改，现场已恢复。', '已联系相关单位共同处置，问题已解决。'];
const REJECT_REASONS = ['不属于城管执法职责，已告知反映人向物业反映', '反映内容不具体，无法核实'];
const SUSPEND_REASONS = ['需会同供电部门现场处置，等待对方排期', '当事人在外地，待其返回后处理'];

interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}
function boxOf(geometry: unknown): Box | null {
  const coords: number[][] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x) && typeof x[0] === 'number' && typeof x[1] === 'number') coords.push(x as number[]);
    else if (Array.isArray(x)) x.forEach(walk);
  };
  walk((geometry as { coordinates?: unknown } | null)?.coordinates);
  if (!coords.length) return null;
  return { west: Math.min(...coords.map((c) => c[0]!)), east: Math.max(...coords.map((c) => c[0]!)), south: Math.min(...coords.map((c) => c[1]!)), north: Math.max(...coords.map((c) => c[1]!)) };
}

type Fate = 'open' | 'closed' | 'replied' | 'late' | 'overdue' | 'suspended' | 'rejected' | 'merged';

export async function seedDemoService(database: Database, clock: Clock): Promise<{ seeded: boolean; requests: number }> {
  const { db } = database;
  if (await hotlineRepository.hasDemoRequests(db)) return { seeded: false, requests: 0 };
  const categories = (await hotlineRepository.categoryLimits(db)).filter((c) => c.active);
  const teams = await db.select({ id: orgUnit.id, path: orgUnit.path, shortName: orgUnit.shortName, name: orgUnit.name, geometry: orgUnit.geometry }).from(orgUnit).where(and(eq(orgUnit.kind, 'team'), eq(orgUnit.isDemo, true))).orderBy(orgUnit.code);
  if (!categories.length || !teams.length) return { seeded: false, requests: 0 };
  const grids = await db.select({ id: orgUnit.id, path: orgUnit.path, geometry: orgUnit.geometry }).from(orgUnit).where(and(eq(orgUnit.kind, 'grid'), eq(orgUnit.isDemo, true)));
  const users = await db.select({ id: appUser.id, username: appUser.username, orgUnitId: appUser.orgUnitId }).from(appUser).where(eq(appUser.isDemo, true));
  const desk = users.find((u) => u.username === 'bureau')?.id ?? null;
  const cases = await db
    .select({ id: enforcementCase.id, orgUnitId: enforcementCase.orgUnitId, number: enforcementCase.caseNo })
    .from(enforcementCase)
    .where(and(eq(enforcementCase.isDemo, true), inArray(enforcementCase.source, ['complaint', 'report'])));
  let calendar: WorkingCalendar | null = null;
  try {
    calendar = await createLegalService({ database, clock }).calendar();
  } catch {
    calendar = null;
  }
  const cal = calendar;
  // A due time past the last calendar year is unknown (the core stores none either).
  const after = (t: Date, minutes: number): Date | null => {
    if (!cal) return null;
    try {
      return addWorkingMinutes(cal, DEFAULT_WORKING_HOURS, t, Math.max(0, Math.round(minutes)));
    } catch {
      return null;
    }
  };

  const now = clock.now();
  const r = rng(Math.floor(now.getTime() / DAY_MS));
  const requests: RequestInsert[] = [];
  const events: EventInsert[] = [];
  const usedCases = new Set<string>();
  let seq = 0;
  /** 12 characters of the core's alphabet: 6 random, then the sequence (unique within the demo). */
  const code = () => {
    let s = '';
    for (let i = 0; i < 6; i++) s += pick(r, [...TRACKING_ALPHABET]);
    for (let n = ++seq, i = 0; i < 6; i++, n = Math.floor(n / TRACKING_ALPHABET.length)) s += TRACKING_ALPHABET[n % TRACKING_ALPHABET.length];
    return s;
  };

  for (const [ti, team] of teams.entries()) {
    const mine = grids.map((g) => ({ id: g.id, box: boxOf(g.geometry) })).filter((g) => g.box && grids.find((x) => x.id === g.id)!.path.startsWith(team.path));
    const teamBox = boxOf(team.geometry);
    if (!teamBox) continue;
    const leader = users.find((u) => u.orgUnitId === team.id && u.username.endsWith('.leader'))?.id ?? null;
    const teamCases = cases.filter((c) => c.orgUnitId === team.id);
    const earlier: RequestInsert[] = [];
    for (let k = 0; k < PER_TEAM; k++) {
      // What became of it first (the newest few are still open), then when: over the year, the overdue and the
      // suspended ones in the last weeks (an old report is not left open).
      const roll = r();
      let fate: Fate = k < 4 ? 'open' : roll < 0.03 ? 'rejected' : roll < 0.07 && earlier.length ? 'merged' : roll < 0.11 ? 'late' : roll < 0.14 ? 'overdue' : roll < 0.16 ? 'suspended' : roll < 0.26 ? 'replied' : 'closed';
      const ageDays = fate === 'open' ? r() * 3 : fate === 'overdue' || fate === 'suspended' ? 4 + r() * 26 : 3 + r() * 362;
      const day = new Date(now.getTime() - ageDays * DAY_MS);
      // UTC midnight + 0.5–11.5 h = 08:30–19:30 in Beijing.
      const submittedAt = new Date(Math.floor(day.getTime() / DAY_MS) * DAY_MS + (0.5 + r() * 11) * 3_600_000);
      if (submittedAt > now) submittedAt.setTime(now.getTime() - 3_600_000);
      const category = pick(r, categories);
      const grid = mine.length ? pick(r, mine) : null;
      const box = grid?.box ?? teamBox;
      let lon = box.west + (box.east - box.west) * (0.1 + 0.8 * r());
      let lat = box.south + (box.north - box.south) * (0.1 + 0.8 * r());
      const sourceRoll = r();
      const source = sourceRoll < 0.45 ? 'public' : sourceRoll < 0.75 ? 'hotline' : sourceRoll < 0.8 ? 'open311' : 'staff';
      const ageHours = (now.getTime() - submittedAt.getTime()) / 3_600_000;
      let duplicateOf: RequestInsert | null = null;
      if (fate === 'merged') {
        duplicateOf = pick(r, earlier);
        // The same problem reported again: a few metres away, within a day of the first report.
        lon = duplicateOf.lon! + (r() - 0.5) * 0.0004;
        lat = duplicateOf.lat! + (r() - 0.5) * 0.0004;
        submittedAt.setTime(duplicateOf.submittedAt!.getTime() + (1 + r() * 20) * 3_600_000);
        if (submittedAt > now) fate = 'open';
      }
      const cat = duplicateOf ? categories.find((c) => c.id === duplicateOf!.categoryId)! : category;
      const acceptDueAt = after(submittedAt, cat.acceptHours * 60);
      const handleDueAt = after(submittedAt, cat.handleHours * 60);
      const replyDueAt = after(submittedAt, cat.replyHours * 60);
      const road = pick(r, ROADS);
      const address = `${team.shortName ?? ''}${road}${1 + Math.floor(r() * 300)}号附近`;
      const id = newId();
      const row: RequestInsert = {
        id,
        trackingCode: code(),
        source,
        externalRef: source === 'hotline' ? `DEMO12345-${submittedAt.toISOString().slice(0, 10).replace(/-/g, '')}-${String(ti * 100 + k).padStart(4, '0')}` : source === 'open311' ? `demo-o311-${ti}-${k}` : null,
        categoryId: cat.id,
        description: `（演示）${address}${cat.name}，${pick(r, WHAT[cat.bigClass] ?? WHAT['街面秩序']!)}。`,
        lat,
        lon,
        address,
        contactName: r() < 0.6 ? `${pick(r, SURNAMES)}先生（演示）` : null,
        contactPhone: r() < 0.7 ? `139${String(10_000_000 + Math.floor(r() * 89_999_999)).slice(0, 8)}` : null,
        reporterKey: null,
        orgUnitId: team.id,
        gridId: grid?.id ?? null,
        routedBy: grid ? 'grid' : 'area',
        state: 'submitted',
        submittedAt: new Date(submittedAt),
        acceptDueAt,
        handleDueAt,
        replyDueAt,
        pausedMinutes: 0,
        isDemo: true,
        createdAt: now,
        updatedAt: now,
      };
      const ev = (action: string, fromState: string | null, toState: string, at: Date, actorUserId: string | null, extra: Partial<EventInsert> = {}) =>
        events.push({ requestId: id, action, fromState, toState, actorUserId, actorKind: actorUserId ? 'staff' : action === 'submit' ? (source === 'staff' ? 'staff' : source) : 'public', orgUnitId: team.id, reason: null, payload: {}, at, ...extra });
      ev('submit', null, 'submitted', row.submittedAt!, source === 'staff' ? leader : null, { actorKind: source === 'staff' ? 'staff' : source === 'public' ? 'public' : source, payload: { source, routedBy: row.routedBy, gridId: row.gridId ?? null, externalRef: row.externalRef ?? null } });
      // Working minutes into each limit at which a stage is done (fractions of the limit; > 1 = late).
      const inLimit = (hours: number, lo: number, hi: number) => hours * 60 * (lo + (hi - lo) * r());
      const stamp = (minutes: number) => after(row.submittedAt!, minutes) ?? new Date(row.submittedAt!.getTime() + minutes * 60_000);
      const done = (t: Date) => t.getTime() <= now.getTime();
      if (fate === 'rejected') {
        const at = stamp(inLimit(cat.acceptHours, 0.2, 0.8));
        Object.assign(row, { state: 'rejected', closedAt: at, acceptedAt: null });
        ev('reject', 'submitted', 'rejected', at, desk, { reason: pick(r, REJECT_REASONS) });
      } else if (fate === 'merged' && duplicateOf) {
        const at = stamp(inLimit(cat.acceptHours, 0.2, 0.8));
        Object.assign(row, { state: 'merged', duplicateOfId: duplicateOf.id, closedAt: at });
        ev('merge', 'submitted', 'merged', at, desk, { reason: '同一问题的重复反映（演示）', payload: { duplicateOfId: duplicateOf.id, duplicateOfCode: duplicateOf.trackingCode } });
      } else if (fate === 'open') {
        // The last days: at the desk, with the team, being handled, handled (waiting for the reply).
        const stage = Math.min(3, Math.floor((ageHours / 24) * 1.5 + r() * 2));
        const acc = stamp(inLimit(cat.acceptHours, 0.1, 0.6));
        if (stage >= 1 && done(acc)) {
          Object.assign(row, { state: 'dispatched', acceptedAt: acc });
          ev('accept', 'submitted', 'dispatched', acc, desk, { payload: { teamId: team.id, teamName: team.name } });
          const start = new Date(acc.getTime() + 20 * 60_000);
          if (stage >= 2 && done(start)) {
            Object.assign(row, { state: 'handling' });
            ev('start', 'dispatched', 'handling', start, leader);
            const h = stamp(inLimit(cat.handleHours, 0.3, 0.7));
            if (stage >= 3 && done(h) && h > start) {
              Object.assign(row, { state: 'handled', handledAt: h, handlingNote: `${pick(r, REPLIES)}（演示）` });
              ev('handle', 'handling', 'handled', h, leader, { payload: { note: row.handlingNote! } });
            }
          }
        }
      } else {
        const late = fate === 'late';
        const acc = stamp(inLimit(cat.acceptHours, 0.1, 0.7));
        const h = stamp(late ? cat.handleHours * 60 * (1.1 + r() * 0.6) : Math.max(inLimit(cat.handleHours, 0.3, 0.8), cat.acceptHours * 60 + 30));
        const rep = stamp(late ? Math.max(cat.replyHours, cat.handleHours * 1.7) * 60 + 60 : Math.max(cat.handleHours * 60 * 0.85 + 30, inLimit(cat.replyHours, 0.85, 0.97)));
        row.acceptedAt = acc;
        ev('accept', 'submitted', 'dispatched', acc, desk, { payload: { teamId: team.id, teamName: team.name } });
        const start = new Date(acc.getTime() + 20 * 60_000);
        ev('start', 'dispatched', 'handling', start, leader);
        if (fate === 'overdue' || fate === 'suspended' || !done(h) || !done(rep)) {
          row.state = 'handling';
          if (fate === 'suspended') {
            const s = new Date(start.getTime() + 60 * 60_000);
            Object.assign(row, { state: 'suspended', suspendedAt: s, suspendedFromState: 'handling' });
            ev('suspend', 'handling', 'suspended', s, leader, { reason: pick(r, SUSPEND_REASONS) });
          }
        } else {
          const note = `${pick(r, REPLIES)}（演示）`;
          Object.assign(row, { state: 'replied', handledAt: h, handlingNote: note, repliedAt: rep, replyText: note });
          ev('handle', 'handling', 'handled', h, leader, { payload: { note } });
          ev('reply', 'handled', 'replied', rep, leader, { payload: { text: note } });
          const rateAt = new Date(rep.getTime() + (2 + r() * 40) * 3_600_000);
          if (fate !== 'replied' && done(rateAt)) {
            const x = r();
            const satisfaction = late ? (x < 0.4 ? 'dissatisfied' : x < 0.8 ? 'basically_satisfied' : 'satisfied') : x < 0.72 ? 'satisfied' : x < 0.93 ? 'basically_satisfied' : 'dissatisfied';
            Object.assign(row, { state: 'closed', satisfaction, ratedAt: rateAt, closedAt: rateAt, satisfactionComment: satisfaction === 'dissatisfied' ? '处理不够及时（演示）' : null });
            ev('rate', 'replied', 'closed', rateAt, null, { actorKind: 'public', payload: { satisfaction } });
          }
        }
        // A few reports became enforcement cases (the demo's complaint / report cases of the team).
        const c = teamCases.find((x) => !usedCases.has(x.id));
        if (c && r() < 0.08) {
          usedCases.add(c.id);
          row.caseId = c.id;
          ev('open_case', row.state === 'suspended' ? 'suspended' : 'handling', row.state === 'suspended' ? 'suspended' : 'handling', new Date(start.getTime() + 30 * 60_000), leader, { payload: { caseId: c.id, caseNumber: c.number } });
        }
      }
      requests.push(row);
      earlier.push(row);
    }
  }
  // Events must not precede their request's submission (merged duplicates were moved): keep timeline order per request.
  events.sort((a, b) => a.at!.getTime() - b.at!.getTime());
  await db.transaction(async (tx) => {
    await hotlineRepository.insertDemo(tx, requests, events);
    await recordAudit(tx, clock, SYSTEM_ACTOR, {
      action: 'demo.seed.service',
      entityType: 'org_unit',
      entityId: teams[0]!.id,
      orgUnitId: null,
      after: { teams: teams.length, requests: requests.length, events: events.length, isDemo: true },
    });
  });
  return { seeded: true, requests: requests.length };
}

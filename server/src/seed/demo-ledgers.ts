/**
 * DEMO DATA for the 执法保障 ledgers of the 21 demo teams: personnel (fake but well-formed ID numbers with a
 * valid GB 11643 check digit, 苏执 certificate numbers), offices, function rooms, signage and equipment.
 * 竹行 matches the demo story (5 offices, 8 rooms, 4 vehicles, 20 e-bikes, a computer per officer, 15 body
 * cameras, 8 radios); the other teams vary (deterministic random numbers) so that some computed items fail
 * where they should: no 投诉处理室, fewer computers than officers, too little office area, expired 执法证.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import type { Clock } from '../platform/clock';
import { newId } from '../platform/ids';
import { recordAudit, SYSTEM_ACTOR } from '../modules/audit';
import { appUser } from '../modules/identity';
import { orgUnit } from '../modules/org';
import { DEMO_GIVEN, DEMO_SURNAMES } from '../modules/org/demo/nantong';
import { ledgerAsset, ledgerOffice, ledgerPerson, ledgerRoom, ledgerSignage, makeIdNumber } from '../modules/ledger';

export const ZHUHANG_CODE = '320671003';
const DEMO_NOTE = '演示数据';
const GIVEN_EXTRA = ['国庆', '晓燕', '俊', '婷', '浩', '丹', '斌', '琳', '鹏', '雪', '亮', '娟', '峰', '颖', '辉', '倩', '宁', '帆', '立新', '红梅'];
const POSITIONS = ['队员', '队员', '队员', '中队长', '副中队长', '内勤', '法制员'];
const ROOM_SET = ['违章处理室', '业务受理室', '来访接待室', '投诉处理室', '调查询问室', '案件处理室', '指挥调度', '暂扣物品库'];
const EXTRA_ROOMS = ['备勤室', '更衣室', '休息室', '活动室'];

/** mulberry32: the same demo on every machine. */
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
const dayStr = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

export interface LedgerSeedResult {
  seeded: boolean;
  persons: number;
  assets: number;
}

interface TeamPlan {
  officers: number;
  auxiliaries: number;
  offices: number;
  areaPerPerson: number;
  rooms: string[];
  vehicles: number;
  ebikes: number;
  computers: number;
  bodyCameras: number;
  radios: number;
  expiredCerts: number;
  expiringCerts: number;
  badSignage: boolean;
}

function planFor(code: string, i: number, rand: () => number): TeamPlan {
  if (code === ZHUHANG_CODE) {
    return { officers: 15, auxiliaries: 7, offices: 5, areaPerPerson: 19, rooms: ROOM_SET, vehicles: 4, ebikes: 20, computers: 15, bodyCameras: 15, radios: 8, expiredCerts: 0, expiringCerts: 1, badSignage: false };
  }
  const officers = 8 + Math.floor(rand() * 13); // 8–20
  const auxiliaries = 4 + Math.floor(rand() * 7); // 4–10 → 12–30 persons
  // Shortfalls, spread deterministically so that every kind of failure shows somewhere.
  const noComplaintRoom = i % 5 === 1 || rand() < 0.1;
  const fewComputers = i % 4 === 2 || rand() < 0.1;
  const smallOffice = i % 6 === 3 || rand() < 0.08;
  const expired = i % 3 === 0 ? 1 + Math.floor(rand() * 2) : 0;
  const rooms = ROOM_SET.filter((r) => !(noComplaintRoom && r === '投诉处理室')).filter((r) => r === '违章处理室' || r === '投诉处理室' || r === '业务受理室' || r === '来访接待室' || rand() < 0.75);
  if (rand() < 0.5) rooms.push(EXTRA_ROOMS[Math.floor(rand() * EXTRA_ROOMS.length)]!);
  return {
    officers,
    auxiliaries,
    offices: 1 + Math.floor(rand() * 3),
    areaPerPerson: smallOffice ? 9 + rand() * 4 : 15.5 + rand() * 8,
    rooms,
    vehicles: 1 + Math.floor(rand() * 4),
    ebikes: Math.ceil(officers / 2) + Math.floor(rand() * 8),
    computers: fewComputers ? officers - 1 - Math.floor(rand() * 3) : officers + Math.floor(rand() * 3),
    bodyCameras: officers - (rand() < 0.3 ? 2 : 0),
    radios: Math.ceil(officers / 2) + Math.floor(rand() * 4),
    expiredCerts: expired,
    expiringCerts: rand() < 0.4 ? 1 : 0,
    badSignage: rand() < 0.3,
  };
}

export async function seedDemoLedgers(database: Database, clock: Clock): Promise<LedgerSeedResult> {
  const { db } = database;
  if ((await db.select({ id: ledgerPerson.id }).from(ledgerPerson).where(eq(ledgerPerson.isDemo, true)).limit(1)).length) return { seeded: false, persons: 0, assets: 0 };
  const teams = await db
    .select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name, shortName: orgUnit.shortName, lon: orgUnit.centerLon, lat: orgUnit.centerLat })
    .from(orgUnit)
    .where(and(eq(orgUnit.kind, 'team'), eq(orgUnit.isDemo, true)))
    .orderBy(orgUnit.code);
  if (teams.length === 0) return { seeded: false, persons: 0, assets: 0 };
  const users = await db.select({ id: appUser.id, username: appUser.username, displayName: appUser.displayName, role: appUser.role, orgUnitId: appUser.orgUnitId }).from(appUser).where(inArray(appUser.orgUnitId, teams.map((t) => t.id)));
  const rand = rng(20190601);
  const now = clock.now();
  const todayMs = Date.parse(`${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`);

  const persons: (typeof ledgerPerson.$inferInsert)[] = [];
  const offices: (typeof ledgerOffice.$inferInsert)[] = [];
  const rooms: (typeof ledgerRoom.$inferInsert)[] = [];
  const signage: (typeof ledgerSignage.$inferInsert)[] = [];
  const assets: (typeof ledgerAsset.$inferInsert)[] = [];
  const ids = new Set<string>();
  let certSeq = 0;
  let nameSeq = 0;
  const base = { isDemo: true, createdAt: now, updatedAt: now, version: 1 };

  for (const [ti, team] of teams.entries()) {
    const p = planFor(team.code, ti, rand);
    const region = team.code.slice(0, 6);
    const teamUsers = users.filter((u) => u.orgUnitId === team.id && u.role !== 'auxiliary');
    const officerIds: string[] = [];
    const total = p.officers + p.auxiliaries;
    for (let k = 0; k < total; k++) {
      const kind = k < p.officers ? 'officer' : 'auxiliary';
      // The team's officer accounts are persons of the ledger too (leader first, then officers).
      const user = kind === 'officer' ? teamUsers[k] : undefined;
      const name = user ? user.displayName.replace(/（.*）$/, '') : `${DEMO_SURNAMES[Math.floor(rand() * DEMO_SURNAMES.length)]}${[...DEMO_GIVEN, ...GIVEN_EXTRA][(nameSeq++ * 11 + Math.floor(rand() * 40)) % (DEMO_GIVEN.length + GIVEN_EXTRA.length)]}`;
      let idNumber = '';
      do {
        const birth = dayStr(Date.UTC(1965, 0, 1) + Math.floor(rand() * 33 * 365) * DAY).replace(/-/g, '');
        idNumber = makeIdNumber(`${region.slice(0, 4)}${String(2 + Math.floor(rand() * 80)).padStart(2, '0')}`, birth, 1 + Math.floor(rand() * 998));
      } while (ids.has(idNumber));
      ids.add(idNumber);
      const id = newId();
      let certificateNo: string | null = null;
      let issued: string | null = null;
      let expires: string | null = null;
      if (kind === 'officer') {
        certificateNo = `苏执320600${String(10001 + certSeq++).padStart(5, '0')}`;
        const oi = k;
        // Expired first (when planned), then expiring within 60 days, then valid for 1–5 more years.
        const expiresMs = oi >= p.officers - p.expiredCerts ? todayMs - (10 + Math.floor(rand() * 200)) * DAY : oi === 1 && p.expiringCerts ? todayMs + (12 + Math.floor(rand() * 40)) * DAY : todayMs + (200 + Math.floor(rand() * 1400)) * DAY;
        expires = dayStr(expiresMs);
        issued = dayStr(expiresMs - 5 * 365 * DAY);
        officerIds.push(id);
      }
      persons.push({
        ...base,
        id,
        orgUnitId: team.id,
        name,
        idNumber,
        kind,
        position: kind === 'officer' ? (k === 0 ? '队长' : POSITIONS[Math.floor(rand() * POSITIONS.length)]!) : '协管员',
        certificateNo,
        certificateIssuedOn: issued,
        certificateExpiresOn: expires,
        trainingHours: kind === 'officer' ? Math.round(30 + rand() * 40) : Math.round(8 + rand() * 20),
        partyMember: kind === 'officer' && (k < 3 || rand() < 0.35),
        uniformIssuedOn: kind === 'officer' ? dayStr(Date.UTC(2017, 10, 17) + Math.floor(rand() * 900) * DAY) : null,
        status: 'active',
        userId: user?.id ?? null,
        note: DEMO_NOTE,
      });
    }
    // Two former members per team, kept for the record.
    for (let k = 0; k < 2; k++) {
      let idNumber = '';
      do idNumber = makeIdNumber(`${region.slice(0, 4)}${String(2 + Math.floor(rand() * 80)).padStart(2, '0')}`, dayStr(Date.UTC(1960, 0, 1) + Math.floor(rand() * 30 * 365) * DAY).replace(/-/g, ''), 1 + Math.floor(rand() * 998));
      while (ids.has(idNumber));
      ids.add(idNumber);
      persons.push({ ...base, id: newId(), orgUnitId: team.id, name: `${DEMO_SURNAMES[(ti + k * 5) % DEMO_SURNAMES.length]}${GIVEN_EXTRA[(ti * 3 + k) % GIVEN_EXTRA.length]}`, idNumber, kind: k === 0 ? 'officer' : 'auxiliary', position: k === 0 ? '队员' : '协管员', certificateNo: null, certificateIssuedOn: null, certificateExpiresOn: null, trainingHours: 0, partyMember: false, uniformIssuedOn: null, status: 'left', userId: null, note: `${DEMO_NOTE}；已调离` });
    }

    // Offices: the total area gives the planned m² per active person.
    const totalArea = Math.round(p.areaPerPerson * total);
    const street = team.shortName ?? team.name.replace('街道综合执法队', '');
    const officeIds: string[] = [];
    const shares = Array.from({ length: p.offices }, (_, k) => (k === 0 ? 3 : 1 + rand()));
    const sum = shares.reduce((s, x) => s + x, 0);
    for (let k = 0; k < p.offices; k++) {
      const id = newId();
      officeIds.push(id);
      offices.push({
        ...base,
        id,
        orgUnitId: team.id,
        name: k === 0 ? `${street}执法队队部` : `${street}执法队${['第一', '第二', '第三', '第四'][k - 1]}中队办公点`,
        address: `南通市${street}街道${['人民路', '工农路', '青年路', '崇川路', '通富路'][(ti + k) % 5]}${10 + Math.floor(rand() * 300)}号（演示地址）`,
        lon: (team.lon ?? 120.9) + (rand() - 0.5) * 0.02,
        lat: (team.lat ?? 32.0) + (rand() - 0.5) * 0.015,
        area: Math.round((totalArea * shares[k]!) / sum),
        floor: k === 0 ? 1 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 5),
        independent: k === 0 ? rand() < 0.7 : false,
        note: DEMO_NOTE,
      });
    }
    for (const [k, type] of p.rooms.entries()) {
      rooms.push({ ...base, id: newId(), orgUnitId: team.id, officeId: officeIds[k % officeIds.length]!, name: type, type, area: Math.round(12 + rand() * 30), note: DEMO_NOTE });
    }
    const signs: [string, string, boolean][] = [
      ['队名标牌', '队部正门', !(p.badSignage && ti % 2 === 0)],
      ['门头标识', '队部门头', true],
      ['公示栏', '队部一楼大厅', !(p.badSignage && ti % 2 === 1)],
      ['科室门牌', '各功能用房', true],
    ];
    for (const [type, location, conforms] of signs) signage.push({ ...base, id: newId(), orgUnitId: team.id, type, location, conforms, note: conforms ? DEMO_NOTE : `${DEMO_NOTE}；样式不符合统一标准，待更换` });

    const serial = (abbr: string, n: number) => `DEMO-${team.code}-${abbr}-${String(n).padStart(3, '0')}`;
    const acquired = () => dayStr(Date.UTC(2016, 0, 1) + Math.floor(rand() * 2000) * DAY);
    const addAsset = (type: string, abbr: string, n: number, extra: Partial<typeof ledgerAsset.$inferInsert> = {}) => {
      const roll = rand();
      assets.push({ ...base, id: newId(), orgUnitId: team.id, type, serial: serial(abbr, n), model: null, plate: null, terminalNo: null, deviceId: null, assignedPersonId: null, status: team.code === ZHUHANG_CODE ? 'in_use' : roll < 0.05 ? 'in_repair' : 'in_use', acquiredOn: acquired(), note: DEMO_NOTE, ...extra });
    };
    for (let n = 1; n <= p.vehicles; n++) addAsset('vehicle', 'CAR', n, { model: ['比亚迪 秦', '大众 朗逸', '吉利 帝豪', '五菱 宏光'][n % 4]!, plate: `苏F${String.fromCharCode(65 + ((ti + n) % 20))}${String(1000 + ti * 37 + n * 7).slice(-4)}D`, terminalNo: `0${String(13800000000 + ti * 1000 + n).slice(0, 11)}` });
    for (let n = 1; n <= p.ebikes; n++) addAsset('ebike', 'EB', n, { model: '雅迪 执法电动车' });
    for (let n = 1; n <= Math.max(0, p.computers); n++) addAsset('computer', 'PC', n, { model: '联想 启天 M437', assignedPersonId: officerIds[n - 1] ?? null });
    for (let n = 1; n <= p.bodyCameras; n++) addAsset('body_camera', 'BC', n, { model: '执法记录仪 DSJ-V9', deviceId: `${team.code.slice(0, 6)}00001320${String(ti * 100 + n).padStart(6, '0')}`, assignedPersonId: officerIds[n - 1] ?? null });
    for (let n = 1; n <= p.radios; n++) addAsset('radio', 'RD', n, { model: '摩托罗拉 XIR P3688' });
    // One retired radio per team, for the record.
    addAsset('radio', 'RD', p.radios + 1, { model: '摩托罗拉 GP328', status: 'retired', note: `${DEMO_NOTE}；已报废` });
  }

  await db.transaction(async (tx: Tx) => {
    const batched = async <T>(rows: T[], insert: (b: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
    };
    await batched(persons, (b) => tx.insert(ledgerPerson).values(b));
    await batched(offices, (b) => tx.insert(ledgerOffice).values(b));
    await batched(rooms, (b) => tx.insert(ledgerRoom).values(b));
    await batched(signage, (b) => tx.insert(ledgerSignage).values(b));
    await batched(assets, (b) => tx.insert(ledgerAsset).values(b));
    await recordAudit(tx, clock, SYSTEM_ACTOR, {
      action: 'demo.seed.ledgers',
      entityType: 'org_unit',
      entityId: teams[0]!.id,
      orgUnitId: null,
      after: { teams: teams.length, persons: persons.length, offices: offices.length, rooms: rooms.length, signage: signage.length, assets: assets.length, isDemo: true },
    });
  });
  return { seeded: true, persons: persons.length, assets: assets.length };
}

/**
 * DEMO DATA for 执法办案 (issue 11): a year of cases (the twelve months up to the seed's today) for the 21 demo
 * teams, in every state of the lifecycle: simple procedure (paid on the spot or later), general procedure with and
 * without hearings, 法制审核 and 集体讨论 of major cases, 查封/扣押 with one extension and the release, 不予立案,
 * 不予处罚, 撤案, payments with and without 加处罚款, an application to the court, and steps gone overdue.
 *
 * Every case is played through the case domain: each step passes the transition table (`transition`), the officer
 * check (two 执法证 holders valid on the step's date, from the team's ledger), the decision guards (hearing window,
 * review, discussion) and the deadline fold (`caseDeadlines` with the published rules and the shipped calendars),
 * so the stored timeline, facts and deadlines are what the service would have written. Parties are fake but
 * well-formed (GB 11643 / GB 32100 check characters) and labelled 演示. Written in one transaction with batched
 * inserts (no request per step), so the first start stays fast. Idempotent: nothing happens when demo cases exist.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import type { Clock } from '../platform/clock';
import { newId } from '../platform/ids';
import type { Permission } from '../platform/permissions';
import { recordAudit, SYSTEM_ACTOR } from '../modules/audit';
import { appUser } from '../modules/identity';
import { orgUnit } from '../modules/org';
import { ledgerPerson, makeIdNumber } from '../modules/ledger';
import { createLegalService, type IsoDate } from '../modules/legal';
import { DEMO_VIOLATION_ITEMS, checkPenalty, type BandLevel, type ViolationItemData } from '../modules/violation';
import { caseCounter, caseDeadline, caseDeadlineRevision, caseDeadlines, caseEvent, caseLegalView, caseParty, caseSeizure, enforcementCase, transition, ACTIONS, type CaseAction, type CaseDeadline, type CaseLegalView, type CaseState, type TimelineEvent } from '../modules/case';
// The pure guards and facts of the case domain (not services): the seed plays each step by the same rules.
import { decideProblem, hearingNoticeProblem, hearingRights, officersProblem, reviewTriggers, thresholdPartyType, certificateValid, type OfficerFacts, type PartyKind, type Penalty } from '../modules/case/domain/guards';
import { emptyFacts, type CaseFacts, type ViolationSnapshot } from '../modules/case/domain/facts';
import { HEARING_NOTICE_RULE } from '../modules/case/domain/deadlines';

const DEMO = '演示';
const PERMS: readonly Permission[] = ['case.read', 'case.lead', 'case.handle', 'case.approve', 'case.legal_review'];
const SOURCES = ['patrol', 'patrol', 'patrol', 'complaint', 'report', 'digital_cityops', 'referral'] as const;
const ROADS = ['人民路', '工农路', '青年路', '崇川路', '通富路', '濠西路', '南大街', '园林路', '星湖大道', '世纪大道'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '朱', '马', '胡', '郭', '何', '高', '林', '罗'];
const SHOPS = ['小吃店', '烧烤店', '水果店', '便利店', '五金店', '餐馆', '洗车行', '面馆', '装饰店', '副食品店'];
const COMPANIES = ['建设工程有限公司', '渣土运输有限公司', '餐饮管理有限公司', '物业服务有限公司', '建筑劳务有限公司', '广告传媒有限公司'];
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

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
const between = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const addDays = (d: IsoDate, n: number): IsoDate => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (a: IsoDate, b: IsoDate) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const shanghaiDay = (d: Date): IsoDate => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
/** 10:00 in Beijing on a civil day, plus a few minutes per step so the timeline keeps its order. */
const atOf = (d: IsoDate, k: number) => new Date(Date.parse(`${d}T02:00:00Z`) + k * 7 * 60_000);

/** A well-formed 统一社会信用代码 (GB 32100-2015 check character). */
function creditCode(r: Rand): string {
  let body = '913206';
  while (body.length < 17) body += CREDIT_CHARS[Math.floor(r() * 31)];
  const sum = [...body].reduce((s, ch, i) => s + CREDIT_CHARS.indexOf(ch) * CREDIT_WEIGHTS[i]!, 0);
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

interface Person extends OfficerFacts {
  userId: string | null;
}
interface TeamCtx {
  id: string;
  code: string;
  path: string;
  name: string;
  shortName: string;
  lon: number | null;
  lat: number | null;
  persons: Person[];
  known: Map<string, OfficerFacts>;
  users: { leader: User | null; officer: User | null; aux: User | null };
}
interface User {
  id: string;
  displayName: string;
}

/** The case stops where it is: its next step would fall after today. */
class Stop extends Error {}

type Scenario =
  | 'simple_spot'
  | 'simple_pay'
  | 'general'
  | 'general_hearing'
  | 'general_waive'
  | 'general_major'
  | 'general_late_fee'
  | 'general_court'
  | 'no_penalty'
  | 'seizure'
  | 'not_filed'
  | 'withdrawn'
  | 'stall_lead'
  | 'stall_investigation'
  | 'late_filing'
  | 'extended_decision'
  | 'stall_service';

const WEIGHTED: readonly [Scenario, number][] = [
  ['simple_spot', 6],
  ['simple_pay', 5],
  ['general', 7],
  ['general_hearing', 2],
  ['general_waive', 2],
  ['general_major', 1],
  ['general_late_fee', 2],
  ['general_court', 1],
  ['no_penalty', 1],
  ['seizure', 2],
  ['not_filed', 2],
  ['withdrawn', 1],
  ['late_filing', 1],
  ['extended_decision', 1],
];
const WEIGHT_TOTAL = WEIGHTED.reduce((s, [, w]) => s + w, 0);

/**
 * Open states guaranteed somewhere in the city (each team gets two, in turn): the scenario that passes through it
 * and the state the case is left in, near today so that its running deadlines are current, not overdue.
 */
const TARGETS: readonly [Scenario, CaseState | CaseAction][] = [
  ['general', 'lead'],
  ['general_hearing', 'hearing_requested'],
  ['general', 'checked'],
  ['general_hearing', 'hearing_scheduled'],
  ['general', 'investigating'],
  ['general_hearing', 'heard'],
  ['general', 'investigated'],
  ['general_hearing', 'in_review'],
  ['general', 'notified'],
  ['general_major', 'reviewed'],
  ['general', 'decided'],
  ['general_major', 'discussed'],
  ['general', 'executing'],
  ['general_court', 'court_enforcement'],
  ['seizure', 'seize'],
  ['simple_pay', 'record_payment'],
  ['general', 'closed'],
];

const item = (code: string): ViolationItemData => {
  const it = DEMO_VIOLATION_ITEMS.find((x) => x.code === code);
  if (!it) throw new Error(`demo violation ${code} is not in the demo catalogue`);
  return it;
};
/** A fine inside the band (whole yuan), so that the penalty stands within the 裁量基准. */
function fineIn(r: Rand, it: ViolationItemData, band: BandLevel): number {
  const b = it.bands.find((x) => x.level === band)!;
  const lo = Math.max(b.fineMin, 100);
  return Math.round((lo + r() * (b.fineMax - lo)) / 100) * 100;
}

interface Planned {
  code: string;
  band: BandLevel;
  penalty: Penalty;
  party: PartyKind;
}
/** The violations each kind of case is about (codes of the demo catalogue) and a penalty inside the band. */
function plan(r: Rand, scenario: Scenario): Planned {
  const fine = (code: string, band: BandLevel, party: PartyKind, extra: Penalty['kinds'] = []): Planned => ({ code, band, party, penalty: { kinds: ['fine', ...extra], fineFen: fineIn(r, item(code), band) } });
  switch (scenario) {
    case 'simple_spot':
      return fine(pick(r, ['CS-01', 'CS-03', 'CS-10', 'CS-02']), 'minor', 'individual');
    case 'simple_pay':
      return fine(pick(r, ['CS-03', 'CS-10', 'CS-04', 'CS-05', 'CS-12']), pick(r, ['general', 'serious'] as const), r() < 0.6 ? 'individual' : 'business');
    case 'general_hearing':
    case 'general_waive':
      // 没收 carries the right to a hearing (行政处罚法 第六十三条).
      return r() < 0.5 ? fine('DQ-03', pick(r, ['minor', 'general'] as const), 'business', ['confiscation']) : fine('GF-01', pick(r, ['general', 'serious'] as const), 'individual', ['confiscation']);
    case 'general_major':
      return fine(pick(r, ['GF-03', 'DQ-08', 'ZS-01']), pick(r, ['serious', 'severe'] as const), 'organization');
    case 'general_court':
      return fine(pick(r, ['DQ-07', 'DQ-01']), 'general', 'business');
    case 'no_penalty':
      return { code: pick(r, ['CS-04', 'CS-02', 'CS-03']), band: 'minor', party: 'individual', penalty: { kinds: ['warning'], fineFen: 0 } };
    case 'seizure':
      return fine(pick(r, ['CS-10', 'DQ-03']), 'general', 'business');
    default: {
      const choices: [string, PartyKind][] = [
        ['DQ-01', 'business'],
        ['DQ-07', 'business'],
        ['ZS-03', 'business'],
        ['DQ-04', 'individual'],
        ['ZS-05', 'individual'],
        ['ZS-07', 'individual'],
        ['CS-07', 'business'],
        ['CS-09', 'business'],
        ['CS-06', 'organization'],
        ['DQ-06', 'organization'],
      ];
      const [code, party] = pick(r, choices);
      return fine(code, pick(r, ['minor', 'general', 'general', 'serious'] as const), party);
    }
  }
}

interface SimEvent {
  action: TimelineEvent['action'];
  fromState: CaseState | null;
  toState: CaseState;
  onDate: IsoDate;
  actor: User;
  officers: Person[];
  payload: Record<string, unknown>;
}

/** One case played step by step through the case domain. */
class Sim {
  readonly id = newId();
  state: CaseState = 'lead';
  procedure: 'general' | 'simple' = 'general';
  facts: CaseFacts;
  fineFen = 0;
  events: SimEvent[] = [];
  seizures: (typeof caseSeizure.$inferInsert)[] = [];
  violation: ViolationSnapshot | null = null;
  proposedPenalty: Penalty | null = null;
  decidedPenalty: Penalty | null = null;
  filedOn: IsoDate | null = null;
  decidedOn: IsoDate | null = null;
  closedOn: IsoDate | null = null;
  cursor: IsoDate;
  responsible: Person | null = null;
  lastOfficers: Person[] = [];
  /** Stopped where `stopAt` asked (a guaranteed open state), not by the date. */
  reached = false;
  leadNo: string | null = null;
  caseNo: string | null = null;

  constructor(
    readonly team: TeamCtx,
    readonly view: CaseLegalView,
    readonly today: IsoDate,
    readonly actDate: IsoDate,
    readonly source: (typeof SOURCES)[number],
    readonly pair: [Person, Person],
    readonly party: typeof caseParty.$inferInsert,
    readonly place: string,
    summary: string,
    readonly stopAt: CaseState | CaseAction | null,
  ) {
    this.facts = emptyFacts(summary);
    this.cursor = actDate;
  }

  timeline(finalFine = this.fineFen): TimelineEvent[] {
    return this.events.map((e) => ({
      action: e.action,
      onDate: e.onDate,
      seizureId: typeof e.payload.seizureId === 'string' ? e.payload.seizureId : null,
      paidOnSpot: e.payload.paidOnSpot === true,
      fineFen: typeof e.payload.fineFen === 'number' ? e.payload.fineFen : finalFine,
      hearingRights: e.payload.hearingRights === true,
    }));
  }
  deadlines(on: IsoDate): CaseDeadline[] {
    return caseDeadlines(this.timeline(), this.view, on);
  }
  running(kind: CaseDeadline['kind'], on = this.cursor): CaseDeadline | null {
    return this.deadlines(on).find((d) => d.kind === kind && d.stoppedOn === null) ?? null;
  }

  private record(action: SimEvent['action'], from: CaseState | null, to: CaseState, on: IsoDate, actor: User, officers: Person[], payload: Record<string, unknown>) {
    if (on > this.today) throw new Stop();
    if (on < this.actDate) throw new Error(`demo case: ${action} on ${on} is before the act (${this.actDate})`);
    if (officers.length) {
      const p = officersProblem(officers.map((o) => o.personId), this.team.known, on);
      if (p) throw new Error(`demo case: ${action} on ${on}: ${p.message}`);
      this.lastOfficers = officers;
    }
    this.events.push({ action, fromState: from, toState: to, onDate: on, actor, officers, payload });
    this.state = to;
    this.cursor = on;
    if (this.stopAt === to || this.stopAt === action) {
      this.reached = true;
      throw new Stop();
    }
  }

  createLead(on: IsoDate, actor: User) {
    this.record('create_lead', null, 'lead', on, actor, [], { source: this.source, summary: this.facts.leadSummary });
  }

  simpleDecide(on: IsoDate, actor: User, penalty: Penalty, paidOnSpot: boolean) {
    for (const kind of penalty.kinds) {
      const r = this.view.simpleProcedure({ actDate: this.actDate, partyType: thresholdPartyType(this.party.kind as PartyKind), penaltyKind: kind, amountFen: kind === 'fine' ? penalty.fineFen : 0 });
      if (!r.allowed) throw new Error(`demo case: simple procedure refused: ${r.reason}`);
    }
    this.procedure = 'simple';
    this.facts.decision = { on, outcome: 'penalty', penalty, reason: null, number: null };
    this.facts.service = { on, method: 'direct', consent: false };
    if (paidOnSpot) this.facts.payment = { on, amountFen: penalty.fineFen, lateFeeFen: 0, onSpot: true };
    this.proposedPenalty = penalty;
    this.decidedPenalty = penalty;
    this.fineFen = penalty.fineFen;
    this.filedOn = on;
    this.decidedOn = on;
    this.responsible = this.pair[0];
    this.record('simple_decide', null, penalty.fineFen > 0 && !paidOnSpot ? 'executing' : 'executed', on, actor, [...this.pair], { penalty, fineFen: penalty.fineFen, paidOnSpot, caseNo: null });
  }

  /** A step of `POST …/actions/:action`: the transition table decides whether it may run and where it leads. */
  act(action: CaseAction, on: IsoDate, actor: User, payload: Record<string, unknown> = {}, opts: { reason?: string; outcomeState?: CaseState } = {}) {
    if (on > this.today) throw new Stop();
    const r = transition({ state: this.state, procedure: this.procedure }, action, { permissions: PERMS, reason: opts.reason ?? null, ...(opts.outcomeState ? { outcomeState: opts.outcomeState } : {}) });
    if (!r.ok) throw new Error(`demo case: ${action} from ${this.state}: ${r.message}`);
    const officers = ACTIONS[action].officers ? [...this.pair] : [];
    if (officers.length && (action === 'check' || action === 'approve_filing' || !this.responsible)) this.responsible = officers[0]!;
    this.record(action, this.state, r.to, on, actor, officers, opts.reason ? { reason: opts.reason, ...payload } : payload);
  }
}

/** Everything the seed needs of one team and day to play its cases. */
interface Play {
  team: TeamCtx;
  view: CaseLegalView;
  today: IsoDate;
  legalUser: User;
}

function partyOf(r: Rand, kind: PartyKind, team: TeamCtx, sim: { id: string }, now: Date): typeof caseParty.$inferInsert {
  const surname = pick(r, SURNAMES);
  const street = team.shortName;
  const address = `南通市${street}街道${pick(r, ROADS)}${between(r, 1, 400)}号（演示地址）`;
  const phone = `1${pick(r, ['39', '58', '37', '86', '89'])}${String(between(r, 0, 99_999_999)).padStart(8, '0')}`;
  const birth = addDays('1960-01-01', between(r, 0, 40 * 365)).replace(/-/g, '');
  const idNumber = makeIdNumber(`3206${String(between(r, 2, 84)).padStart(2, '0')}`, birth, between(r, 1, 998));
  const base = { id: newId(), caseId: sim.id, orgUnitId: team.id, phone, address, isDemo: true, createdAt: now, updatedAt: now };
  if (kind === 'individual') return { ...base, kind, name: `${surname}某某（${DEMO}）`, idNumber };
  // A 个体工商户 is named by its shop and its operator's ID; a company by its 统一社会信用代码.
  if (kind === 'business') return { ...base, kind, name: `${street}${surname}记${pick(r, SHOPS)}（${DEMO}）`, idNumber };
  return { ...base, kind, name: `南通${pick(r, ['通达', '海港', '濠河', '江海', '崇川', '紫琅'])}${pick(r, COMPANIES)}（${DEMO}）`, idNumber: creditCode(r) };
}

/** Two officers of the team holding 执法证 valid from the act to today: the team's demo accounts when they can. */
function officerPair(r: Rand, team: TeamCtx, from: IsoDate, to: IsoDate): [Person, Person] {
  const valid = team.persons.filter((p) => p.kind === 'officer' && p.status === 'active' && certificateValid(p, from) && certificateValid(p, to));
  const users = valid.filter((p) => p.userId);
  const others = valid.filter((p) => !p.userId);
  const ordered = [...users, ...others];
  if (ordered.length < 2) throw new Error(`demo team ${team.name} has fewer than two officers with a valid 执法证`);
  // Mostly the officer account responsible (its "my cases" fills up), sometimes another officer of the team.
  const first = r() < 0.6 ? (users.find((u) => u.userId === team.users.officer?.id) ?? ordered[0]!) : pick(r, ordered);
  const second = pick(r, ordered.filter((p) => p.personId !== first.personId));
  return [first, second];
}

const SUMMARIES: Record<string, string> = {
  patrol: '巡查中发现',
  complaint: '群众投诉',
  report: '群众举报',
  digital_cityops: '数字城管平台派遣',
  referral: '上级交办',
};

function playCase(p: Play, seed: number, scenario: Scenario, actDate: IsoDate, stopAt: CaseState | CaseAction | null, now: Date): Sim {
  const r = rng(seed);
  const { team, view, today } = p;
  const planned = plan(r, scenario);
  const it = item(planned.code);
  const source = scenario.startsWith('simple') ? 'patrol' : pick(r, SOURCES);
  const pair = officerPair(r, team, actDate, today);
  const place = `${team.shortName}街道${pick(r, ROADS)}${between(r, 1, 400)}号附近`;
  const summary = `${SUMMARIES[source]}：${place}${it.name.replace(/（.*?）/g, '')}（${DEMO}）`;
  const partyRow = partyOf(r, planned.party, team, { id: '' }, now);
  const sim = new Sim(team, view, today, actDate, source, pair, partyRow, place, summary, stopAt);
  partyRow.caseId = sim.id;
  const leader = team.users.leader!;
  const officer = team.users.officer!;
  const snapshot = (penalty: Penalty | null): ViolationSnapshot => {
    const cite = `${it.penaltyBasis.law}（${it.penaltyBasis.version}）${it.penaltyBasis.article}`;
    if (penalty) {
      for (const kind of penalty.kinds) {
        const c = checkPenalty(it, planned.band, { kind, amount: kind === 'fine' ? penalty.fineFen : null, baseAmount: null });
        if (c.outcome !== 'within_band') throw new Error(`demo case: ${it.code} ${kind} ${penalty.fineFen}: ${c.message}`);
      }
    }
    return { code: it.code, name: it.name, basis: cite, band: planned.band, standing: penalty ? 'within_band' : 'unchecked', outsideBandReason: null };
  };
  sim.violation = snapshot(null);
  let d = actDate;
  const next = (lo: number, hi: number) => (d = addDays(d, between(r, lo, hi)));

  try {
    if (scenario === 'simple_spot' || scenario === 'simple_pay') {
      const spot = scenario === 'simple_spot';
      sim.violation = snapshot(planned.penalty);
      sim.simpleDecide(d, officer, planned.penalty, spot);
      // 备案 the next day at the latest (当场收缴的罚款 handed over within two working days, 第七十一条).
      sim.act('file_record', next(0, 1), officer);
      if (!spot) {
        const late = r() < 0.1;
        const payOn = late ? next(18, 30) : next(2, 11);
        payment(sim, payOn, officer);
      }
      sim.act('close', next(1, 6), leader);
      sim.act('archive', next(5, 20), leader);
      return sim;
    }

    sim.createLead(d, r() < 0.3 && team.users.aux ? team.users.aux : officer);
    if (scenario === 'stall_lead') {
      if (r() < 0.5) {
        next(1, 3);
        sim.facts.check = { on: d, proposal: 'file', findings: `现场核查属实（${DEMO}）` };
        sim.act('check', d, officer, { proposal: 'file', findings: sim.facts.check.findings });
      }
      return sim;
    }
    next(1, 3);
    const notFile = scenario === 'not_filed';
    sim.facts.check = { on: d, proposal: notFile ? 'not_file' : 'file', findings: notFile ? `经核查，现场已自行整改，违法事实不能认定（${DEMO}）` : `现场核查属实，拍照取证（${DEMO}）` };
    sim.act('check', d, officer, { proposal: sim.facts.check.proposal, findings: sim.facts.check.findings });
    if (notFile) {
      const reason = pick(r, ['违法事实不能成立，不予立案', '不属于本机关管辖，已移送有关部门', '违法行为轻微并已及时改正，没有造成危害后果，不予立案']);
      sim.facts.endReason = reason;
      sim.act('reject_filing', next(1, 3), leader, {}, { reason });
      return sim;
    }
    // 住建部令第55号: 立案 within fifteen days of the lead; the late one misses it.
    sim.act('approve_filing', scenario === 'late_filing' ? (d = addDays(actDate, between(r, 17, 24))) : next(1, 3), leader);
    sim.filedOn = d;
    if (scenario === 'withdrawn') {
      const reason = pick(r, ['经调查，违法事实不能成立，予以撤案', '当事人系他人冒用身份，违法主体认定错误，予以撤案']);
      sim.facts.endReason = reason;
      sim.act('withdraw', next(5, 25), leader, {}, { reason });
      return sim;
    }
    if (scenario === 'stall_investigation') return sim;
    if (scenario === 'seizure') {
      const sid = newId();
      const kind = r() < 0.7 ? 'detain' : 'seal';
      const items = kind === 'detain' ? `经营用三轮车 1 辆、遮阳伞 2 把（${DEMO}）` : `违法经营场所烧烤炉具（${DEMO}）`;
      next(0, 2);
      sim.seizures.push({ id: sid, caseId: sim.id, orgUnitId: team.id, kind, items, place: `${team.shortName}执法队暂扣物品库`, startOn: d, extendedOn: null, extensionReason: null, endedOn: null, outcome: null, isDemo: true, createdAt: now, updatedAt: now });
      // 全程音像记录: the officers were on the spot 09:40–10:10 (Beijing); demo-evidence.ts gives them the covering clip.
      sim.act('seize', d, leader, { seizureId: sid, seizureKind: kind, items, startedAt: `${d}T01:40:00.000Z`, endedAt: `${d}T02:10:00.000Z` });
      // 行政强制法 第二十五条: thirty days, extended once by at most thirty with approval; then released.
      const reason = '案情复杂，需进一步调查核实物品权属';
      sim.act('extend_seizure', next(24, 28), leader, { seizureId: sid }, { reason });
      sim.seizures[0]!.extendedOn = d;
      sim.seizures[0]!.extensionReason = reason;
      sim.act('release_seizure', next(8, 20), officer, { seizureId: sid, seizureOutcome: 'released' });
      sim.seizures[0]!.endedOn = d;
      sim.seizures[0]!.outcome = 'released';
    }
    if (scenario === 'extended_decision') {
      // 住建部令第55号: ninety days, thirty more with approval.
      const reason = '案情复杂，需鉴定违法所得，经负责人批准延长办案期限';
      sim.facts.decisionExtensions.push({ on: addDays(sim.filedOn, between(r, 78, 86)), reason });
      sim.act('extend_decision', sim.facts.decisionExtensions[0]!.on, leader, {}, { reason });
      d = sim.cursor;
    }

    // 调查终结: the violation checked against its band, the 法制审核 triggers of 第五十八条.
    const major = scenario === 'general_major';
    if (scenario === 'extended_decision') next(3, 12);
    else next(8, 25);
    const penalty = planned.penalty;
    sim.violation = snapshot(penalty);
    sim.facts.investigation = { closedOn: d, report: `调查终结报告：违法事实清楚，证据确凿（${DEMO}）` };
    sim.facts.proposedPenalty = penalty;
    sim.facts.major = major;
    sim.facts.review.triggers = reviewTriggers({ publicInterest: major, complex: major, hearingHeld: false, outsideBand: false });
    sim.proposedPenalty = penalty;
    sim.act('close_investigation', d, officer, { penalty, report: sim.facts.investigation.report, band: planned.band, standing: 'within_band', major, reviewTriggers: sim.facts.review.triggers });

    // 事先告知 (第四十四条), with 听证 rights by 第六十三条.
    next(1, 4);
    const rights = hearingRights(penalty, view.hearingFineFen(thresholdPartyType(planned.party), d));
    sim.facts.notice = { on: d, penalty, hearingRights: rights };
    sim.act('notify', d, officer, { penalty, hearingRights: rights });
    if (rights && scenario === 'general_hearing') {
      const w = sim.running('hearing_request');
      if (!w?.dueOn) throw new Stop(); // the calendar of the window's year is not there yet
      next(1, 3);
      if (d > w.dueOn) d = w.dueOn;
      sim.facts.hearing = { requestedOn: d };
      sim.act('request_hearing', d, officer);
      next(1, 2);
      const rule = view.rule(HEARING_NOTICE_RULE, d);
      const earliest = rule && rule.kind === 'period' ? view.deadline(rule, d) : null;
      if (!earliest?.ok) throw new Stop(); // the calendar of the hearing's year is not there yet
      const hearingOn = addDays(earliest.due, between(r, 0, 3));
      if (hearingNoticeProblem(hearingOn, earliest.due)) throw new Error('demo case: hearing notice too short');
      const investigators = new Set(sim.events.flatMap((e) => e.officers.map((o) => o.personId)));
      const chair = team.persons.find((x) => x.kind === 'officer' && x.status === 'active' && !investigators.has(x.personId));
      if (!chair) throw new Error(`demo team ${team.name}: no officer left to chair a hearing`);
      sim.facts.hearing = { ...sim.facts.hearing, noticeOn: d, hearingOn, chairPersonId: chair.personId };
      sim.act('schedule_hearing', d, officer, { hearingOn, chairPersonId: chair.personId });
      d = hearingOn;
      const minutes = `听证笔录：当事人对违法事实无异议，请求从轻处罚（${DEMO}）`;
      sim.facts.hearing = { ...sim.facts.hearing, heldOn: d, minutes };
      sim.facts.review.triggers.push('hearing_held');
      sim.act('hold_hearing', d, officer, { minutes });
    } else if (rights && scenario === 'general_waive') {
      next(1, 3);
      sim.facts.hearing = { waivedOn: d };
      sim.act('waive_hearing', d, officer);
    } else if (r() < 0.5) {
      next(1, 3);
      const waived = r() < 0.5;
      const text = waived ? null : `当事人陈述：已认识到错误，愿意改正（${DEMO}）`;
      sim.facts.statements.push({ on: d, waived, text });
      sim.act('record_statement', d, officer, { waived, statement: text });
    }
    if (sim.facts.review.triggers.length > 0) {
      sim.act('submit_review', next(1, 2), officer);
      const opinion = `事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意（${DEMO}）`;
      next(1, 3);
      sim.facts.review = { ...sim.facts.review, result: 'approved', on: d, reviewerName: p.legalUser.displayName, opinion };
      sim.act('legal_review', d, p.legalUser, { approved: true, opinion });
    }
    if (major) {
      next(1, 3);
      const participants = [leader.displayName, ...team.persons.filter((x) => x.kind === 'officer').slice(1, 4).map((x) => x.name)];
      sim.facts.discussion = { on: d, conclusion: `经集体讨论，同意按拟处罚意见作出处罚决定（${DEMO}）`, participants };
      sim.act('collective_discussion', d, leader, { conclusion: sim.facts.discussion.conclusion, participants });
    }

    // 决定: after the hearing window (unless waived or held), within the decision period.
    next(scenario === 'extended_decision' ? 2 : 1, 4);
    if (rights && !sim.facts.hearing?.waivedOn && !sim.facts.hearing?.heldOn) {
      const w = sim.deadlines(d).find((x) => x.kind === 'hearing_request');
      if (!w?.dueOn) throw new Stop();
      if (d <= w.dueOn) d = addDays(w.dueOn, between(r, 1, 3));
    }
    const noPenalty = scenario === 'no_penalty';
    const outcome = noPenalty ? ('no_penalty' as const) : ('penalty' as const);
    const decided = noPenalty ? null : penalty;
    const reason = noPenalty ? '违法行为轻微并及时改正，没有造成危害后果，依据行政处罚法第三十三条第一款不予行政处罚' : null;
    const problem = decideProblem(
      {
        reviewRequired: sim.facts.review.triggers.length > 0,
        reviewApproved: sim.facts.review.result === 'approved',
        major,
        discussed: !!sim.facts.discussion,
        hearingRights: rights,
        hearingWaived: !!sim.facts.hearing?.waivedOn,
        hearingHeld: !!sim.facts.hearing?.heldOn,
        hearingWindowDue: sim.deadlines(d).find((x) => x.kind === 'hearing_request')?.dueOn ?? null,
        noticed: penalty,
      },
      { outcome, penalty: decided, reason, onDate: d },
    );
    if (problem) throw new Error(`demo case: decide: ${problem.message}`);
    sim.facts.decision = { on: d, outcome, penalty: decided, reason, number: null };
    sim.decidedPenalty = decided;
    sim.fineFen = decided?.fineFen ?? 0;
    sim.decidedOn = d;
    sim.act('decide', d, leader, { outcome, penalty: decided, fineFen: sim.fineFen, year: Number(d.slice(0, 4)) }, reason ? { reason } : {});
    if (scenario === 'stall_service') return sim;

    // 送达 within seven days (第六十一条).
    next(0, 3);
    const method = pick(r, ['direct', 'direct', 'direct', 'left_at_premises', 'post'] as const);
    sim.facts.service = { on: d, method, consent: false };
    sim.act('serve', d, officer, { method, fineFen: sim.fineFen }, sim.fineFen ? {} : { outcomeState: 'executed' });

    if (sim.fineFen > 0) {
      if (scenario === 'general_court') {
        // Not paid: 催告 (行政强制法 第三十五条), then the court after the 诉讼 window (第五十三条) and ten days after the 催告 (第五十四条).
        const pay = sim.running('payment');
        d = addDays(pay?.dueOn ?? d, between(r, 3, 12));
        sim.facts.urges.push({ on: d });
        sim.act('urge', d, officer);
        const w = sim.running('court_application');
        const opensOn = w?.explanation.find((s) => s.kind === 'due')?.date;
        const urge = sim.running('urge_reply');
        if (!w?.dueOn || !opensOn || !urge?.dueOn) throw new Stop();
        d = addDays(opensOn > urge.dueOn ? opensOn : urge.dueOn, between(r, 2, 15));
        if (d > w.dueOn) d = w.dueOn;
        sim.facts.court = { appliedOn: d };
        sim.act('apply_court', d, leader);
        next(20, 45);
        const result = `法院裁定准予强制执行，罚款已执行到位（${DEMO}）`;
        sim.facts.court = { ...sim.facts.court, result, resultOn: d };
        sim.act('record_court_result', d, officer, { result });
      } else {
        const late = scenario === 'general_late_fee' || (major && r() < 0.5);
        payment(sim, late ? next(20, 50) : next(2, 12), officer);
      }
    }
    sim.act('close', next(2, 10), leader);
    sim.facts.closedOn = d;
    sim.closedOn = d;
    sim.act('archive', next(5, 20), leader);
    sim.facts.archivedOn = d;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return sim;
}

/** 缴款: the fine and the 加处罚款 owed on that day (第七十二条第一项), exactly what the service accepts. */
function payment(sim: Sim, on: IsoDate, actor: User) {
  const pay = sim.deadlines(on).find((x) => x.kind === 'payment');
  const fee = pay?.dueOn ? sim.view.lateFee(sim.fineFen, pay.dueOn, on) : null;
  const lateFeeFen = fee?.feeFen ?? 0;
  const amountFen = sim.fineFen + lateFeeFen;
  // A payment after today keeps the case where it is (`act` stops it before anything is recorded).
  if (on <= sim.today) sim.facts.payment = { on, amountFen, lateFeeFen, onSpot: false };
  sim.act('record_payment', on, actor, { amountFen, lateFeeFen });
}

/** Picks a scenario by weight; the stalled and overdue ones are placed by `teamCases`. */
function weightedScenario(r: Rand): Scenario {
  let x = r() * WEIGHT_TOTAL;
  for (const [s, w] of WEIGHTED) {
    x -= w;
    if (x < 0) return s;
  }
  return 'general';
}

/** The cases of one team: a weighted mix over the year, two guaranteed open states, and a few overdue ones. */
function teamCases(p: Play, ti: number, now: Date): Sim[] {
  const r = rng(20_250_101 + ti * 7919);
  const { today } = p;
  const n = 22 + Math.floor(r() * 16);
  const out: Sim[] = [];
  const seedOf = () => Math.floor(r() * 2 ** 31);
  for (let k = 0; k < n; k++) {
    let scenario = weightedScenario(r);
    let act = addDays(today, -between(r, 1, 364));
    // The court is applied to six months after service at the earliest: those cases start early in the year.
    if (scenario === 'general_court') act = addDays(today, -between(r, 280, 364));
    if (scenario === 'simple_spot' || scenario === 'simple_pay') act = addDays(today, -between(r, 0, 364));
    if (k === 0 && ti % 2 === 0) {
      scenario = 'stall_lead';
      act = addDays(today, -between(r, 20, 45));
    } else if (k === 1 && ti % 3 === 0) {
      scenario = 'stall_investigation';
      act = addDays(today, -between(r, 100, 160));
    } else if (k === 2 && ti % 4 === 1) {
      scenario = 'stall_service';
      act = addDays(today, -between(r, 60, 120));
    }
    out.push(playCase(p, seedOf(), scenario, act, null, now));
  }
  // Two open states near today per team: played once to learn how long the path takes, then replayed so that
  // the state is reached a few days before today (the calendar may move a working-day step by a few days).
  for (let j = 0; j < 2; j++) {
    const [scenario, target] = TARGETS[(ti * 2 + j) % TARGETS.length]!;
    const seed = seedOf();
    let act = addDays(today, scenario === 'general_court' ? -300 : -90);
    let sim = playCase(p, seed, scenario, act, target, now);
    for (let pass = 0; pass < 4; pass++) {
      if (sim.reached && sim.cursor >= addDays(today, -6)) break;
      act = sim.reached ? addDays(act, daysBetween(sim.cursor, today) - between(r, 0, 3)) : addDays(act, -20);
      sim = playCase(p, seed, scenario, act, target, now);
    }
    out.push(sim);
  }
  return out;
}

export async function seedDemoCases(database: Database, clock: Clock): Promise<{ seeded: boolean; cases: number }> {
  const { db } = database;
  if ((await db.select({ id: enforcementCase.id }).from(enforcementCase).where(eq(enforcementCase.isDemo, true)).limit(1)).length) return { seeded: false, cases: 0 };
  const teams = await db
    .select({ id: orgUnit.id, code: orgUnit.code, path: orgUnit.path, name: orgUnit.name, shortName: orgUnit.shortName, lon: orgUnit.centerLon, lat: orgUnit.centerLat })
    .from(orgUnit)
    .where(and(eq(orgUnit.kind, 'team'), eq(orgUnit.isDemo, true)))
    .orderBy(orgUnit.code);
  if (teams.length === 0) return { seeded: false, cases: 0 };
  const teamIds = teams.map((t) => t.id);
  const persons = await db
    .select({
      personId: ledgerPerson.id,
      orgUnitId: ledgerPerson.orgUnitId,
      name: ledgerPerson.name,
      kind: ledgerPerson.kind,
      status: ledgerPerson.status,
      certificateNo: ledgerPerson.certificateNo,
      certificateIssuedOn: ledgerPerson.certificateIssuedOn,
      certificateExpiresOn: ledgerPerson.certificateExpiresOn,
      userId: ledgerPerson.userId,
    })
    .from(ledgerPerson)
    .where(and(inArray(ledgerPerson.orgUnitId, teamIds), eq(ledgerPerson.isDemo, true)))
    .orderBy(ledgerPerson.name, ledgerPerson.id);
  if (persons.length === 0) return { seeded: false, cases: 0 };
  const users = await db.select({ id: appUser.id, username: appUser.username, displayName: appUser.displayName, orgUnitId: appUser.orgUnitId }).from(appUser).where(eq(appUser.isDemo, true));
  const legalUser = users.find((u) => u.username === 'legal');
  if (!legalUser) return { seeded: false, cases: 0 };

  const legal = createLegalService({ database, clock });
  const served = await legal.snapshot();
  const view = caseLegalView(served.rules, served.calendar, served.revision);
  // On a database without any case, every stored deadline is the seed's: its revision is recorded (no recomputation later).
  const noCaseBefore = (await db.select({ id: enforcementCase.id }).from(enforcementCase).limit(1)).length === 0;
  const now = clock.now();
  const today = shanghaiDay(now);

  const sims: { sim: Sim; team: TeamCtx }[] = [];
  for (const [ti, t] of teams.entries()) {
    const mine = persons.filter((x) => x.orgUnitId === t.id);
    const byUser = (suffix: string) => {
      const u = users.find((x) => x.orgUnitId === t.id && x.username.endsWith(suffix));
      return u ? { id: u.id, displayName: u.displayName } : null;
    };
    const team: TeamCtx = {
      id: t.id,
      code: t.code,
      path: t.path,
      name: t.name,
      shortName: t.shortName ?? t.name.replace(/街道综合执法队$/, ''),
      lon: t.lon,
      lat: t.lat,
      persons: mine,
      known: new Map(mine.map((x) => [x.personId, x])),
      users: { leader: byUser('.leader'), officer: byUser('.officer1'), aux: byUser('.aux1') },
    };
    if (!team.users.leader || !team.users.officer) continue;
    for (const sim of teamCases({ team, view, today, legalUser: { id: legalUser.id, displayName: legalUser.displayName } }, ti, now)) sims.push({ sim, team });
  }

  // Numbers in the order the steps happened, per team, year and series (as the service's counters would give).
  const counters = new Map<string, number>();
  const numbered: { sim: Sim; team: TeamCtx; series: '线' | '罚' | '简'; on: IsoDate; at: number }[] = [];
  for (const { sim, team } of sims) {
    for (const [i, e] of sim.events.entries()) {
      const series = e.action === 'create_lead' ? '线' : e.action === 'approve_filing' ? '罚' : e.action === 'simple_decide' ? '简' : null;
      if (series) numbered.push({ sim, team, series, on: e.onDate, at: i });
    }
  }
  numbered.sort((a, b) => a.on.localeCompare(b.on) || a.sim.id.localeCompare(b.sim.id));
  for (const x of numbered) {
    const year = Number(x.on.slice(0, 4));
    const key = `${x.team.id}|${year}|${x.series}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const no = `${x.team.shortName}城管${x.series}〔${year}〕${String(n).padStart(4, '0')}号`;
    if (x.series === '线') x.sim.leadNo = no;
    else {
      x.sim.caseNo = no;
      x.sim.events[x.at]!.payload.caseNo = no;
    }
  }

  const cases: (typeof enforcementCase.$inferInsert)[] = [];
  const parties: (typeof caseParty.$inferInsert)[] = [];
  const events: (typeof caseEvent.$inferInsert)[] = [];
  const deadlines: (typeof caseDeadline.$inferInsert)[] = [];
  const seizures: (typeof caseSeizure.$inferInsert)[] = [];
  const states = new Map<string, number>();
  for (const { sim, team } of sims) {
    const f = sim.facts;
    if (f.decision && sim.caseNo) f.decision.number = sim.caseNo;
    const first = sim.events[0]!;
    const last = sim.events.at(-1)!;
    const list = caseDeadlines(sim.timeline(sim.fineFen), sim.view, today);
    const yearOf = sim.filedOn ?? first.onDate;
    const jitter = (sim.id.charCodeAt(0) % 10) * 0.002;
    cases.push({
      id: sim.id,
      orgUnitId: team.id,
      procedure: sim.procedure,
      state: sim.state,
      source: sim.source,
      sourceRef: sim.source === 'digital_cityops' ? `SZCG-${yearOf.slice(0, 4)}-${sim.id.slice(0, 6).toUpperCase()}` : null,
      leadNo: sim.leadNo,
      caseNo: sim.caseNo,
      year: Number(yearOf.slice(0, 4)),
      actDate: sim.actDate,
      actPlace: sim.place,
      lat: team.lat === null ? null : team.lat + jitter - 0.01,
      lon: team.lon === null ? null : team.lon - jitter + 0.01,
      violation: sim.violation,
      proposedPenalty: sim.proposedPenalty,
      decidedPenalty: sim.decidedPenalty,
      fineFen: sim.fineFen,
      officerIds: sim.lastOfficers.map((o) => o.personId),
      responsiblePersonId: sim.responsible?.personId ?? null,
      facts: f,
      filedOn: sim.filedOn,
      decidedOn: sim.decidedOn,
      closedOn: sim.closedOn,
      hadOverdue: list.some((x) => x.duty && (x.late || x.state === 'overdue')),
      createdBy: first.actor.id,
      isDemo: true,
      createdAt: atOf(first.onDate, 0),
      updatedAt: atOf(last.onDate, sim.events.length),
      version: sim.events.length,
    });
    parties.push(sim.party);
    for (const [i, e] of sim.events.entries()) {
      events.push({
        caseId: sim.id,
        orgUnitId: team.id,
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        onDate: e.onDate,
        at: atOf(e.onDate, i),
        actorId: e.actor.id,
        actorName: e.actor.displayName,
        officers: e.officers.map((o) => ({ personId: o.personId, name: o.name, certificateNo: o.certificateNo })),
        payload: e.payload,
        isDemo: true,
      });
    }
    for (const x of list) {
      deadlines.push({
        id: newId(),
        caseId: sim.id,
        orgUnitId: team.id,
        key: x.key,
        kind: x.kind,
        ruleId: x.ruleId,
        duty: x.duty,
        startOn: x.startOn,
        dueOn: x.dueOn,
        stoppedOn: x.stoppedOn,
        problem: x.ruleMissing ? 'rule_missing' : x.calendarMissing ? 'calendar_missing' : null,
        running: x.stoppedOn === null,
        responsiblePersonId: sim.responsible?.personId ?? null,
        isDemo: true,
      });
    }
    seizures.push(...sim.seizures);
    states.set(sim.state, (states.get(sim.state) ?? 0) + 1);
  }

  await db.transaction(async (tx: Tx) => {
    const batched = async <T>(rows: T[], insert: (b: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += 400) await insert(rows.slice(i, i + 400));
    };
    await batched(cases, (b) => tx.insert(enforcementCase).values(b));
    await batched(parties, (b) => tx.insert(caseParty).values(b));
    // In timeline order: the timeline reads events by id.
    await batched(events, (b) => tx.insert(caseEvent).values(b));
    await batched(deadlines, (b) => tx.insert(caseDeadline).values(b));
    if (noCaseBefore) {
      const rev = { revision: view.revision, casesRecomputed: 0, casesChanged: 0, updatedAt: now };
      await tx.insert(caseDeadlineRevision).values({ id: 'deadlines', ...rev }).onConflictDoUpdate({ target: caseDeadlineRevision.id, set: rev });
    }
    await batched(seizures, (b) => tx.insert(caseSeizure).values(b));
    const counterRows = [...counters].map(([key, last]) => {
      const [orgUnitId, year, series] = key.split('|') as [string, string, string];
      return { orgUnitId, year: Number(year), series, last };
    });
    await batched(counterRows, (b) => tx.insert(caseCounter).values(b));
    await recordAudit(tx, clock, SYSTEM_ACTOR, {
      action: 'demo.seed.cases',
      entityType: 'org_unit',
      entityId: teams[0]!.id,
      orgUnitId: null,
      after: { teams: teams.length, cases: cases.length, events: events.length, states: Object.fromEntries(states), isDemo: true },
    });
  });
  return { seeded: true, cases: cases.length };
}

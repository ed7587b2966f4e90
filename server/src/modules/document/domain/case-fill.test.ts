import { test } from 'node:test';
import assert from 'node:assert/strict';
import zhCN from '../../../../../web/src/shared/i18n/zh-CN';
import { fillDataOfCase, PARTY_KIND_ZH, PENALTY_KIND_ZH, SEIZURE_KIND_ZH, SERVICE_METHOD_ZH, SOURCE_ZH, type CaseForFill, type FillContext } from './case-fill';

const base: CaseForFill = {
  caseNo: '竹行城管罚〔2026〕0003号',
  source: 'patrol',
  procedure: 'general',
  actDate: '2026-02-03',
  actPlace: '竹行街道某路1号',
  summary: '巡查发现占道经营',
  parties: [{ kind: 'business', name: '竹行张记小吃（演示）', idNumberMasked: '3206**********1234', phone: '13800000000', address: '竹行街道某路1号' }],
  violation: { name: '擅自占用城市道路经营', basis: '《城市市容和环境卫生管理条例》第十四条', band: 'general' },
  proposedPenalty: { kinds: ['fine'], fineFen: 50_000 },
  decidedPenalty: null,
  officers: [{ name: '李明', certificateNo: '32060001' }, { name: '王强', certificateNo: null }],
  facts: { statements: [], review: {}, urges: [] },
  timeline: [{ action: 'check', onDate: '2026-02-03' }, { action: 'approve_filing', onDate: '2026-02-04' }],
  seizures: [],
};
const ctx: FillContext = { bureau: '南通市城市管理局', unitName: '竹行街道综合执法队', unitShortName: '竹行', today: '2026-03-02', number: null, decisionNumber: null, served: null, signatures: null };

test('fillDataOfCase: words for codes, officers with certificates, penalty in yuan and 大写, dates from facts or the timeline', () => {
  const d = fillDataOfCase(base, ctx);
  assert.equal(d.case.source, '巡查发现');
  assert.equal(d.party.kind, '个体工商户');
  assert.equal(d.party.idNumber, '3206**********1234');
  assert.equal(d.officers.names, '李明、王强');
  assert.equal(d.officers.withCertificates, '李明（执法证号：32060001）、王强');
  assert.deepEqual(d.proposed, { kinds: '罚款', text: '罚款人民币500元', fineYuan: '500', fineUpper: '人民币伍佰元整' });
  assert.deepEqual(d.penalty, { kinds: null, text: null, fineYuan: null, fineUpper: null }, 'not decided yet: blanks');
  assert.equal(d.dates.filed, '2026-02-04', 'the 立案 step of the timeline when facts.filing is absent');
  assert.equal(d.facts.statements, null, 'no notice yet: nothing to say about statements');
  assert.equal(d.facts.hearingRightsWords, null);
  assert.equal(d.unit.shortName, '竹行');
});

test('fillDataOfCase: the path taken shows in the words (statements, hearing rights, payment, decision number)', () => {
  const cases: [string, Partial<CaseForFill['facts']>, (d: ReturnType<typeof fillDataOfCase>) => void][] = [
    ['waived', { notice: { on: '2026-02-10', penalty: { kinds: ['warning', 'fine'], fineFen: 123_450 }, hearingRights: false }, statements: [{ on: '2026-02-11', waived: true, text: null }] }, (d) => {
      assert.equal(d.facts.statements, '当事人明确放弃陈述、申辩权利。');
      assert.equal(d.facts.hearingRightsWords, '', 'no hearing right given: prints nothing, not a blank');
      assert.equal(d.proposed.text, '警告，罚款人民币1234.5元');
    }],
    ['silent', { notice: { on: '2026-02-10', penalty: { kinds: ['fine'], fineFen: 100 }, hearingRights: true } }, (d) => {
      assert.equal(d.facts.statements, '当事人在规定期限内未提出陈述、申辩。');
      assert.equal(d.facts.hearingRightsWords, '、要求听证');
    }],
    ['spoke', { notice: { on: '2026-02-10', penalty: { kinds: ['fine'], fineFen: 100 }, hearingRights: false }, statements: [{ on: '2026-02-11', waived: false, text: '初次违法' }] }, (d) => {
      assert.equal(d.facts.statements, '当事人提出陈述、申辩：初次违法。本机关已进行复核。');
    }],
    ['paid', { decision: { on: '2026-02-20', penalty: { kinds: ['fine'], fineFen: 50_000 }, reason: null, number: '竹行城管罚决字〔2026〕第0002号' }, payment: { on: '2026-02-25', amountFen: 50_000, lateFeeFen: 0 } }, (d) => {
      assert.equal(d.facts.payment, '当事人已于2026年2月25日缴纳罚款人民币500元。');
      assert.equal(d.related.decisionNumber, '竹行城管罚决字〔2026〕第0002号', 'the number recorded on the decision step');
      assert.equal(d.penalty.text, '罚款人民币500元', 'the decision penalty when the case row has none');
      assert.equal(d.facts.decisionReason, '');
      assert.equal(d.dates.decision, '2026-02-20');
    }],
  ];
  for (const [name, facts, check] of cases) {
    const d = fillDataOfCase({ ...base, facts: { ...base.facts, ...facts } }, ctx);
    assert.doesNotThrow(() => check(d), name);
  }
});

test('fillDataOfCase: no party, no officers, no seizure', () => {
  const d = fillDataOfCase({ ...base, parties: [], officers: [] }, { ...ctx, number: '竹行城管责改字〔2026〕第0001号' });
  assert.deepEqual(d.party, { name: null, kind: null, idNumber: null, phone: null, address: null });
  assert.equal(d.officers.names, null);
  assert.equal(d.facts.seizureKind, '查封（扣押）');
  assert.equal(d.doc.number, '竹行城管责改字〔2026〕第0001号');
});

test('a document names sources, penalty kinds, party kinds, service methods and seizures as the case pages do', () => {
  const cases: [string, Record<string, string>, Record<string, string>][] = [
    ['sources', SOURCE_ZH, zhCN.case.sources],
    ['penalty kinds', PENALTY_KIND_ZH, zhCN.case.penaltyKinds],
    ['party kinds', PARTY_KIND_ZH, zhCN.case.partyKinds],
    ['service methods', SERVICE_METHOD_ZH, zhCN.case.serviceMethods],
    ['seizure kinds', SEIZURE_KIND_ZH, zhCN.case.seizureKinds],
  ];
  for (const [name, doc, page] of cases) assert.deepEqual(doc, page, name);
});

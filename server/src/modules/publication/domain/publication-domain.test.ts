import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar, computeDeadline, SHIPPED_NOTICES } from '../../legal';
import { looksLikeCreditCode, looksLikeIdNumber, maskIdNumber, maskName, maskPhone, redactParty, redactText, trimAddress, type PartyData } from './redact';
import { createWindowLimiter, criteriaProblems, DEFAULT_CRITERIA, isLate, publicationPeriodRule, publicationReasons, publicationTransition, type PenaltyKind } from './rules';

test('names: surname + 某, compound surnames kept whole', () => {
  const cases: [string, string][] = [
    ['张三', '张某'],
    ['王小明', '王某'],
    ['欧阳娜娜', '欧阳某'],
    ['诸葛亮', '诸葛某'],
    ['司马相如', '司马某'],
    ['欧阳', '欧某'], // a two-character name that happens to be a compound surname is surname + given name
    ['买买提·艾力', '买某'],
    [' 李四 ', '李某'],
    ['john smith', 'J某'],
    ['', ''],
  ];
  for (const [input, want] of cases) assert.equal(maskName(input), want, input);
});

test('ID numbers and phone numbers are masked', () => {
  const ids: [string, string][] = [
    ['320602199001011234', '32**************34'],
    ['32060219900101123X', '32**************3X'],
    ['320602900101123', '32***********23'],
    ['123', '***'],
  ];
  for (const [input, want] of ids) assert.equal(maskIdNumber(input), want, input);
  const phones: [string, string][] = [
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['0513-85123456', '0513-****3456'],
    ['051385123456', '0513-****3456'],
    ['12345', '*2345'],
  ];
  for (const [input, want] of phones) assert.equal(maskPhone(input), want, input);
});

test('ID numbers and credit codes are told apart', () => {
  const cases: [string, boolean, boolean][] = [
    ['320602199001011234', true, false],
    ['32060219900101123X', true, false],
    ['320602900101123', true, false],
    ['91320602MA1N2XY43K', false, true],
    ['913206027205531234', false, true], // all digits, but month 05? no: 7205 is no birth year → a credit code
    ['320602199013011234', false, true], // month 13: not an ID number
    ['ABC', false, false],
  ];
  for (const [v, id, credit] of cases) {
    assert.equal(looksLikeIdNumber(v), id, `id ${v}`);
    assert.equal(looksLikeCreditCode(v), credit, `credit ${v}`);
  }
});

test('addresses of individuals trimmed to the street', () => {
  const cases: [string, string][] = [
    ['江苏省南通市崇川区和平桥街道青年中路88号3幢201室', '江苏省南通市崇川区和平桥街道'],
    ['南通市崇川区青年中路88号', '南通市崇川区青年中路'],
    ['南通市通州区金沙镇建设路12号', '南通市通州区金沙镇'],
    ['如东县掘港镇', '如东县掘港镇'],
    ['南通市崇川区工农路', '南通市崇川区工农路'],
    ['崇川区世纪大道6号楼', '崇川区世纪大道'],
    ['海门市人民路1号', '海门市人民路'],
    ['南通市崇川区', '南通市崇川区'],
    ['幸福小区3栋', ''],
    ['', ''],
  ];
  for (const [input, want] of cases) assert.equal(trimAddress(input), want, input);
});

test('parties: individuals redacted, organisations keep name and credit code', () => {
  const cases: [PartyData, { name: string; creditCode: string | null; address: string | null }][] = [
    [{ kind: 'individual', name: '张三', idNumber: '320602199001011234', phone: '13812345678', address: '南通市崇川区青年中路88号' }, { name: '张某', creditCode: null, address: '南通市崇川区青年中路' }],
    [{ kind: 'individual', name: '欧阳娜娜', idNumber: null, phone: null, address: null }, { name: '欧阳某', creditCode: null, address: null }],
    [{ kind: 'organization', name: '南通某某建设有限公司', idNumber: '91320602MA1N2XY43K', phone: '0513-85123456', address: '南通市崇川区工农路1号' }, { name: '南通某某建设有限公司', creditCode: '91320602MA1N2XY43K', address: '南通市崇川区工农路1号' }],
    // An organisation whose "code" is shaped like an ID number gets no code on the page.
    [{ kind: 'organization', name: '某协会', idNumber: '320602199001011234', phone: null, address: null }, { name: '某协会', creditCode: null, address: null }],
    // 个体工商户: a shop name stays, with its code; one recorded under the operator's name is a person.
    [{ kind: 'business', name: '崇川区好味小吃店', idNumber: '92320602MA1P3QR84T', phone: null, address: '南通市崇川区南大街5号' }, { name: '崇川区好味小吃店', creditCode: '92320602MA1P3QR84T', address: '南通市崇川区南大街5号' }],
    [{ kind: 'business', name: '李四', idNumber: '320602198505051239', phone: null, address: '南通市崇川区南大街5号' }, { name: '李某', creditCode: null, address: '南通市崇川区南大街' }],
  ];
  for (const [input, want] of cases) {
    const r = redactParty(input);
    assert.deepEqual({ name: r.name, creditCode: r.creditCode, address: r.address }, want, input.name);
  }
});

test('free text: the party’s name, ID, phone and address redacted wherever they appear; any ID or phone masked', () => {
  const zhang: PartyData = { kind: 'individual', name: '张三', idNumber: '320602199001011234', phone: '13812345678', address: '南通市崇川区青年中路88号3幢201室' };
  const org: PartyData = { kind: 'organization', name: '南通某某建设有限公司', idNumber: '91320602MA1N2XY43K', phone: null, address: null };
  const cases: [string, PartyData[], string][] = [
    ['张三在南通市崇川区青年中路88号3幢201室门前占道经营', [zhang], '张某在南通市崇川区青年中路门前占道经营'],
    ['当事人张三（身份证号320602199001011234，电话13812345678）', [zhang], '当事人张某（身份证号32**************34，电话138****5678）'],
    ['证人王五，身份证32060219851212001X，电话139-1234-5678', [zhang], '证人王五，身份证32**************1X，电话139****5678'],
    ['南通某某建设有限公司（91320602MA1N2XY43K）未按规定处置建筑垃圾', [org], '南通某某建设有限公司（91320602MA1N2XY43K）未按规定处置建筑垃圾'],
    ['联系电话0513-85123456', [], '联系电话0513-****3456'],
    ['罚款5000元，2026年3月1日', [zhang], '罚款5000元，2026年3月1日'],
    ['张三丰不是当事人张三', [zhang], '张某丰不是当事人张某'], // the full name is replaced wherever it occurs: erring on the side of privacy
  ];
  for (const [input, parties, want] of cases) assert.equal(redactText(input, parties), want, input);
});

test('which decisions must be published (criteria as data)', () => {
  const c = DEFAULT_CRITERIA;
  const cases: [PenaltyKind[], number, 'individual' | 'business' | 'organization', boolean, string[]][] = [
    [['fine'], 4_999_99, 'individual', false, []],
    [['fine'], 5_000_00, 'individual', false, ['fine_threshold']],
    [['fine'], 5_000_00, 'business', false, ['fine_threshold']],
    [['fine'], 5_000_00, 'organization', false, []],
    [['fine'], 50_000_00, 'organization', false, ['fine_threshold']],
    [['warning'], 0, 'individual', false, []],
    [['warning'], 0, 'individual', true, ['marked']],
    [['fine', 'confiscation'], 100_00, 'individual', false, ['penalty_kind']],
    [['suspension'], 0, 'organization', false, ['penalty_kind']],
    [['closure', 'fine'], 60_000_00, 'organization', false, ['fine_threshold', 'penalty_kind']],
  ];
  for (const [kinds, fineFen, partyKind, marked, want] of cases) {
    assert.deepEqual(publicationReasons({ kinds, fineFen, partyKind, marked }, c).map((r) => r.kind), want, `${kinds} ${fineFen} ${partyKind}`);
  }
  assert.deepEqual(publicationReasons({ kinds: ['fine'], fineFen: 1_000_00, partyKind: 'individual' }, { ...c, fineAtLeastFen: { individual: 1_000_00, organization: 1 } }).map((r) => r.kind), ['fine_threshold']);
  assert.deepEqual(criteriaProblems(c), []);
  assert.deepEqual(criteriaProblems({ ...c, publishWithinWorkingDays: 0, fineAtLeastFen: { individual: -1, organization: 1.5 } }).map((p) => p.field), ['fineAtLeastFen.individual', 'fineAtLeastFen.organization', 'publishWithinWorkingDays']);
});

test('publication period: 7 working days on the working-day calendar (local default)', () => {
  const calendar = buildCalendar(SHIPPED_NOTICES);
  const cases: [string, number, string][] = [
    ['2026-03-02', 7, '2026-03-11'], // Monday → Wednesday of the next week
    ['2025-09-29', 7, '2025-10-15'], // 国庆 2025: 09-30, 10-09, 10-10, 10-11 (made up), 10-13, 10-14, 10-15
    ['2026-03-02', 1, '2026-03-03'],
  ];
  for (const [start, days, want] of cases) {
    const r = computeDeadline({ rule: publicationPeriodRule({ ...DEFAULT_CRITERIA, publishWithinWorkingDays: days }), start, calendar, explain: false });
    assert.equal(r.ok ? r.due : r.code, want, `${start} + ${days}`);
  }
  const missing = computeDeadline({ rule: publicationPeriodRule(DEFAULT_CRITERIA), start: '2031-03-03', calendar, explain: false });
  assert.equal(missing.ok ? missing.due : missing.code, 'legal.calendar_missing');
});

test('publish and withdraw transitions; lateness', () => {
  const cases: [Parameters<typeof publicationTransition>, string][] = [
    [['pending', 'publish'], 'published'],
    [['published', 'publish'], 'publication.wrong_state'],
    [['withdrawn', 'publish'], 'publication.wrong_state'],
    [['published', 'withdraw', { reason: '复议撤销' }], 'withdrawn'],
    [['pending', 'withdraw', { reason: '复议撤销' }], 'withdrawn'],
    [['published', 'withdraw', { reason: '  ' }], 'publication.reason_required'],
    [['withdrawn', 'withdraw', { reason: 'x' }], 'publication.wrong_state'],
    [['published', 'withdraw', { reason: 'x', changedOn: '2026-03-01', decidedOn: '2026-03-02', today: '2026-03-10' }], 'publication.changed_date_invalid'],
    [['published', 'withdraw', { reason: 'x', changedOn: '2026-03-11', decidedOn: '2026-03-02', today: '2026-03-10' }], 'publication.changed_date_invalid'],
    [['published', 'withdraw', { reason: 'x', changedOn: '2026-03-05', decidedOn: '2026-03-02', today: '2026-03-10' }], 'withdrawn'],
  ];
  for (const [args, want] of cases) {
    const r = publicationTransition(...args);
    assert.equal(r.ok ? r.to : r.code, want, JSON.stringify(args));
  }
  assert.equal(isLate('2026-03-06', '2026-03-05'), true);
  assert.equal(isLate('2026-03-05', '2026-03-05'), false);
  assert.equal(isLate('2026-03-05', null), false);
});

test('window limiter: limit per key and window, bounded memory', () => {
  const l = createWindowLimiter(2, 1000, 3);
  assert.deepEqual([l.take('a', 0), l.take('a', 10), l.take('a', 20), l.take('b', 20)], [true, true, false, true]);
  assert.equal(l.take('a', 1000), true, 'a new window');
  for (const k of ['c', 'd', 'e', 'f']) assert.equal(l.take(k, 1001), true, k);
});

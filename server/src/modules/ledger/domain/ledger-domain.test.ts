import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idCheckChar, idNumberProblem, makeIdNumber, maskIdNumber } from './id-number';
import { buildRuleData } from './rule-data';
import { dateProblem } from './date-bounds';
import { columnLetter, keyString, parseDay, parseLedgerRows, type RowContext } from './workbook-rows';

test('GB 11643 check character: known numbers and every problem named', () => {
  // The standard's worked example.
  assert.equal(idCheckChar('11010519491231002'), 'X');
  assert.equal(idNumberProblem('11010519491231002X'), null);
  const cases: [string, RegExp | null, string?, Record<string, string>?][] = [
    [makeIdNumber('320602', '19850312', 21), null],
    ['11010519491231002x', /17 digits/, 'id_number_shape'],
    ['1101051949123100', /17 digits/, 'id_number_shape'],
    ['110105194912310021', /check digit is 1, expected X/, 'id_number_check_digit', { actual: '1', expected: 'X' }],
    ['110105194902300028', /birth date/, 'id_number_birth_date', { birth: '19490230' }],
  ];
  for (const [v, expected, code, params] of cases) {
    const p = idNumberProblem(v);
    if (expected === null) assert.equal(p, null, v);
    else {
      assert.match(p?.message ?? '', expected, v);
      assert.equal(p?.code, code, v);
      assert.deepEqual(p?.params, params, v);
    }
  }
});

test('masking keeps region prefix and last four only', () => {
  assert.equal(maskIdNumber('320602198503120211'), '3206**********0211');
  assert.equal(maskIdNumber('1234'), '****');
});

test('dates from cells: date cells, common text forms; impossible dates refused', () => {
  const cases: [unknown, string | null][] = [
    [new Date(Date.UTC(2021, 2, 5)), '2021-03-05'],
    ['2021-03-05', '2021-03-05'],
    ['2021/3/5', '2021-03-05'],
    ['2021年3月5日', '2021-03-05'],
    ['2021-02-30', null],
    ['next week', null],
  ];
  for (const [cell, expected] of cases) assert.equal(parseDay(cell as string), expected, String(cell));
  assert.equal(columnLetter(0), 'A');
  assert.equal(columnLetter(27), 'AB');
});

const ctx = (over: Partial<RowContext> = {}): RowContext => ({
  resolveTeam: (v) => (v === 'T1' || v === '一队' ? { id: 'u1' } : { error: { code: 'team_unknown', message: `unknown team "${v}"`, params: { value: v } } }),
  roomTypes: new Set(['违章处理室', '投诉处理室']),
  existing: new Map([['serial', new Set([keyString(null, ['S-OLD'])])]]),
  resolveOffice: () => null,
  resolvePerson: (_u, v) => ({ error: { code: 'person_unknown', message: 'no person', params: { value: v } } }),
  fieldProblem: () => null,
  ...over,
});

test('asset rows: every problem with row and column; good rows kept', () => {
  const header = ['执法队', '类型', '编号', '状态', '购置日期'];
  const rows = [
    ['T1', '电脑', 'S-1', '在用', '2020-01-02'],
    ['T1', '电脑', 'S-1', '在用', ''], // duplicate in file
    ['T9', '飞机', 'S-OLD', '坏了', '2020-13-01'], // team, type, serial vs DB, status, date
    [null, null, null, null, null], // blank: skipped
    ['一队', 'vehicle', 'S-2', '', ''],
  ];
  const r = parseLedgerRows('assets', header, rows, ctx());
  assert.equal(r.fatal, false);
  assert.equal(r.totalRows, 4);
  assert.deepEqual(r.records.map((x) => x.row), [2, 6]);
  assert.equal(r.records[1]!.values.status, 'in_use', 'status defaults to in_use');
  assert.deepEqual(
    r.issues.map((i) => `${i.row}${i.column}:${i.field}`),
    ['3C:serial', '4B:type', '4D:status', '4E:acquiredOn', '4A:team', '4C:serial'],
  );
  assert.match(r.issues[0]!.message, /same as row 2/);
  assert.match(r.issues[5]!.message, /already exists/);
  assert.deepEqual(
    r.issues.map((i) => [i.code, i.params]),
    [
      ['duplicate_in_file', { label: '编号', value: 'S-1', row: 2 }],
      ['cell_not_option', { header: '类型', value: '飞机', options: '执法车辆 / 电动自行车 / 电脑 / 执法记录仪 / 对讲机 / 其他' }],
      ['cell_not_option', { header: '状态', value: '坏了', options: '在用 / 维修 / 报废' }],
      ['cell_not_date', { header: '购置日期', value: '2020-13-01' }],
      ['team_unknown', { value: 'T9' }],
      ['already_exists', { label: '编号', value: 'S-OLD' }],
    ],
  );
});

test('unknown and missing columns make the sheet unusable', () => {
  const r = parseLedgerRows('offices', ['执法队', '名称', '颜色'], [['T1', 'x', 'red']], ctx());
  assert.equal(r.fatal, true);
  assert.deepEqual(r.issues.map((i) => `${i.row}${i.column}:${i.field}`), ['1C:颜色', '1:address', '1:area']);
  assert.deepEqual(r.issues.map((i) => [i.code, i.params]), [['column_unknown', { header: '颜色', column: 'C' }], ['column_missing', { header: '地址' }], ['column_missing', { header: '面积(㎡)' }]]);
});

test('person rows: ID check digit, certificate rules, negative training hours', () => {
  const header = ['执法队', '姓名', '身份证号', '类别', '执法证号', '有效期至', '年度培训学时'];
  const good = makeIdNumber('320602', '19800101', 5);
  const r = parseLedgerRows('persons', header, [
    ['T1', '张三', good, '执法人员', '苏执1', '2030-01-01', 40],
    ['T1', '李四', '110105194912310021', '协管员', '苏执2', '2030-01-01', -1],
    ['T1', '王五', good.toLowerCase(), '执法人员', '', '', ''],
  ], ctx());
  assert.deepEqual(r.records.map((x) => x.row), [2]);
  assert.deepEqual(r.issues.map((i) => `${i.row}${i.column}:${i.field}`), ['3G:trainingHours', '3C:idNumber', '3E:certificateNo', '4C:idNumber']);
  assert.deepEqual(r.issues.map((i) => i.code), ['cell_below_min', 'id_number_check_digit', 'auxiliary_no_certificate', 'duplicate_in_file']);
  assert.deepEqual(r.issues[0]!.params, { header: '年度培训学时', limit: 0, value: -1 });
});

test('office area must not be negative; rooms need a configured type', () => {
  const o = parseLedgerRows('offices', ['执法队', '名称', '地址', '面积(㎡)'], [['T1', '队部', '人民路1号', -20]], ctx());
  assert.match(o.issues[0]!.message, /D2: 面积\(㎡\) must be ≥ 0/);
  const r = parseLedgerRows('rooms', ['执法队', '名称', '类型', '面积(㎡)'], [['T1', '接待', '会客厅', 20]], ctx());
  assert.equal(r.issues[0]!.field, 'type');
});

test('rule facts use the rule-language field names; certificate_rate over active officers', () => {
  const d = buildRuleData(
    {
      persons: [
        { id: 'a', kind: 'officer', status: 'active', trainingHours: 40, certificateNo: 'c1', certificateExpiresOn: '2030-01-01', partyMember: true, uniformIssuedOn: '2018-01-01' },
        { id: 'b', kind: 'officer', status: 'active', trainingHours: 20, certificateNo: 'c2', certificateExpiresOn: '2020-01-01', partyMember: false, uniformIssuedOn: null },
        { id: 'c', kind: 'auxiliary', status: 'active', trainingHours: 8, certificateNo: null, certificateExpiresOn: null, partyMember: false, uniformIssuedOn: null },
      ],
      rooms: [{ id: 'r', type: '投诉处理室', area: 20 }],
      offices: [{ id: 'o', area: 300, independent: true, floor: 1 }],
      assets: [{ id: 'x', type: 'computer', status: 'in_use' }],
      signage: [{ id: 's', type: '队名标牌', conforms: true }],
    },
    '2024-06-01',
  );
  assert.deepEqual(Object.keys(d.rows.person[0]!).sort(), ['certificate_valid', 'has_certificate', 'id', 'kind', 'party_member', 'status', 'training_hours', 'uniform_issued']);
  assert.equal(d.rows.person[1]!.certificate_valid, false);
  assert.equal(d.rows.person[1]!.has_certificate, true);
  assert.equal(d.metrics.certificate_rate, 0.5);
  assert.equal(d.metrics.case_on_time_rate, null);
});

test('date bounds shared by the API and the imports', () => {
  const today = '2026-06-15';
  const cases: [string, unknown, string | null][] = [
    ['acquiredOn', '2026-06-15', null],
    ['acquiredOn', '2027-06-16', null], // a year ahead (366 days): an order already placed
    ['acquiredOn', '2027-06-17', '2027-06-17 is more than a year ahead (latest 2027-06-16)'],
    ['certificateIssuedOn', '2999-01-01', '2999-01-01 is more than a year ahead (latest 2027-06-16)'],
    ['uniformIssuedOn', '1949-12-31', '1949-12-31 is before 1950-01-01'],
    ['certificateExpiresOn', '2100-12-31', null],
    ['certificateExpiresOn', '2101-01-01', '2101-01-01 is after 2100-12-31'],
    ['certificateExpiresOn', null, null],
    ['note', '2999-01-01', null], // not a bounded date field
  ];
  for (const [field, value, want] of cases) assert.equal(dateProblem(field, value, today)?.message ?? null, want, `${field} ${String(value)}`);
  assert.deepEqual(dateProblem('acquiredOn', '2027-06-17', today), { code: 'date_too_far_ahead', message: '2027-06-17 is more than a year ahead (latest 2027-06-16)', params: { value: '2027-06-17', latest: '2027-06-16' } });
  assert.equal(dateProblem('uniformIssuedOn', '1949-12-31', today)?.code, 'date_too_early');
  assert.equal(dateProblem('certificateExpiresOn', '2101-01-01', today)?.code, 'date_too_late');
});

test('ID numbers in duplicate reports are masked; a holder outside the importer\'s teams is "another unit"', () => {
  const id = makeIdNumber('320602', '19851212', 901);
  const header = ['执法队', '姓名', '身份证号', '类别'];
  const rows = [['T1', '甲', id, '协管员'], ['T1', '乙', id, '协管员']];
  const existing = new Map([['idNumber', new Set([keyString(null, [id])])]]);
  const elsewhere = parseLedgerRows('persons', header, rows, ctx({ existing, existingOwn: new Map([['idNumber', new Set<string>()]]) }));
  const mine = parseLedgerRows('persons', header, rows, ctx({ existing, existingOwn: new Map([['idNumber', new Set([keyString(null, [id])])]]) }));
  const masked = '3206**********' + id.slice(-4);
  assert.deepEqual(elsewhere.issues.map((i) => i.message), [`C2: 身份证号 "${masked}" is already registered in another unit`, `C3: duplicate 身份证号 "${masked}" (same as row 2)`]);
  assert.deepEqual(mine.issues.map((i) => i.message), [`C2: 身份证号 "${masked}" already exists`, `C3: duplicate 身份证号 "${masked}" (same as row 2)`]);
  assert.deepEqual(elsewhere.issues.map((i) => [i.code, i.params]), [['registered_elsewhere', { label: '身份证号', value: masked }], ['duplicate_in_file', { label: '身份证号', value: masked, row: 2 }]]);
});

test('every field goes through the shared field check, with the value as it would be stored', () => {
  const seen: [string, unknown][] = [];
  const r = parseLedgerRows('assets', ['执法队', '类型', '编号', '终端号(JT/T 808)'], [['T1', '执法车辆', 'S-9', '12ab']], ctx({
    fieldProblem: (field, value) => {
      seen.push([field, value]);
      return field === 'terminalNo' ? { code: 'pattern', message: 'must match pattern' } : null;
    },
  }));
  assert.deepEqual(r.issues.map((i) => [i.row, i.column, i.message, i.code, i.params]), [[2, 'D', 'D2: 终端号(JT/T 808): must match pattern', 'pattern', { header: '终端号(JT/T 808)' }]]);
  assert.deepEqual(seen.filter(([f]) => ['type', 'terminalNo', 'status'].includes(f)), [['type', 'vehicle'], ['terminalNo', '12ab'], ['status', 'in_use']]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNoticeSheets } from './legal.workbook';

const INFO = [
  ['年度', 2027],
  ['通知标题', '国务院办公厅关于2027年部分节假日安排的通知'],
  ['发布日期', '2026-11-10'],
  ['来源', 'https://example.test'],
];
const HEADER = ['日期', '类型', '节日名称'];

test('a filled workbook reads as the notice; Excel dates and 2027/1/9 spellings become civil dates', () => {
  const r = parseNoticeSheets(INFO, [HEADER, [new Date('2027-01-01T00:00:00Z'), '放假', '元旦'], ['2027/1/9', '调休上班', null], [null, null, null]], ['通知', '日期']);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.notice, { year: 2027, title: '国务院办公厅关于2027年部分节假日安排的通知', issuedOn: '2026-11-10', source: 'https://example.test', holidays: [{ date: '2027-01-01', name: '元旦' }], makeupWorkdays: ['2027-01-09'] });
  assert.equal(r.rowOfDate.get('2027-01-09'), 3);
});

test('each cell problem names its row, column and reason; nothing is returned as a notice', () => {
  const cases: [string, unknown[][], string[]][] = [
    ['no date', [HEADER, [null, '放假', '元旦']], ['2A:cell_required']],
    ['not a date', [HEADER, ['2027-02-30', '放假', '元旦']], ['2A:cell_not_date']],
    ['unknown kind', [HEADER, ['2027-01-01', '补班', '']], ['2B:cell_not_option']],
    ['holiday without name', [HEADER, ['2027-01-01', '放假', '']], ['2C:cell_required']],
    ['column missing', [['日期', '类型']], ['1:column_missing']],
    ['no rows', [HEADER], ['2:sheet_empty']],
  ];
  for (const [name, days, want] of cases) {
    const r = parseNoticeSheets(INFO, days as never, ['通知', '日期']);
    assert.equal(r.notice, null, name);
    assert.deepEqual(r.issues.map((i) => `${i.row}${i.column}:${i.code}`), want, name);
  }
});

test('the notice sheet: year, title and issue date are checked on their row; a missing sheet is named', () => {
  const r = parseNoticeSheets([['年度', 'x'], ['通知标题', ''], ['发布日期', '昨天'], ['来源', '']], [HEADER, ['2027-01-01', '放假', '元旦']], ['通知', '日期']);
  assert.deepEqual(r.issues.map((i) => `${i.row}${i.column}:${i.code}`), ['1B:cell_not_integer', '2B:cell_required', '3B:cell_not_date']);
  const missing = parseNoticeSheets(null, null, ['Sheet1']);
  assert.deepEqual(missing.issues.map((i) => `${i.code}:${i.params?.sheet}`), ['sheet_missing:通知', 'sheet_missing:日期']);
});

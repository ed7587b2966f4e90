import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoryResolver, formatBeijing, normalizePhone, parseBeijingTime, parseCoordinates, parseMappingRows, parseOrderRows, type Cell, type CategoryRef } from './hotline-rows';

const CATS: CategoryRef[] = [
  { id: 'c1', code: '01-01', name: '暴露垃圾', bigClass: '市容环境', active: true },
  { id: 'c2', code: '02-03', name: '占道经营', bigClass: '街面秩序', active: true },
  { id: 'c3', code: '03-09', name: '非法小广告', bigClass: '宣传广告', active: false },
];
const NOW = new Date('2026-06-01T00:00:00Z');
const HEADER = ['工单编号', '来电时间', '诉求类别', '诉求内容', '事发地址', '经纬度', '来电人', '联系电话', '办理时限'];

test('times: Beijing wall clock from text, Excel dates and serials; rubbish is null', () => {
  const cases: [Cell, boolean, string | null][] = [
    ['2026-03-01 09:15', false, '2026-03-01 09:15:00'],
    ['2026/3/1 9:15:30', false, '2026-03-01 09:15:30'],
    ['2026年3月1日 9时15分', false, '2026-03-01 09:15:00'],
    ['2026-03-01', false, '2026-03-01 00:00:00'],
    ['2026-03-01', true, '2026-03-01 23:59:59'],
    // exceljs hands an Excel date over as UTC fields equal to the wall clock.
    [new Date(Date.UTC(2026, 2, 1, 9, 15)), false, '2026-03-01 09:15:00'],
    [46082.25, false, '2026-03-01 06:00:00'],
    ['2026-02-30 10:00', false, null],
    ['2026-03-01 24:00', false, null],
    ['昨天下午', false, null],
    [-3, false, null],
  ];
  for (const [cell, end, want] of cases) {
    const t = parseBeijingTime(cell, end);
    assert.equal(t ? formatBeijing(t) : null, want, String(cell));
  }
  assert.equal(parseBeijingTime('2026-03-01 09:15')!.toISOString(), '2026-03-01T01:15:00.000Z');
});

test('coordinates: 经度,纬度 inside China; swapped, outside and malformed are told apart', () => {
  const cases: [string, unknown][] = [
    ['120.8945,31.9812', { lon: 120.8945, lat: 31.9812 }],
    ['120.8945，31.9812', { lon: 120.8945, lat: 31.9812 }],
    ['120.8945 31.9812', { lon: 120.8945, lat: 31.9812 }],
    ['31.9812,120.8945', { code: 'coordinates_swapped' }],
    ['0,0', { code: 'coordinates_outside_china' }],
    ['-74.0,40.7', { code: 'coordinates_outside_china' }],
    ['120.89', { code: 'coordinates_format' }],
    ['东经120度', { code: 'coordinates_format' }],
  ];
  for (const [raw, want] of cases) assert.deepEqual(parseCoordinates(raw), want, raw);
});

test('phones: separators removed, 5–20 digits', () => {
  assert.equal(normalizePhone('138-0000 1234'), '13800001234');
  assert.equal(normalizePhone('(0513)8512-3456'), '051385123456');
  assert.equal(normalizePhone('abc'), null);
  assert.equal(normalizePhone('123'), null);
});

test('categories: mapping first, then code, name and 大类/小类; a retired category is refused', () => {
  const r = categoryResolver(CATS, new Map([['乱堆乱放', '01-01'], ['马路市场', '占道经营']]));
  const id = (w: string) => {
    const x = r.resolve(w);
    return x.ok ? x.category.id : x.code;
  };
  assert.equal(id('乱堆乱放'), 'c1');
  assert.equal(id('马路市场'), 'c2');
  assert.equal(id('02-03'), 'c2');
  assert.equal(id('占道经营'), 'c2');
  assert.equal(id('街面秩序 / 占道经营'), 'c2');
  assert.equal(id('城市管理-暴露垃圾'), 'c1');
  assert.equal(id('非法小广告'), 'category_inactive');
  assert.equal(id('噪音扰民'), 'category_unknown');
});

test('mapping sheet: required cells, duplicates and unknown targets are placed on their cell', () => {
  const { mapping, issues } = parseMappingRows(
    [
      ['乱堆乱放', '01-01'],
      ['乱堆乱放', '02-03'],
      ['噪音', '不存在的类别'],
      ['', '01-01'],
      [null, null],
    ],
    CATS,
  );
  assert.deepEqual([...mapping], [['乱堆乱放', '01-01']]);
  assert.deepEqual(
    issues.map((i) => [i.row, i.column, i.code]),
    [
      [3, 'A', 'mapping_duplicate'],
      [4, 'B', 'mapping_target_unknown'],
      [5, 'A', 'required'],
    ],
  );
});

test('orders: a good file parses; columns are found by header, extra columns ignored, blank rows skipped', () => {
  const sheet: Cell[][] = [
    ['督办', ...HEADER],
    ['', 'GD001', '2026-03-01 09:15', '占道经营', '早市占道', '人民路1号', '120.89,31.98', '张三', '13800001234', '2026-03-04 17:30'],
    [],
    ['', 'GD002', new Date(Date.UTC(2026, 2, 2, 10, 0)), '01-01', '垃圾', '中山路', '', '', '', ''],
  ];
  const { orders, issues } = parseOrderRows('12345工单', sheet, categoryResolver(CATS, new Map()), NOW);
  assert.deepEqual(issues, []);
  assert.equal(orders.length, 2);
  assert.deepEqual(
    { ...orders[0], calledAt: orders[0]!.calledAt.toISOString(), deadline: orders[0]!.deadline?.toISOString() },
    { row: 2, orderNo: 'GD001', calledAt: '2026-03-01T01:15:00.000Z', categoryWord: '占道经营', categoryId: 'c2', description: '早市占道', address: '人民路1号', lon: 120.89, lat: 31.98, contactName: '张三', contactPhone: '13800001234', deadline: '2026-03-04T09:30:00.000Z' },
  );
  assert.equal(orders[1]!.lon, null, 'no coordinates: the order is valid (it goes to the city desk)');
  assert.equal(orders[1]!.row, 4);
});

test('orders: every problem of every row, on its cell', () => {
  const sheet: Cell[][] = [
    HEADER,
    ['', '2026-03-01 09:15', '占道经营', '内容', '地址'],
    ['GD1', '2026-13-01 09:15', '噪音扰民', '内容', '地址', '31.98,120.89', '', 'abc'],
    ['GD1', '2030-01-01 08:00', '占道经营', '', '地址'],
    ['GD2', '2026-03-01 09:15', '非法小广告', '内容', '地址', '0,0', '', '', '2026-03-01 08:00'],
    ['GD3', '2026-03-01 09:15', '占道经营', 'x'.repeat(2001), '地址', '', '', '', '2026-02-01'],
  ];
  const { orders, issues } = parseOrderRows('12345工单', sheet, categoryResolver(CATS, new Map()), NOW);
  assert.equal(orders.length, 0);
  assert.deepEqual(
    issues.map((i) => [i.row, i.column, i.code]),
    [
      [2, 'A', 'required'],
      [3, 'B', 'date_time_format'],
      [3, 'C', 'category_unknown'],
      [3, 'F', 'coordinates_swapped'],
      [3, 'H', 'phone_format'],
      [4, 'A', 'duplicate_in_file'],
      [4, 'B', 'date_time_range'],
      [4, 'D', 'required'],
      [5, 'I', 'deadline_before_call'],
      [5, 'C', 'category_inactive'],
      [5, 'F', 'coordinates_outside_china'],
      [6, 'I', 'deadline_before_call'],
      [6, 'D', 'too_long'],
    ],
  );
  assert.equal(issues[5]!.params?.firstRow, 3);
  assert.match(issues[1]!.message, /^B3: /);
});

test('orders: a missing required column rejects the file; an empty sheet says so', () => {
  const missing = parseOrderRows('12345工单', [HEADER.filter((h) => h !== '诉求类别')], categoryResolver(CATS, new Map()), NOW);
  assert.deepEqual(missing.issues.map((i) => [i.row, i.column, i.code, i.params?.header]), [[1, '', 'column_missing', '诉求类别']]);
  const empty = parseOrderRows('12345工单', [HEADER, []], categoryResolver(CATS, new Map()), NOW);
  assert.deepEqual(empty.issues.map((i) => i.code), ['no_rows']);
});

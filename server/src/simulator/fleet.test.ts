import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AreaGeometry } from '../modules/tracking/domain/geo';
import { areaResolver, headerPhone, planFleet, type OrgArea, type RegisteredDevice } from './fleet';

const box = (w: number, s: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[w, s], [w + 0.03, s], [w + 0.03, s + 0.025], [w, s + 0.025], [w, s]]] });

const AREAS: OrgArea[] = [
  { id: 'root', parentId: null, kind: 'bureau', name: '市局', geometry: null },
  { id: 'd1', parentId: 'root', kind: 'district', name: '崇川', geometry: box(120.8, 31.9) },
  { id: 't1', parentId: 'd1', kind: 'team', name: '竹行', geometry: box(120.8, 31.9) },
  { id: 't2', parentId: 'd1', kind: 'team', name: '和平桥', geometry: box(120.83, 31.9) },
  { id: 'g1', parentId: 't1', kind: 'grid', name: '网格1', geometry: box(120.8, 31.9) },
  { id: 'c1', parentId: 't2', kind: 'community', name: '无边界社区', geometry: null },
  { id: 'd2', parentId: 'root', kind: 'district', name: '无队伍区', geometry: null },
];

const REGISTERED: RegisteredDevice[] = [
  { id: 'a', identifier: '13800000002', protocol: 'jt808', kind: 'vehicle_terminal', orgUnitId: 't1' },
  { id: 'b', identifier: 'phone-zhuhang-1', protocol: 'osmand', kind: 'phone', orgUnitId: 't1' },
  { id: 'c', identifier: '13800000001', protocol: 'jt808', kind: 'body_camera', orgUnitId: 'g1' },
  { id: 'd', identifier: 'phone-x', protocol: 'osmand', kind: 'phone', orgUnitId: 'c1' },
];

test('headerPhone pads to the header width and refuses what does not fit', () => {
  assert.equal(headerPhone('13800138000', '2013'), '013800138000');
  assert.equal(headerPhone('13800138000', '2019'), '00000000013800138000');
  assert.equal(headerPhone('013800138000', '2013'), '013800138000');
  assert.equal(headerPhone('1234567890123', '2013'), null);
  assert.equal(headerPhone('1234567890123', '2019'), '00000001234567890123');
  assert.equal(headerPhone('12a', '2019'), null);
});

test('areas: own unit, nearest ancestor with an area, a team below, any team', () => {
  const r = areaResolver(AREAS, 1);
  assert.equal(r.areaFor('g1', 'k'), 'g1');
  assert.equal(r.areaFor('t2', 'k'), 't2');
  assert.equal(r.areaFor('c1', 'k'), 't2', 'community without an area → its team');
  assert.ok(['t1', 't2'].includes(r.areaFor('d1', 'k')!), 'district → a team under it');
  assert.ok(['t1', 't2'].includes(r.areaFor('d2', 'k')!), 'no team below → any team');
  assert.ok(['t1', 't2'].includes(r.areaFor(null, 'k')!));
  assert.deepEqual(r.teamAreas, ['t1', 't2']);
  assert.equal(areaResolver([], 1).areaFor('x', 'k'), null);
});

test('registered devices are driven in identifier order with their kind and area', () => {
  const plan = planFleet({ registered: REGISTERED, areas: AREAS, protocol: 'both', seed: 1, fraction2019: 0 });
  assert.deepEqual(
    plan.devices.map((d) => [d.identifier, d.protocol, d.kind, d.areaId, d.registered]),
    [
      ['13800000001', 'jt808', 'body_camera', 'g1', true],
      ['13800000002', 'jt808', 'vehicle_terminal', 't1', true],
      ['phone-x', 'osmand', 'phone', 't2', true],
      ['phone-zhuhang-1', 'osmand', 'phone', 't1', true],
    ],
  );
  assert.equal(plan.devices[0]!.mode, 'foot');
  assert.equal(plan.devices[1]!.mode, 'car');
  assert.deepEqual(plan.devices[1]!.jt808, { version: '2013', phone: '013800000002' });
  assert.deepEqual(plan, planFleet({ registered: [...REGISTERED].reverse(), areas: AREAS, protocol: 'both', seed: 1, fraction2019: 0 }));
});

test('--protocol filters registered devices and says why', () => {
  const plan = planFleet({ registered: REGISTERED, areas: AREAS, protocol: 'osmand', seed: 1, fraction2019: 0 });
  assert.deepEqual(plan.devices.map((d) => d.identifier), ['phone-x', 'phone-zhuhang-1']);
  assert.equal(plan.skipped.length, 2);
  assert.match(plan.skipped[0]!.reason, /jt808/);
});

test('--devices below the registered count drives the first ones', () => {
  const plan = planFleet({ registered: REGISTERED, areas: AREAS, protocol: 'both', seed: 1, count: 1, fraction2019: 0 });
  assert.deepEqual(plan.devices.map((d) => d.identifier), ['13800000001']);
});

test('extras: sim-<n> phones and 0199… terminals, 3:1:1 with both, spread over team areas', () => {
  const plan = planFleet({ registered: REGISTERED, areas: AREAS, protocol: 'both', seed: 1, count: 4 + 10, fraction2019: 0 });
  const extras = plan.devices.filter((d) => !d.registered);
  assert.equal(extras.length, 10);
  assert.deepEqual(
    extras.map((d) => d.identifier),
    ['sim-1', 'sim-2', 'sim-3', '19900000001', '19900000002', 'sim-4', 'sim-5', 'sim-6', '19900000003', '19900000004'],
  );
  assert.deepEqual(extras.slice(0, 5).map((d) => d.kind), ['phone', 'phone', 'phone', 'vehicle_terminal', 'body_camera']);
  assert.equal(extras[3]!.jt808!.phone, '019900000001');
  assert.deepEqual(new Set(extras.map((d) => d.areaId)), new Set(['t1', 't2']));
  const osm = planFleet({ registered: [], areas: AREAS, protocol: 'osmand', seed: 1, count: 3, fraction2019: 0 });
  assert.deepEqual(osm.devices.map((d) => d.identifier), ['sim-1', 'sim-2', 'sim-3']);
  const jt = planFleet({ registered: [], areas: AREAS, protocol: 'jt808', seed: 1, count: 3, fraction2019: 0 });
  assert.deepEqual(jt.devices.map((d) => d.kind), ['vehicle_terminal', 'vehicle_terminal', 'body_camera']);
  assert.equal(planFleet({ registered: [], areas: [], protocol: 'both', seed: 1, count: 2, fraction2019: 0 }).devices[0]!.areaId, null);
});

test('a share of the terminals speaks 2019, evenly spread; long numbers always do', () => {
  const plan = planFleet({ registered: [], areas: AREAS, protocol: 'jt808', seed: 1, count: 100, fraction2019: 0.25 });
  const v2019 = plan.devices.filter((d) => d.jt808!.version === '2019');
  assert.equal(v2019.length, 25);
  assert.equal(v2019[0]!.jt808!.phone, '00000000019900000004');
  const long = planFleet({ registered: [{ id: 'x', identifier: '1234567890123', protocol: 'jt808', kind: 'vehicle_terminal', orgUnitId: null }], areas: AREAS, protocol: 'both', seed: 1, fraction2019: 0 });
  assert.equal(long.devices[0]!.jt808!.version, '2019');
  const bad = planFleet({ registered: [{ id: 'x', identifier: 'ABC', protocol: 'jt808', kind: 'vehicle_terminal', orgUnitId: null }], areas: AREAS, protocol: 'both', seed: 1, fraction2019: 0 });
  assert.equal(bad.devices.length, 0);
  assert.match(bad.skipped[0]!.reason, /digits/);
});

test('phones: about 3 in 10 ride an e-bike, decided by the seed', () => {
  const plan = planFleet({ registered: [], areas: AREAS, protocol: 'osmand', seed: 7, count: 1000, fraction2019: 0 });
  const ebikes = plan.devices.filter((d) => d.mode === 'ebike').length;
  assert.ok(ebikes > 240 && ebikes < 360, `${ebikes} e-bikes`);
  assert.deepEqual(plan, planFleet({ registered: [], areas: AREAS, protocol: 'osmand', seed: 7, count: 1000, fraction2019: 0 }));
});

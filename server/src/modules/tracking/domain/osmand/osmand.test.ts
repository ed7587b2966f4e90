import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDecimal, parseOsmAndJson, parseOsmAndQuery, parseOsmAndRequest, parseOsmAndTimestamp, type PositionFix } from './osmand';

const NOW = new Date('2024-05-01T08:00:00Z');

function one(q: string | Record<string, string>): PositionFix {
  const r = parseOsmAndQuery(q, NOW);
  if (!r.ok) assert.fail(`expected ok, got ${JSON.stringify(r.error)}`);
  assert.equal(r.fixes.length, 1);
  return r.fixes[0] as PositionFix;
}

test('isDecimal accepts exactly what the decimal pattern accepts', () => {
  // The pattern the scan replaced (kept here as the specification).
  const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  const cases = [
    '0', '12', '-1', '+1', '1.', '.5', '-.5', '+.5e3', '1.5', '31.990300', '1e5', '1E5', '1e+5', '1e-5', '1.5e10',
    '', '.', '-', '+', '-.', 'e5', '.e5', '1e', '1e+', '1e-', '1.2.3', '1..2', '0x10', 'Infinity', '-Infinity', 'NaN',
    ' 1', '1 ', '1,5', '١٢', '1_000', '--1', '+-1', '1e5.5', '1ee5', 'abc', '12a', '1e5e5',
  ];
  for (const c of cases) assert.equal(isDecimal(c), DECIMAL.test(c), JSON.stringify(c));
});

test('query form: device id, coordinates, every parameter', () => {
  const cases: [string, string, Partial<PositionFix>][] = [
    ['id', 'id=123&lat=31.2&lon=121.5&timestamp=1714550400', { deviceKey: '123', lat: 31.2, lon: 121.5 }],
    ['deviceid', 'deviceid=abc&lat=31.2&lon=121.5&timestamp=1714550400', { deviceKey: 'abc' }],
    ['location=', 'id=1&location=31.25,121.45&timestamp=1714550400', { lat: 31.25, lon: 121.45 }],
    ['negative coords', 'id=1&lat=-33.9&lon=-70.6&timestamp=1714550400', { lat: -33.9, lon: -70.6 }],
    ['speed knots → km/h', 'id=1&lat=1&lon=1&speed=10', { speedKmh: 18.52 }],
    ['bearing', 'id=1&lat=1&lon=1&bearing=90.5', { course: 90.5 }],
    ['heading', 'id=1&lat=1&lon=1&heading=270', { course: 270 }],
    ['altitude', 'id=1&lat=1&lon=1&altitude=12.5', { altitude: 12.5 }],
    ['accuracy', 'id=1&lat=1&lon=1&accuracy=8', { accuracyM: 8 }],
    ['batt', 'id=1&lat=1&lon=1&batt=76', { battery: 76 }],
    ['valid=false', 'id=1&lat=1&lon=1&valid=false', { valid: false }],
    ['valid=0', 'id=1&lat=1&lon=1&valid=0', { valid: false }],
    ['valid=1', 'id=1&lat=1&lon=1&valid=1', { valid: true }],
    ['valid=true', 'id=1&lat=1&lon=1&valid=true', { valid: true }],
    ['no valid → true', 'id=1&lat=1&lon=1', { valid: true, speedKmh: null, course: null, altitude: null, accuracyM: null, battery: null }],
  ];
  for (const [name, q, expected] of cases) {
    const f = one(q);
    for (const [k, v] of Object.entries(expected)) {
      if (typeof v === 'number') assert.ok(Math.abs((f[k as keyof PositionFix] as number) - v) < 1e-9, `${name}: ${k}`);
      else assert.deepEqual(f[k as keyof PositionFix], v, `${name}: ${k}`);
    }
  }
});

test('query form: the four timestamp forms, zone handling', () => {
  const cases: [string, string][] = [
    ['1714550400', '2024-05-01T08:00:00.000Z'], // unix seconds
    ['1714550400123', '2024-05-01T08:00:00.123Z'], // unix milliseconds
    ['1714550400.5', '2024-05-01T08:00:00.500Z'], // fractional seconds
    ['2024-05-01T16:00:00+08:00', '2024-05-01T08:00:00.000Z'], // ISO with offset
    ['2024-05-01T08:00:00Z', '2024-05-01T08:00:00.000Z'],
    ['2024-05-01T08:00:00.250Z', '2024-05-01T08:00:00.250Z'],
    ['2024-05-01T08:00:00', '2024-05-01T08:00:00.000Z'], // ISO without zone → UTC
    ['2024-05-01 08:00:00', '2024-05-01T08:00:00.000Z'], // yyyy-MM-dd HH:mm:ss → UTC
  ];
  for (const [raw, iso] of cases) {
    assert.equal(one({ id: '1', lat: '1', lon: '1', timestamp: raw }).time.toISOString(), iso, raw);
  }
  // Deployment whose phones send naive Beijing time.
  assert.equal(parseOsmAndTimestamp('2024-05-01 16:00:00', 480)?.toISOString(), '2024-05-01T08:00:00.000Z');
  for (const bad of ['yesterday', '2024-02-30 10:00:00', '2024-13-01T00:00:00Z', '-5', '2024-05-01T25:00:00Z']) {
    assert.equal(parseOsmAndTimestamp(bad), null, bad);
  }
});

test('query form: missing timestamp → now, marked serverTime', () => {
  const f = one('id=1&lat=1&lon=1');
  assert.equal(f.time.getTime(), NOW.getTime());
  assert.equal(f.attributes.serverTime, true);
});

test('query form: hdop and extra keys become typed attributes', () => {
  const f = one('id=1&lat=1&lon=1&timestamp=1714550400&hdop=1.4&charge=true&motion=false&cell=460,0,1234,5678&driverUniqueId=007&sat=9');
  assert.deepEqual(f.attributes, { hdop: 1.4, charge: true, motion: false, cell: '460,0,1234,5678', driverUniqueId: '007', sat: 9 });
  assert.equal(f.accuracyM, null, 'hdop is not metres');
});

test('query form: URLSearchParams, record with repeated values, POST form body', () => {
  assert.equal(one(new URLSearchParams('id=7&lat=2&lon=3') as unknown as string).deviceKey, '7');
  const r = parseOsmAndQuery({ id: ['1', '2'], lat: '5', lon: '6' }, NOW);
  assert.ok(r.ok && r.fixes[0]?.deviceKey === '2', 'last value wins');
  const post = parseOsmAndRequest({ query: {}, body: 'id=9&lat=4&lon=5&speed=1', contentType: 'application/x-www-form-urlencoded' }, NOW);
  assert.ok(post.ok && post.fixes[0]?.deviceKey === '9' && post.fixes[0].lat === 4);
  const urlWins = parseOsmAndRequest({ query: 'id=1&lat=1&lon=1', body: 'id=9&lat=4&lon=5' }, NOW);
  assert.ok(urlWins.ok && urlWins.fixes[0]?.deviceKey === '1');
  const parsedForm = parseOsmAndRequest({ body: { id: 'x', lat: 1, lon: 2 } }, NOW);
  assert.ok(parsedForm.ok && parsedForm.fixes[0]?.lon === 2);
});

test('query form: every error names its field', () => {
  const cases: [string, string, string][] = [
    ['lat=1&lon=1', 'missing_id', 'id'],
    ['id=&lat=1&lon=1', 'missing_id', 'id'],
    ['deviceid=%20&lat=1&lon=1', 'missing_id', 'deviceid'],
    ['id=1&lon=1', 'missing_coordinates', 'lat'],
    ['id=1&lat=1', 'missing_coordinates', 'lon'],
    ['id=1&lat=abc&lon=1', 'invalid_coordinates', 'lat'],
    ['id=1&lat=1&lon=NaN', 'invalid_coordinates', 'lon'],
    ['id=1&lat=91&lon=1', 'coordinates_out_of_range', 'lat'],
    ['id=1&lat=1&lon=-180.5', 'coordinates_out_of_range', 'lon'],
    ['id=1&location=31.2', 'invalid_coordinates', 'location'],
    ['id=1&location=95,121', 'coordinates_out_of_range', 'location'],
    ['id=1&lat=1&lon=1&timestamp=soon', 'invalid_timestamp', 'timestamp'],
    ['id=1&lat=1&lon=1&speed=fast', 'invalid_number', 'speed'],
    ['id=1&lat=1&lon=1&batt=x', 'invalid_number', 'batt'],
  ];
  for (const [q, code, field] of cases) {
    const r = parseOsmAndQuery(q, NOW);
    assert.ok(!r.ok, q);
    assert.equal(r.error.code, code, q);
    assert.equal(r.error.field, field, q);
    assert.ok(r.error.message.length > 0);
  }
});

const jsonLoc = (over: Record<string, unknown> = {}) => ({
  timestamp: '2024-05-01T08:00:00.000Z',
  coords: { latitude: 31.23, longitude: 121.47, accuracy: 12, speed: 1.5, heading: 45, altitude: 8 },
  battery: { level: 0.83, is_charging: true },
  is_moving: true,
  odometer: 1234,
  activity: { type: 'walking' },
  extras: { shift: 'A', nested: { x: 1 } },
  ...over,
});

test('JSON form: single location, m/s → km/h, battery fraction → percent', () => {
  const r = parseOsmAndJson(JSON.stringify({ device_id: 'phone-1', location: jsonLoc() }), NOW);
  assert.ok(r.ok);
  const f = r.fixes[0] as PositionFix;
  assert.equal(f.deviceKey, 'phone-1');
  assert.equal(f.time.toISOString(), '2024-05-01T08:00:00.000Z');
  assert.equal(f.lat, 31.23);
  assert.equal(f.lon, 121.47);
  assert.ok(Math.abs((f.speedKmh as number) - 5.4) < 1e-9);
  assert.equal(f.course, 45);
  assert.equal(f.accuracyM, 12);
  assert.equal(f.altitude, 8);
  assert.equal(f.battery, 83);
  assert.equal(f.valid, true);
  assert.deepEqual(f.attributes, { charge: true, motion: true, odometer: 1234, activity: 'walking', shift: 'A' });
});

test('JSON form: negative speed / heading / battery mean unknown; parsed object accepted; numeric device id', () => {
  const r = parseOsmAndJson(
    { device_id: 42, location: jsonLoc({ coords: { latitude: 1, longitude: 2, speed: -1, heading: -1, accuracy: 5, altitude: 0 }, battery: { level: -1 } }) },
    NOW,
  );
  assert.ok(r.ok);
  const f = r.fixes[0] as PositionFix;
  assert.equal(f.deviceKey, '42');
  assert.equal(f.speedKmh, null);
  assert.equal(f.course, null);
  assert.equal(f.battery, null);
});

test('JSON form: batches (location array, root array) and content-type routing', () => {
  const batch = { device_id: 'p', location: [jsonLoc(), jsonLoc({ timestamp: '2024-05-01T08:00:10.000Z' })] };
  const r = parseOsmAndRequest({ body: JSON.stringify(batch), contentType: 'application/json; charset=utf-8' }, NOW);
  assert.ok(r.ok);
  assert.deepEqual(r.fixes.map((f) => f.time.toISOString()), ['2024-05-01T08:00:00.000Z', '2024-05-01T08:00:10.000Z']);
  const arr = parseOsmAndJson([{ device_id: 'a', location: jsonLoc() }, { device_id: 'b', location: jsonLoc() }], NOW);
  assert.ok(arr.ok);
  assert.deepEqual(arr.fixes.map((f) => f.deviceKey), ['a', 'b']);
  const unixTs = parseOsmAndJson({ device_id: 'a', location: jsonLoc({ timestamp: 1714550400 }) }, NOW);
  assert.ok(unixTs.ok && unixTs.fixes[0]?.time.toISOString() === '2024-05-01T08:00:00.000Z');
});

test('JSON form: every error names its field (with batch index)', () => {
  const cases: [unknown, string, string][] = [
    ['{not json', 'invalid_body', 'body'],
    ['"just a string"', 'invalid_body', 'body'],
    [[], 'empty_batch', 'body'],
    [{ location: jsonLoc() }, 'missing_id', 'device_id'],
    [{ device_id: 'p' }, 'missing_coordinates', 'location'],
    [{ device_id: 'p', location: { timestamp: '2024-05-01T08:00:00Z' } }, 'missing_coordinates', 'location.coords'],
    [{ device_id: 'p', location: jsonLoc({ coords: { longitude: 1 } }) }, 'missing_coordinates', 'location.coords.latitude'],
    [{ device_id: 'p', location: jsonLoc({ coords: { latitude: 'x', longitude: 1 } }) }, 'invalid_coordinates', 'location.coords.latitude'],
    [{ device_id: 'p', location: jsonLoc({ coords: { latitude: 1, longitude: 200 } }) }, 'coordinates_out_of_range', 'location.coords.longitude'],
    [{ device_id: 'p', location: jsonLoc({ timestamp: 'later' }) }, 'invalid_timestamp', 'location.timestamp'],
    [{ device_id: 'p', location: jsonLoc({ coords: { latitude: 1, longitude: 1, speed: 'x' } }) }, 'invalid_number', 'location.coords.speed'],
    [{ device_id: 'p', location: [] }, 'empty_batch', 'location'],
    [{ device_id: 'p', location: [jsonLoc(), jsonLoc({ timestamp: 'bad' })] }, 'invalid_timestamp', 'location[1].timestamp'],
    [[{ device_id: 'a', location: jsonLoc() }, { location: jsonLoc() }], 'missing_id', '[1].device_id'],
  ];
  for (const [body, code, field] of cases) {
    const r = parseOsmAndJson(body, NOW);
    assert.ok(!r.ok, JSON.stringify(body));
    assert.equal(r.error.code, code, JSON.stringify(body));
    assert.equal(r.error.field, field, JSON.stringify(body));
  }
});

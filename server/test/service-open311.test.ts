import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { serviceApiKey, serviceCategory, serviceEvent, servicePhoto, serviceRequest } from '../src/db/schema';
import { parseXml, xmlFields, type XmlElement } from '../src/modules/service/domain/open311';
import { createTestContext, type TestContext } from './helpers';

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) through app.inject(): every field the spec lists for each
 * response, in JSON and in XML (parsed), the spec's error format, the filters of GET requests, the api_key (403),
 * the key's abuse limit, XML input with a DTD refused (no XXE), and the administration of the keys.
 */

const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
const W3_BEIJING = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
/** A point in 南通 (WGS-84). */
const LAT = '32.0107';
const LONG = '120.8946';

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
});

type Row = Record<string, unknown>;

function xmlOf(body: string): XmlElement {
  assert.ok(body.startsWith('<?xml version="1.0" encoding="utf-8"?>'), 'the XML declaration with its encoding');
  return parseXml(body);
}

describe('Open311 GeoReport v2', () => {
  let t: TestContext;
  let admin: string;
  let key: string;
  let keyId: string;
  let categoryId: string;
  const CODE = 'T311-01';
  const JURISDICTION = 'ntcg.example.gov.cn';
  const now = new Date('2026-12-08T03:00:00Z');

  before(async () => {
    t = await createTestContext({ now, config: { open311JurisdictionId: JURISDICTION } });
    admin = await t.login('admin');
    const at = t.clock.now();
    categoryId = '7d0a3a52-7311-4c11-9a11-000000000001';
    await t.database.db.insert(serviceCategory).values([
      { id: categoryId, code: CODE, name: '占道经营（测试）', nameEn: 'Street vending (test)', bigClass: '街面秩序', acceptHours: 2, handleHours: 24, replyHours: 40, active: true, sortOrder: -2, createdAt: at, updatedAt: at },
      { id: '7d0a3a52-7311-4c11-9a11-000000000002', code: 'T311-02', name: '已停用（测试）', bigClass: '街面秩序', acceptHours: 2, handleHours: 24, replyHours: 40, active: false, sortOrder: -1, createdAt: at, updatedAt: at },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/service/open311-keys/', headers: { cookie: admin }, payload: { name: '12345 热线平台（测试）' } });
    assert.equal(res.statusCode, 201, res.body);
    key = res.json().secret;
    keyId = res.json().key.id;
  });
  after(() => t.close());

  const post = (format: 'json' | 'xml', fields: Record<string, string>) => t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, ...form(fields) });
  const report = (extra: Record<string, string> = {}) => ({ api_key: key, service_code: CODE, lat: LAT, long: LONG, description: '人行道上有流动摊贩占道经营', ...extra });

  describe('services', () => {
    test('GET services.json: every field of the spec, active categories only', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/);
      const list = res.json() as Row[];
      const s = list.find((x) => x.service_code === CODE);
      assert.ok(s, 'the active test category is a service');
      assert.deepEqual(Object.keys(s).sort(), [...SERVICE_FIELDS].sort());
      assert.equal(s.service_name, '占道经营（测试）');
      assert.equal(s.metadata, false);
      assert.equal(s.type, 'realtime');
      assert.equal(s.group, '街面秩序');
      assert.match(String(s.keywords), /占道经营（测试）, Street vending \(test\), 街面秩序/);
      assert.match(String(s.description), /受理时限 2 个工作小时/);
      assert.ok(!list.some((x) => x.service_code === 'T311-02'), 'an inactive category is not offered');
    });

    test('GET services.xml: the same services as <services><service>', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/open311/v2/services.xml' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/xml; charset=utf-8/);
      const doc = xmlOf(res.body);
      assert.equal(doc.name, 'services');
      assert.ok(doc.children.every((c) => c.name === 'service'));
      const s = doc.children.map(xmlFields).find((x) => x.service_code === CODE);
      assert.ok(s);
      assert.deepEqual(Object.keys(s).sort(), [...SERVICE_FIELDS].sort());
      assert.equal(s.metadata, 'false');
      assert.equal(s.type, 'realtime');
      const json = (await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' })).json() as Row[];
      assert.equal(doc.children.length, json.length, 'XML and JSON list the same services');
    });

    test('GET services/{code}: the definition (no attributes); unknown → 404 in the spec error format', async () => {
      const j = await t.app.inject({ method: 'GET', url: `/open311/v2/services/${CODE}.json` });
      assert.equal(j.statusCode, 200);
      assert.deepEqual(j.json(), { service_code: CODE, attributes: [] });
      const x = await t.app.inject({ method: 'GET', url: `/open311/v2/services/${CODE}.xml` });
      const doc = xmlOf(x.body);
      assert.equal(doc.name, 'service_definition');
      assert.deepEqual(doc.children.map((c) => c.name), ['service_code', 'attributes']);
      assert.equal(doc.children[0]!.text, CODE);
      assert.equal(doc.children[1]!.children.length, 0);
      for (const url of ['/open311/v2/services/T311-02.json', '/open311/v2/services/NOPE.json']) {
        const r = await t.app.inject({ method: 'GET', url });
        assert.equal(r.statusCode, 404, url);
        const errors = r.json() as Row[];
        assert.equal(errors.length, 1);
        assert.deepEqual(Object.keys(errors[0]!).sort(), ['code', 'description']);
        assert.equal(errors[0]!.code, 404);
      }
      const xr = await t.app.inject({ method: 'GET', url: '/open311/v2/services/NOPE.xml' });
      assert.equal(xr.statusCode, 404);
      const e = xmlOf(xr.body);
      assert.equal(e.name, 'errors');
      assert.deepEqual(xmlFields(e.children[0]!).code, '404');
      const noFormat = await t.app.inject({ method: 'GET', url: `/open311/v2/services/${CODE}` });
      assert.equal(noFormat.statusCode, 404);
      assert.equal(xmlOf(noFormat.body).name, 'errors', 'without an extension the answer is XML, the required format');
    });

    test('jurisdiction_id: ours is accepted, another is 404; anything else under /open311/v2 is 404 in the spec format', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: `/open311/v2/services.json?jurisdiction_id=${JURISDICTION}` })).statusCode, 200);
      const other = await t.app.inject({ method: 'GET', url: '/open311/v2/services.json?jurisdiction_id=sfgov.org' });
      assert.equal(other.statusCode, 404);
      assert.match(String((other.json() as Row[])[0]!.description), /jurisdiction_id sfgov\.org not found/);
      const r = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?jurisdiction_id=sfgov.org' });
      assert.equal(r.statusCode, 404);
      const p = await post('json', report({ jurisdiction_id: 'sfgov.org' }));
      assert.equal(p.statusCode, 404);
      const none = await t.app.inject({ method: 'GET', url: '/open311/v2/discovery.json' });
      assert.equal(none.statusCode, 404);
      assert.equal((none.json() as Row[])[0]!.code, 404);
    });
  });

  test('one address is held to 300 requests a minute (429 in the spec format); another address is not', async () => {
    const get = (remoteAddress: string) => t.app.inject({ method: 'GET', url: '/open311/v2/services/NOPE.json', remoteAddress });
    let refused = null;
    for (let i = 0; i < 301 && !refused; i += 1) {
      const r = await get('10.77.0.1');
      if (r.statusCode === 429) refused = r;
      else assert.equal(r.statusCode, 404);
    }
    assert.ok(refused, 'the 301st request of the minute is refused');
    assert.equal(refused.headers['retry-after'], '60');
    assert.equal((refused.json() as Row[])[0]!.code, 429);
    assert.equal((await get('10.77.0.2')).statusCode, 404);
  });

  describe('POST requests', () => {
    test('without or with a bad api_key → 403 in the spec error format (JSON and XML); nothing created', async () => {
      const before = await countRequests();
      const { api_key: _drop, ...noKey } = report();
      for (const fields of [noKey, report({ api_key: '' }), report({ api_key: 'o311_guessed' })]) {
        const j = await post('json', fields);
        assert.equal(j.statusCode, 403, j.body);
        const errors = j.json() as Row[];
        assert.equal(errors[0]!.code, 403);
        assert.match(String(errors[0]!.description), /api_key/);
        const x = await post('xml', fields);
        assert.equal(x.statusCode, 403);
        const doc = xmlOf(x.body);
        assert.equal(doc.name, 'errors');
        assert.equal(doc.children[0]!.name, 'error');
        assert.equal(xmlFields(doc.children[0]!).code, '403');
      }
      // The key is checked before the rest of the body: a bad field does not tell a keyless caller anything.
      const bad = await post('json', { description: 'x'.repeat(5000) });
      assert.equal(bad.statusCode, 403);
      assert.equal(await countRequests(), before);
    });

    test('a report → service_request_id at once (realtime, no token), service_notice with the tracking code; source and actor open311', async () => {
      const res = await post('json', report({ address_string: '南大街 1 号门口', first_name: '三', last_name: '张', phone: '13812345678', email: 'z@example.com', device_id: 'd1', media_url: 'https://example.com/p.jpg', 'attribute[X]': '1' }));
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as Row[];
      assert.equal(body.length, 1);
      assert.deepEqual(Object.keys(body[0]!).sort(), ['account_id', 'service_notice', 'service_request_id']);
      assert.equal(body[0]!.account_id, null);
      const id = String(body[0]!.service_request_id);
      const [row] = await t.database.db.select().from(serviceRequest).where(eq(serviceRequest.id, id));
      assert.ok(row);
      assert.equal(row.source, 'open311');
      assert.equal(row.reporterKey, `open311:${keyId}`);
      assert.equal(row.contactName, '张三');
      assert.equal(row.contactPhone, '13812345678');
      assert.equal(row.address, '南大街 1 号门口');
      assert.equal(row.lat, Number(LAT));
      assert.equal(row.lon, Number(LONG));
      assert.ok(String(body[0]!.service_notice).includes(row.trackingCode), 'the reporter gets the tracking code for the status page');
      const events = await t.database.db.select().from(serviceEvent).where(eq(serviceEvent.requestId, id));
      assert.equal(events[0]!.actorKind, 'open311');
      assert.equal(events[0]!.actorUserId, null);

      const x = await post('xml', report({ description: '广告牌 <破损> & 松动' }));
      assert.equal(x.statusCode, 200, x.body);
      const doc = xmlOf(x.body);
      assert.equal(doc.name, 'service_requests');
      assert.equal(doc.children[0]!.name, 'request');
      const f = xmlFields(doc.children[0]!);
      assert.deepEqual(Object.keys(f).sort(), ['account_id', 'service_notice', 'service_request_id']);
      const [second] = await t.database.db.select().from(serviceRequest).where(eq(serviceRequest.id, f.service_request_id!));
      assert.equal(second?.description, '广告牌 <破损> & 松动');
    });

    test('bad input → 400/404 in the spec format, nothing created', async () => {
      const before = await countRequests();
      const cases: [Record<string, string>, number, RegExp][] = [
        [report({ service_code: '' }), 400, /service_code was not provided/],
        [report({ service_code: 'NOPE' }), 404, /service_code NOPE not found/],
        [report({ service_code: 'T311-02' }), 404, /not found/],
        [report({ lat: '', long: '', address_string: '南大街 1 号' }), 400, /address_string .* alone cannot be located/],
        [report({ lat: '', long: '' }), 400, /lat and long/],
        [report({ lat: '0', long: '0' }), 400, /location/],
        [report({ lat: '48.85', long: '2.35' }), 400, /location/],
        [report({ lat: '32,01' }), 400, /decimal degrees/],
        [report({ description: '  ' }), 400, /description/],
        [report({ description: 'x'.repeat(4001) }), 400, /description/],
        [report({ phone: 'call me' }), 400, /phone/],
      ];
      for (const [fields, status, description] of cases) {
        const res = await post('json', fields);
        assert.equal(res.statusCode, status, `${JSON.stringify(fields).slice(0, 120)} → ${res.body}`);
        const errors = res.json() as Row[];
        assert.equal(errors[0]!.code, status);
        assert.match(String(errors[0]!.description), description);
      }
      const json = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: report() });
      assert.equal(json.statusCode, 415, 'a JSON body is not the spec: form-encoded');
      assert.equal(await countRequests(), before);
    });

    test('XML input: a flat document is read; one with a DOCTYPE or ENTITY (XXE, entity expansion) is refused and nothing is created', async () => {
      const before = await countRequests();
      const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><service_request><api_key>${key}</api_key><service_code>${CODE}</service_code><lat>${LAT}</lat><long>${LONG}</long><description>&x;</description></service_request>`;
      const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><service_request><api_key>${key}</api_key><description>&lol2;</description></service_request>`;
      for (const payload of [xxe, lol]) {
        for (const format of ['json', 'xml'] as const) {
          const res = await t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, payload, headers: { 'content-type': 'text/xml; charset=utf-8' } });
          assert.equal(res.statusCode, 400, res.body);
          const description = format === 'json' ? String((res.json() as Row[])[0]!.description) : xmlFields(xmlOf(res.body).children[0]!).description!;
          assert.match(description, /DOCTYPE/);
          assert.ok(!res.body.includes('root:'), 'no file content in the answer');
        }
      }
      assert.equal(await countRequests(), before);
      const flat = `<?xml version="1.0" encoding="utf-8"?><service_request><api_key>${key}</api_key><service_code>${CODE}</service_code><lat>${LAT}</lat><long>${LONG}</long><description>垃圾满溢 &amp; 异味</description></service_request>`;
      const ok = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: flat, headers: { 'content-type': 'application/xml' } });
      assert.equal(ok.statusCode, 200, ok.body);
      const [row] = await t.database.db.select().from(serviceRequest).where(eq(serviceRequest.id, String((ok.json() as Row[])[0]!.service_request_id)));
      assert.equal(row?.description, '垃圾满溢 & 异味');
    });

    test('a key past its hourly limit → 429 (spec format, Retry-After); a revoked key → 403', async () => {
      const created = await t.app.inject({ method: 'POST', url: '/api/service/open311-keys/', headers: { cookie: admin }, payload: { name: '限流测试', hourlyLimit: 2 } });
      assert.equal(created.statusCode, 201);
      const small = created.json().secret as string;
      const smallId = created.json().key.id as string;
      for (let i = 0; i < 2; i += 1) assert.equal((await post('json', report({ api_key: small }))).statusCode, 200);
      const refused = await post('xml', report({ api_key: small }));
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.headers['retry-after'], '3600');
      assert.equal(xmlFields(xmlOf(refused.body).children[0]!).code, '429');
      // An hour later the key has room again.
      t.clock.advance(3601_000);
      assert.equal((await post('json', report({ api_key: small }))).statusCode, 200);
      const revoke = await t.app.inject({ method: 'POST', url: `/api/service/open311-keys/${smallId}/revoke`, headers: { cookie: admin } });
      assert.equal(revoke.statusCode, 200);
      assert.ok(revoke.json().revokedAt);
      assert.equal((await post('json', report({ api_key: small }))).statusCode, 403);
    });
  });

  describe('GET requests', () => {
    let openId: string;
    let rejectedId: string;
    let photoId: string;

    before(async () => {
      const a = await post('json', report({ address_string: '濠河路 8 号', description: '电话 13812345678 的商户占道' }));
      openId = String((a.json() as Row[])[0]!.service_request_id);
      const b = await post('json', report({ description: '要求处理小区内部纠纷' }));
      rejectedId = String((b.json() as Row[])[0]!.service_request_id);
      const [r] = await t.database.db.select().from(serviceRequest).where(eq(serviceRequest.id, rejectedId));
      const act = await t.app.inject({ method: 'POST', url: `/api/service/requests/${rejectedId}/actions/reject`, headers: { cookie: admin }, payload: { version: r!.version, reason: '不属于城市管理职责，请向物业反映' } });
      assert.equal(act.statusCode, 200, act.body);
      photoId = '7d0a3a52-7311-4c11-9a11-0000000000f1';
      await t.database.db.insert(servicePhoto).values({ id: photoId, requestId: openId, stage: 'report', sha256: 'a'.repeat(64), mime: 'image/jpeg', bytes: 10, public: true, uploadedAt: t.clock.now() });
    });

    async function expectedTeam(id: string): Promise<string> {
      const rows = await t.database.rows<{ name: string | null }>(sql`select u.name from service_request r left join org_unit u on u.id = r.org_unit_id where r.id = ${id}`);
      return rows[0]?.name ?? '市级受理台';
    }

    test('requests.json: every field of the spec, open and closed ones, w3 times in Beijing time, no contact data', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json', headers: { host: 'guifan.example' } });
      assert.equal(res.statusCode, 200);
      const list = res.json() as Row[];
      const open = list.find((x) => x.service_request_id === openId);
      assert.ok(open);
      assert.deepEqual(Object.keys(open).sort(), [...REQUEST_FIELDS].sort());
      assert.equal(open.status, 'open');
      assert.equal(open.status_notes, '待受理');
      assert.equal(open.service_code, CODE);
      assert.equal(open.service_name, '占道经营（测试）');
      assert.equal(open.description, '电话 138****5678 的商户占道', 'phone numbers in free text are masked');
      assert.equal(open.agency_responsible, await expectedTeam(openId));
      assert.match(String(open.service_notice), /回复时限 40 个工作小时/);
      assert.match(String(open.requested_datetime), W3_BEIJING);
      assert.match(String(open.updated_datetime), W3_BEIJING);
      const [row] = await t.database.db.select().from(serviceRequest).where(eq(serviceRequest.id, openId));
      assert.equal(open.expected_datetime, row!.replyDueAt ? w3(row!.replyDueAt) : null, 'expected_datetime is the reply due time');
      assert.equal(open.requested_datetime, w3(row!.submittedAt));
      assert.equal(open.address, '濠河路 8 号');
      assert.equal(open.address_id, null);
      assert.equal(open.zipcode, null);
      assert.equal(open.lat, Number(LAT));
      assert.equal(open.long, Number(LONG));
      assert.equal(open.media_url, `http://guifan.example/api/public/service/photos/${photoId}`);
      assert.ok(!res.body.includes('13812345678') && !res.body.includes('张三'), 'no contact data in the public list');

      const closed = list.find((x) => x.service_request_id === rejectedId);
      assert.ok(closed);
      assert.equal(closed.status, 'closed');
      assert.equal(closed.status_notes, '不予受理：不属于城市管理职责，请向物业反映');
      assert.equal(closed.media_url, null);
      // Newest first.
      const times = list.map((x) => String(x.requested_datetime));
      assert.deepEqual([...times].sort().reverse(), times);
    });

    test('requests.xml: the same requests as <service_requests><request> with every field', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.xml' });
      assert.equal(res.statusCode, 200);
      const doc = xmlOf(res.body);
      assert.equal(doc.name, 'service_requests');
      assert.ok(doc.children.every((c) => c.name === 'request'));
      const open = doc.children.map(xmlFields).find((x) => x.service_request_id === openId);
      assert.ok(open);
      assert.deepEqual(Object.keys(open).sort(), [...REQUEST_FIELDS].sort());
      assert.equal(open.status, 'open');
      assert.equal(open.lat, LAT);
      assert.equal(open.long, LONG);
      assert.equal(open.zipcode, '');
      assert.match(open.requested_datetime!, W3_BEIJING);
      const json = (await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json' })).json() as Row[];
      assert.equal(doc.children.length, json.length);
    });

    test('filters: status, service_code, start_date / end_date, service_request_id overriding the rest', async () => {
      const ids = async (query: string) => {
        const res = await t.app.inject({ method: 'GET', url: `/open311/v2/requests.json?${query}` });
        assert.equal(res.statusCode, 200, `${query}: ${res.body}`);
        return (res.json() as Row[]).map((x) => String(x.service_request_id));
      };
      assert.ok((await ids('status=open')).includes(openId));
      assert.ok(!(await ids('status=open')).includes(rejectedId));
      assert.ok((await ids('status=closed')).includes(rejectedId));
      assert.ok(!(await ids('status=closed')).includes(openId));
      const both = await ids('status=open,closed');
      assert.ok(both.includes(openId) && both.includes(rejectedId));
      assert.deepEqual(await ids('status='), await ids(''), 'an empty argument is no argument');
      assert.ok((await ids(`service_code=${CODE},OTHER`)).includes(openId));
      assert.deepEqual(await ids('service_code=OTHER'), []);
      const today = encodeURIComponent('2026-12-08T00:00:00+08:00');
      assert.ok((await ids(`start_date=${today}`)).includes(openId));
      assert.deepEqual(await ids(`end_date=${encodeURIComponent('2026-12-07T00:00:00+08:00')}`), await idsBefore('2026-12-06T16:00:00Z'));
      assert.deepEqual(await ids(`service_request_id=${openId},${rejectedId},not-an-id&status=closed&service_code=OTHER`), [openId, rejectedId].sort((a, b) => both.indexOf(a) - both.indexOf(b)));
      for (const [query, description] of [
        ['status=pending', /status must be open, closed/],
        ['start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', /more than 90 days/],
        ['start_date=2026-12-08T00:00:00', /start_date/],
        ['end_date=tomorrow', /end_date/],
      ] as const) {
        const res = await t.app.inject({ method: 'GET', url: `/open311/v2/requests.json?${query}` });
        assert.equal(res.statusCode, 400, query);
        assert.match(String((res.json() as Row[])[0]!.description), description);
      }
    });

    async function idsBefore(iso: string): Promise<string[]> {
      const rows = await t.database.rows<{ id: string }>(
        sql`select id from service_request where submitted_at <= ${iso} and submitted_at >= ${new Date(new Date(iso).getTime() - 90 * 86_400_000).toISOString()} order by submitted_at desc, id desc limit 1000`,
      );
      return rows.map((r) => r.id);
    }

    test('the default window is the last 90 days and at most 1,000 requests', async () => {
      const rows = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from service_request where submitted_at >= ${new Date(t.clock.now().getTime() - 90 * 86_400_000).toISOString()} and submitted_at <= ${t.clock.now().toISOString()}`);
      const list = (await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json' })).json() as Row[];
      assert.equal(list.length, Math.min(1000, rows[0]!.n));
    });

    test('requests/{id}: one request in both formats; unknown → 404', async () => {
      const j = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${rejectedId}.json` });
      assert.equal(j.statusCode, 200);
      const list = j.json() as Row[];
      assert.equal(list.length, 1);
      assert.deepEqual(Object.keys(list[0]!).sort(), [...REQUEST_FIELDS].sort());
      assert.equal(list[0]!.status, 'closed');
      const x = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${openId}.xml` });
      const doc = xmlOf(x.body);
      assert.equal(doc.name, 'service_requests');
      assert.equal(doc.children.length, 1);
      assert.equal(xmlFields(doc.children[0]!).service_request_id, openId);
      for (const url of ['/open311/v2/requests/7d0a3a52-7311-4c11-9a11-00000000dead.json', '/open311/v2/requests/abc.json', `/open311/v2/requests/${openId}.csv`]) {
        const r = await t.app.inject({ method: 'GET', url });
        assert.equal(r.statusCode, 404, url);
      }
    });
  });

  describe('keys', () => {
    test('created once with its key shown once (hashed at rest, not in the list or the audit), listed, revoked, audited', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/service/open311-keys/', headers: { cookie: admin }, payload: { name: '城市服务 App' } });
      assert.equal(res.statusCode, 201);
      const { key: k, secret } = res.json() as { key: Row; secret: string };
      assert.match(secret, /^o311_[A-Za-z0-9_-]{43}$/);
      assert.equal(k.hourlyLimit, 60);
      assert.equal(secret.slice(0, 9), k.keyPrefix);
      const [stored] = await t.database.db.select().from(serviceApiKey).where(eq(serviceApiKey.id, String(k.id)));
      assert.ok(stored && !JSON.stringify(stored).includes(secret), 'only the hash is stored');
      const list = await t.app.inject({ method: 'GET', url: '/api/service/open311-keys/', headers: { cookie: admin } });
      assert.equal(list.statusCode, 200);
      assert.ok(!list.body.includes(secret));
      assert.equal(list.json().jurisdictionId, JURISDICTION);
      const mine = (list.json().items as Row[]).find((x) => x.id === keyId);
      assert.ok(mine && Number(mine.usedLastHour) >= 1, 'the key used above shows its use');
      const audit = await t.database.rows<{ action: string; after: unknown }>(sql`select action, after from audit_record where entity_id = ${String(k.id)} order by seq`);
      assert.deepEqual(audit.map((a) => a.action), ['service_api_key.create']);
      assert.ok(!JSON.stringify(audit).includes(secret), 'the key is not in the audit trail');
      const revoked = await t.app.inject({ method: 'POST', url: `/api/service/open311-keys/${String(k.id)}/revoke`, headers: { cookie: admin } });
      assert.equal(revoked.statusCode, 200);
      const again = await t.app.inject({ method: 'POST', url: `/api/service/open311-keys/${String(k.id)}/revoke`, headers: { cookie: admin } });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'service.open311_key_revoked');
      const missing = await t.app.inject({ method: 'POST', url: '/api/service/open311-keys/7d0a3a52-7311-4c11-9a11-00000000dead/revoke', headers: { cookie: admin } });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().code, 'service.open311_key_not_found');
      const audit2 = await t.database.rows<{ action: string }>(sql`select action from audit_record where entity_id = ${String(k.id)} order by seq`);
      assert.deepEqual(audit2.map((a) => a.action), ['service_api_key.create', 'service_api_key.revoke']);
    });

    test('only service.manage: an officer may neither list nor create', async () => {
      const officer = await t.login('zhuhang.officer1');
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/service/open311-keys/', headers: { cookie: officer } })).statusCode, 403);
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/service/open311-keys/', headers: { cookie: officer }, payload: { name: 'x' } })).statusCode, 403);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/service/open311-keys/' })).statusCode, 401);
    });
  });

  async function countRequests(): Promise<number> {
    const rows = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from service_request`);
    return rows[0]!.n;
  }
});

function w3(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

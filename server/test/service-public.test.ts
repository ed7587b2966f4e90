import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';
import { jpegWithGps, multipartBody, solveChallengeSvg, type FilePart } from './service-public-kit';

const BASE = '/api/public/service';
/** A point in 竹行街道 (Nantong), inside China. */
const HERE = { lat: '32.0085', lon: '120.8901' };

let ipSeq = 0;
const freshIp = () => `198.51.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

describe('便民服务 public API: report, status, rating, abuse limits, bad input', () => {
  let ctx: TestContext;
  let categoryCode: string;

  before(async () => {
    ctx = await createTestContext();
    // A category of our own, so the test does not depend on which demo categories exist.
    categoryCode = `T-${crypto.randomBytes(3).toString('hex')}`;
    const now = new Date();
    await ctx.database.db.execute(
      sql`insert into service_category (id, code, name, name_en, big_class, accept_hours, handle_hours, reply_hours, active, sort_order, is_demo, version, created_at, updated_at)
          values (${crypto.randomUUID()}, ${categoryCode}, '占道经营（测试）', 'Street stall (test)', '街面秩序', 2, 24, 40, true, 0, false, 1, ${now}, ${now})`,
    );
  });
  after(async () => {
    await ctx?.close();
  });

  async function challenge(ip: string): Promise<{ token: string; answer: number }> {
    const res = await ctx.app.inject({ method: 'POST', url: `${BASE}/challenge`, remoteAddress: ip });
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json<{ token: string; svg: string }>();
    return { token: c.token, answer: solveChallengeSvg(c.svg) };
  }

  async function report(opts: { ip?: string; fields?: Record<string, string>; files?: FilePart[]; answer?: (a: number) => string; token?: string } = {}) {
    const ip = opts.ip ?? freshIp();
    const c = await challenge(ip);
    const fields = { category: categoryCode, description: '人行道上有摊位占道经营，行人只能走机动车道', ...HERE, challengeToken: opts.token ?? c.token, challengeAnswer: opts.answer ? opts.answer(c.answer) : String(c.answer), ...opts.fields };
    const body = multipartBody(fields, opts.files ?? []);
    return ctx.app.inject({ method: 'POST', url: `${BASE}/reports`, remoteAddress: ip, ...body });
  }

  test('categories: the active ones, no login', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `${BASE}/categories` });
    assert.equal(res.statusCode, 200);
    const items = res.json<{ items: { code: string; name: string }[] }>().items;
    assert.ok(items.some((c) => c.code === categoryCode && c.name === '占道经营（测试）'));
  });

  test('a report with a photo → tracking code → status page; the public photo has no EXIF, the original is kept for staff', async () => {
    const photo = jpegWithGps(640, 480);
    const res = await report({ files: [{ name: '现场.jpg', type: 'image/jpeg', data: photo }], fields: { contactName: '王先生', contactPhone: '138 1234 5678', address: '青年路 18 号门口' } });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json<{ trackingCode: string; state: string; photos: number }>();
    assert.match(r.trackingCode, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/);
    assert.equal(r.state, 'submitted');
    assert.equal(r.photos, 1);

    const st = await ctx.app.inject({ method: 'GET', url: `${BASE}/reports/${r.trackingCode.toLowerCase()}` });
    assert.equal(st.statusCode, 200, st.body);
    const s = st.json<Record<string, unknown> & { photos: { id: string; width: number; height: number }[]; timeline: { action: string }[]; category: { code: string } }>();
    assert.equal(s.state, 'submitted');
    assert.equal(s.category.code, categoryCode);
    assert.equal(s.canRate, false);
    assert.deepEqual(s.timeline.map((e) => e.action), ['submit']);
    // No phone, no name, no staff on the public page.
    assert.ok(!st.body.includes('13812345678') && !st.body.includes('王先生') && !st.body.includes('contactPhone'));
    assert.equal(s.photos.length, 1);
    assert.deepEqual([s.photos[0]!.width, s.photos[0]!.height], [640, 480]);

    const img = await ctx.app.inject({ method: 'GET', url: `${BASE}/photos/${s.photos[0]!.id}` });
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/jpeg');
    assert.ok(!img.rawPayload.includes(Buffer.from('GPS')) && !img.rawPayload.includes(Buffer.from('张三')) && !img.rawPayload.includes(Buffer.from('Exif')));
    assert.ok(img.rawPayload.includes(Buffer.from([0xff, 0xd9])));
    const rows = await ctx.database.rows<{ sha256: string; public_sha256: string | null; public: boolean; stage: string }>(sql`select sha256, public_sha256, public, stage from service_photo where id = ${s.photos[0]!.id}`);
    assert.equal(rows[0]!.sha256, crypto.createHash('sha256').update(photo).digest('hex'), 'the original is what staff keep');
    assert.equal(rows[0]!.public_sha256, crypto.createHash('sha256').update(img.rawPayload).digest('hex'));
    assert.equal(rows[0]!.stage, 'report');
    const req = await ctx.database.rows<{ contact_phone: string; reporter_key: string; source: string }>(sql`select contact_phone, reporter_key, source from service_request where tracking_code = ${r.trackingCode}`);
    assert.equal(req[0]!.contact_phone, '13812345678');
    assert.equal(req[0]!.source, 'public');
    assert.match(req[0]!.reporter_key, /^[A-Za-z0-9_-]{32}$/);

    assert.equal((await ctx.app.inject({ method: 'GET', url: `${BASE}/reports/ZZZZZZZZZZZZ` })).json<{ code: string }>().code, 'service.report_not_found');
    assert.equal((await ctx.app.inject({ method: 'GET', url: `${BASE}/photos/${crypto.randomUUID()}` })).statusCode, 404);
  });

  test('bad input: location outside China or 0,0, missing fields, a bad phone, a non-image, too many or too large photos', async () => {
    for (const where of [{ lat: '0', lon: '0' }, { lat: '48.8566', lon: '2.3522' }]) {
      const res = await report({ fields: where });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json<{ code: string }>().code, 'service.location_invalid');
    }
    const missing = await report({ fields: { category: '', description: '', lat: '', lon: '', contactPhone: '12345' } });
    assert.equal(missing.statusCode, 400);
    const issues = missing.json<{ code: string; details: { issues: { field: string; code: string }[] } }>();
    assert.equal(issues.code, 'request.validation');
    assert.deepEqual(issues.details.issues.map((i) => `${i.field}:${i.code}`).sort(), ['category:required', 'contactPhone:format', 'description:required', 'location:required']);
    const unknownCategory = await report({ fields: { category: 'NO-SUCH' } });
    assert.equal(unknownCategory.json<{ details: { issues: { field: string }[] } }>().details.issues[0]!.field, 'category');

    const pdf = await report({ files: [{ name: 'ok.jpg', data: jpegWithGps() }, { name: '投诉材料.pdf', type: 'image/jpeg', data: Buffer.from('%PDF-1.7\n…') }] });
    assert.equal(pdf.statusCode, 415, pdf.body);
    const e = pdf.json<{ code: string; message: string; details: { file: string; index: number; reason: string; looksLike: string } }>();
    assert.equal(e.code, 'service.photo_not_image');
    assert.deepEqual(e.details, { file: '投诉材料.pdf', index: 1, reason: 'not_image', looksLike: 'PDF' });

    const seven = await report({ files: Array.from({ length: 7 }, (_, i) => ({ name: `p${i}.jpg`, data: jpegWithGps() })) });
    assert.equal(seven.statusCode, 400);
    assert.equal(seven.json<{ code: string }>().code, 'service.too_many_photos');

    const big = Buffer.concat([jpegWithGps(), Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await report({ files: [{ name: 'huge.jpg', data: big }] });
    assert.equal(tooLarge.statusCode, 413);
    assert.equal(tooLarge.json<{ code: string; details: { file: string } }>().details.file, 'huge.jpg');

    const notMultipart = await ctx.app.inject({ method: 'POST', url: `${BASE}/reports`, payload: { category: categoryCode } });
    assert.equal(notMultipart.statusCode, 400);
    // Nothing of these refusals was stored.
    const n = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from service_request r join service_category c on c.id = r.category_id where c.code = ${categoryCode} and r.description like '%占道经营%'`);
    assert.equal(n[0]!.n, 1);
  });

  test('the human check: a wrong answer, a replayed, forged or expired token are refused', async () => {
    const ip = freshIp();
    const wrong = await report({ ip, answer: (a) => String(a + 1) });
    assert.equal(wrong.json<{ code: string }>().code, 'service.human_check_wrong');
    const c = await challenge(ip);
    const fields = { category: categoryCode, description: '夜间施工噪声扰民，持续到凌晨', ...HERE, challengeToken: c.token, challengeAnswer: String(c.answer) };
    const first = await ctx.app.inject({ method: 'POST', url: `${BASE}/reports`, remoteAddress: ip, ...multipartBody(fields) });
    assert.equal(first.statusCode, 201, first.body);
    const replay = await ctx.app.inject({ method: 'POST', url: `${BASE}/reports`, remoteAddress: ip, ...multipartBody(fields) });
    assert.equal(replay.json<{ code: string }>().code, 'service.human_check_used');
    const forged = await report({ ip, token: 'AAAAAAAAAAAAAAAAAAAAAA.zzzzzzzz.' + 'A'.repeat(43) });
    assert.equal(forged.json<{ code: string }>().code, 'service.human_check_invalid');
    const late = await challenge(ip);
    ctx.clock.advance(16 * 60_000);
    const expired = await ctx.app.inject({ method: 'POST', url: `${BASE}/reports`, remoteAddress: ip, ...multipartBody({ ...fields, challengeToken: late.token, challengeAnswer: String(late.answer) }) });
    assert.equal(expired.json<{ code: string }>().code, 'service.human_check_expired');
  });

  test('10,000 reports from one address: the first 10 of the hour get through, the rest 429 with when to retry; others are not affected', async () => {
    const ip = freshIp();
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await report({ ip, fields: { description: `一号地址的第 ${i + 1} 个反映：垃圾堆放` } });
      assert.equal(res.statusCode, 201, res.body);
      codes.push(res.json<{ trackingCode: string }>().trackingCode);
    }
    // The rest of the flood: refused before the body is read (no question needed to be refused).
    const body = multipartBody({ category: categoryCode, description: '洪水般的重复反映', ...HERE, challengeToken: 'x', challengeAnswer: '1' });
    let refused = 0;
    let retryAt = '';
    for (let batch = 0; batch < 9990; batch += 333) {
      const answers = await Promise.all(Array.from({ length: Math.min(333, 9990 - batch) }, () => ctx.app.inject({ method: 'POST', url: `${BASE}/reports`, remoteAddress: ip, ...body })));
      for (const a of answers) {
        assert.equal(a.statusCode, 429);
        const e = a.json<{ code: string; details: { retryAt: string; retryAfterSeconds: number; limit: string } }>();
        assert.equal(e.code, 'service.rate_limited');
        assert.equal(e.details.limit, 'address');
        assert.ok(e.details.retryAfterSeconds > 0 && e.details.retryAfterSeconds <= 3600);
        retryAt = e.details.retryAt;
        refused++;
      }
    }
    assert.equal(refused, 9990);
    assert.ok(Date.parse(retryAt) > ctx.clock.now().getTime());
    // Also with a valid question: still refused (the limit, not the check, is the wall).
    assert.equal((await report({ ip })).statusCode, 429);
    // Nothing lost: the 10 accepted are all there, and a neighbour reports as usual.
    const stored = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from service_request where tracking_code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`);
    assert.equal(stored[0]!.n, 10);
    assert.equal((await report()).statusCode, 201);
    // An hour later the address may report again.
    ctx.clock.advance(61 * 60_000);
    assert.equal((await report({ ip })).statusCode, 201);
  });

  test('per phone: 5 an hour whatever the address', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await report({ fields: { contactPhone: '13900001111' } })).statusCode, 201);
    const sixth = await report({ fields: { contactPhone: '+86 139-0000-1111' } });
    assert.equal(sixth.statusCode, 429);
    assert.equal(sixth.json<{ details: { limit: string } }>().details.limit, 'phone');
    assert.equal((await report({ fields: { contactPhone: '13900002222' } })).statusCode, 201);
  });

  test('rating from the status page once replied: 满意 closes; 不满意 may reopen once', async () => {
    const admin = await ctx.login('admin');
    const team = await ctx.unitId(UNITS.zhuhang);
    const toReplied = async (code: string) => {
      const id = (await ctx.database.rows<{ id: string }>(sql`select id from service_request where tracking_code = ${code}`))[0]!.id;
      let version = (await ctx.app.inject({ method: 'GET', url: `/api/service/requests/${id}`, headers: { cookie: admin } })).json<{ version: number }>().version;
      for (const [action, body] of [
        ['accept', { teamId: team }],
        ['start', {}],
        ['handle', { note: '已劝离摊贩，恢复通行' }],
        ['reply', { text: '您反映的占道经营问题已处理，摊贩已劝离。' }],
      ] as const) {
        const res = await ctx.app.inject({ method: 'POST', url: `/api/service/requests/${id}/actions/${action}`, headers: { cookie: admin }, payload: { version, ...body } });
        assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
        version = res.json<{ version: number }>().version;
      }
    };
    const code = (await report()).json<{ trackingCode: string }>().trackingCode;
    const early = await ctx.app.inject({ method: 'POST', url: `${BASE}/reports/${code}/rating`, payload: { satisfaction: 'satisfied' } });
    assert.equal(early.statusCode, 409, early.body);
    await toReplied(code);
    const st = (await ctx.app.inject({ method: 'GET', url: `${BASE}/reports/${code}` })).json<{ state: string; canRate: boolean; canReopen: boolean; reply: { text: string } }>();
    assert.equal(st.state, 'replied');
    assert.deepEqual([st.canRate, st.canReopen], [true, true]);
    assert.equal(st.reply.text, '您反映的占道经营问题已处理，摊贩已劝离。');
    const rated = await ctx.app.inject({ method: 'POST', url: `${BASE}/reports/${code}/rating`, payload: { satisfaction: 'satisfied', comment: '处理及时' } });
    assert.equal(rated.statusCode, 200, rated.body);
    const r = rated.json<{ state: string; rating: { satisfaction: string; comment: string }; canRate: boolean; timeline: { action: string }[] }>();
    assert.equal(r.state, 'closed');
    assert.deepEqual(r.rating && [r.rating.satisfaction, r.rating.comment], ['satisfied', '处理及时']);
    assert.equal(r.canRate, false);
    assert.deepEqual(r.timeline.map((e) => e.action), ['submit', 'accept', 'start', 'handle', 'reply', 'rate']);
    assert.equal((await ctx.app.inject({ method: 'POST', url: `${BASE}/reports/${code}/rating`, payload: { satisfaction: 'dissatisfied' } })).statusCode, 409);

    const code2 = (await report()).json<{ trackingCode: string }>().trackingCode;
    await toReplied(code2);
    const reopened = await ctx.app.inject({ method: 'POST', url: `${BASE}/reports/${code2}/rating`, payload: { satisfaction: 'dissatisfied', comment: '摊贩第二天又回来了', reopen: true } });
    assert.equal(reopened.statusCode, 200, reopened.body);
    assert.equal(reopened.json<{ state: string }>().state, 'dispatched');
    assert.equal((await ctx.app.inject({ method: 'POST', url: `${BASE}/reports/${code2}/rating`, payload: { satisfaction: 'great' } })).statusCode, 400);
  });

  test('a report merged into another follows its progress, and never learns the other reporter’s code', async () => {
    const admin = await ctx.login('admin');
    const first = (await report()).json<{ trackingCode: string }>().trackingCode;
    const second = (await report()).json<{ trackingCode: string }>().trackingCode;
    const idOf = async (code: string) => (await ctx.database.rows<{ id: string }>(sql`select id from service_request where tracking_code = ${code}`))[0]!.id;
    const [firstId, secondId] = [await idOf(first), await idOf(second)];
    const version = (await ctx.app.inject({ method: 'GET', url: `/api/service/requests/${secondId}`, headers: { cookie: admin } })).json<{ version: number }>().version;
    const merged = await ctx.app.inject({ method: 'POST', url: `/api/service/requests/${secondId}/actions/merge`, headers: { cookie: admin }, payload: { version, duplicateOfId: firstId, reason: '同一地点同一摊位' } });
    assert.equal(merged.statusCode, 200, merged.body);
    const st = await ctx.app.inject({ method: 'GET', url: `${BASE}/reports/${second}` });
    assert.equal(st.statusCode, 200, st.body);
    assert.equal(st.json<{ mergedWithAnother: boolean }>().mergedWithAnother, true);
    // The other report's code opens its status page and its rating: it is not this reporter's to know.
    assert.ok(!st.body.includes(first), 'the status page of a merged report must not carry the other report’s tracking code');
    assert.equal((await ctx.app.inject({ method: 'GET', url: `${BASE}/reports/${first}` })).json<{ mergedWithAnother: boolean }>().mergedWithAnother, false);
  });
});

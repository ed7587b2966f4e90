import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestContext, multipartFile, type TestContext } from './helpers';
import { bigSheet, sheetBomb } from './zip-fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('import limits: decompression bombs, rows per sheet, parsing off the request thread', () => {
  let t: TestContext;
  let admin: string;
  let standardId: string;
  const upload = (url: string, buf: Buffer) => {
    const { payload, headers } = multipartFile('file', 'upload.xlsx', buf, XLSX);
    return t.app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie: admin } });
  };

  before(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
    const s = await t.app.inject({ method: 'POST', url: '/api/catalog/standards', headers: { cookie: admin }, payload: { code: 'TEST-LIMITS', name: '导入限制', issuer: '市局', kind: 'provincial' } });
    assert.equal(s.statusCode, 201, s.body);
    standardId = s.json().id;
  });
  after(() => t.close());

  test('a 300 MB-of-XML bomb (< 1 MB uploaded) is refused with import.too_large by every import, and memory stays flat', async () => {
    const honest = await sheetBomb({ sheet: '目录', rows: 30_000 });
    // The same bomb whose central directory declares 4 KB: only the cap on the real output stops it.
    const lying = await sheetBomb({ sheet: '目录', rows: 30_000, lie: true });
    assert.ok(honest.zip.length < 1024 * 1024 && honest.xmlBytes > 300_000_000, `${honest.zip.length} → ${honest.xmlBytes}`);
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      for (const [name, bomb] of [['honest', honest.zip], ['lying', lying.zip]] as const) {
        for (const url of [`/api/catalog/standards/${standardId}/import?label=bomb`, '/api/ledger/persons/import', '/api/ledger/assets/import?mode=valid_only']) {
          const r = await upload(url, bomb);
          assert.equal(r.statusCode, 413, `${name} ${url}: ${r.body}`);
          assert.equal(r.json().code, 'import.too_large');
          assert.ok(['entry_size', 'ratio', 'total_size'].includes(r.json().details.limit), r.body);
          assert.equal(r.json().details.entry, 'xl/worksheets/sheet1.xml');
        }
      }
    } finally {
      clearInterval(sampler);
    }
    // Inflating the bomb would take > 300 MB (and exceljs several GB); the guard holds at most one capped part. The
    // ceiling is measured on the whole test process, its embedded database and the garbage a loaded machine collects
    // later included: 200 MB still tells a guarded read from an inflated one (the former 150 MB was just exceeded in
    // a full run with a core kept busy).
    const ceiling = 200 * 1024 * 1024;
    assert.ok(ceiling < honest.xmlBytes * 0.7, 'the ceiling must stay well below what inflating would take');
    assert.ok(peak - rss0 < ceiling, `rss grew by ${Math.round((peak - rss0) / 1048576)} MB`);
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(health.statusCode, 200);
  });

  test('more rows than the limit in a sheet: import.too_large naming the limit and the sheet, before any parsing', async () => {
    const rows = await bigSheet({ sheet: '办公场所', rows: 20_002, cols: 1 });
    const r = await upload('/api/ledger/offices/import', rows.zip);
    assert.equal(r.statusCode, 413, r.body);
    assert.equal(r.json().code, 'import.too_large');
    assert.deepEqual({ limit: r.json().details.limit, max: r.json().details.max, sheet: r.json().details.sheet }, { limit: 'rows', max: 20_000, sheet: '办公场所' });
    // At the limit it is read (and then checked row by row: this sheet has no template header).
    const ok = await upload('/api/ledger/offices/import', (await bigSheet({ sheet: '办公场所', rows: 2, cols: 1 })).zip);
    assert.equal(ok.statusCode, 202, ok.body);
  });

  test('not a workbook: import.not_xlsx with our reason, never a library message', async () => {
    for (const junk of [Buffer.from('name,idNumber\nA,1\n'), Buffer.from('PK\u0003\u0004 truncated'), Buffer.alloc(0)]) {
      for (const url of [`/api/catalog/standards/${standardId}/import?label=junk`, '/api/ledger/persons/import']) {
        const r = await upload(url, junk);
        assert.equal(r.statusCode, 400, r.body);
        assert.equal(r.json().code, 'import.not_xlsx');
        assert.doesNotMatch(r.json().message, /https?:|jszip|central directory :/i);
      }
    }
  });

  test('while a large allowed workbook is read, /api/health keeps answering and the request thread stays mostly idle', async () => {
    const big = await bigSheet({ sheet: '目录', rows: 10_000, cols: 25, text: true });
    const elu0 = performance.eventLoopUtilization();
    let finished = false;
    const pending = upload(`/api/catalog/standards/${standardId}/import?label=big&dryRun=true`, big.zip).finally(() => (finished = true));
    let answered = 0;
    let slowest = 0;
    while (!finished) {
      const t0 = performance.now();
      const h = await t.app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(h.statusCode, 200);
      slowest = Math.max(slowest, performance.now() - t0);
      answered++;
      await sleep(20);
    }
    const elu = performance.eventLoopUtilization(elu0);
    const r = await pending;
    // Read in full: the sheet is not the catalog template, so every header problem is reported.
    assert.equal(r.statusCode, 400, r.body);
    assert.equal(r.json().code, 'catalog.import_invalid');
    assert.ok(answered >= 3, `health answered ${answered} times`);
    // exceljs on this thread keeps it busy most of the read (utilisation ≈ 0.9); in the worker it idles.
    assert.ok(elu.utilization < 0.5, `event loop utilisation ${elu.utilization.toFixed(2)}, slowest health ${Math.round(slowest)} ms`);
  });
});

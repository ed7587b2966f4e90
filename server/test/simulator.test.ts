/**
 * `runSimulation` (the code of `guifan simulate`) against the real server: the API listening on a loopback port and
 * the hardened JT/T 808 gateway, which refuses a second 0x0100 from a terminal that holds a code. The simulation
 * runs twice against the same server; every position of the second run must be acknowledged too, whether the
 * terminals kept their codes in the file or the file was lost (the administrator's reset, once per terminal).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { createTestContext, TEST_ADMIN_PASSWORD, type TestContext } from './helpers';
import { startJt808Gateway, type Jt808Gateway } from '../src/modules/tracking';
import { formatSummary, runSimulation, type SimulationStats } from '../src/simulator';
import { parseAuthCodes } from '../src/simulator/auth-codes';

const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
const DEVICES = 3;

describe('guifan simulate run twice against the same server', () => {
  let t: TestContext;
  let gw: Jt808Gateway;
  let base: string;
  let dir: string;
  let terminals: string[];

  before(async () => {
    t = await createTestContext();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    gw = await startJt808Gateway({ ingest: t.app.tracking.ingest, port: 0, host: '127.0.0.1', maxConnections: 50, log: quiet });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-sim-'));
    // The simulator drives the registered terminals in identifier order: the first DEVICES.
    const rows = await t.database.rows<{ identifier: string }>(sql`select identifier from tracking_device where protocol = 'jt808' and status = 'active' order by identifier`);
    terminals = rows.slice(0, DEVICES).map((r) => r.identifier);
    assert.equal(terminals.length, DEVICES, 'the demo seed has JT/T 808 terminals');
  });
  after(async () => {
    await gw.close();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = async (file: string): Promise<{ stats: SimulationStats; log: string[] }> => {
    const log: string[] = [];
    const stats = await runSimulation({
      server: base,
      osmandPort: null,
      jt808Port: gw.port,
      protocol: 'jt808',
      devices: DEVICES,
      intervalS: 1,
      durationS: 2,
      ackTimeoutS: 30,
      username: 'admin',
      password: TEST_ADMIN_PASSWORD,
      seed: 1,
      authCodesFile: file,
      onLog: (l) => log.push(l),
    });
    return { stats, log };
  };
  const kept = (file: string): Record<string, string> => parseAuthCodes(fs.readFileSync(file, 'utf8')).codes[base] ?? {};
  const resetsAudited = async () =>
    (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = 'tracking.device.reset_auth_code'`))[0]!.n;
  const allAcked = (stats: SimulationStats, what: string) => {
    const summary = formatSummary(stats).join('\n');
    assert.ok(stats.ok, `${what}:\n${summary}`);
    assert.equal(stats.jt808.devices, DEVICES);
    assert.equal(stats.acked, stats.sent, summary);
    assert.equal(stats.rejected + stats.unacked, 0, summary);
    assert.ok(stats.sent >= DEVICES, summary);
  };

  test('with the codes file kept, the terminals authenticate with their codes: no registration, no reset; a refused code is reset once', async () => {
    const file = path.join(dir, 'kept', 'jt808-auth-codes.json');
    const first = await run(file);
    allAcked(first.stats, 'first run');
    const codes = kept(file);
    assert.deepEqual(Object.keys(codes).sort(), terminals, 'one code per terminal, keyed by server URL and terminal number');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'codes are credentials');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['jt808-auth-codes.json'], 'no temp file left behind');

    const refusedBefore = gw.stats.reregistrationsRefused;
    const resetsBefore = await resetsAudited();
    const second = await run(file);
    allAcked(second.stats, 'second run, codes kept');
    assert.equal(second.stats.errors, 0, formatSummary(second.stats).join('\n'));
    assert.equal(gw.stats.reregistrationsRefused, refusedBefore, 'no terminal tried to register again');
    assert.equal(await resetsAudited(), resetsBefore);
    assert.ok(!second.log.some((l) => /reset/.test(l)), second.log.join('\n'));
    assert.deepEqual(kept(file), codes, 'the same codes');

    // A code the gateway no longer accepts (a damaged file): reset once, registered again, the new code kept.
    const [victim] = terminals as [string];
    fs.writeFileSync(file, JSON.stringify({ format: 1, servers: { [base]: { ...codes, [victim]: 'not-the-code' } } }));
    const third = await run(file);
    allAcked(third.stats, 'third run, one code refused');
    assert.deepEqual(third.log.filter((l) => /auth code reset/.test(l)), [`simulate: ${victim}: auth code reset by the administrator (code refused)`]);
    assert.equal(await resetsAudited(), resetsBefore + 1);
    const after3 = kept(file);
    assert.notEqual(after3[victim], 'not-the-code');
    assert.notEqual(after3[victim], codes[victim]);
    for (const other of terminals.slice(1)) assert.equal(after3[other], codes[other]);
  });

  test('with the codes file deleted, the registrations are refused and each terminal is reset once by the administrator (audited)', async () => {
    const file = path.join(dir, 'lost', 'jt808-auth-codes.json');
    // The terminals already hold codes on the server (the previous test, or this first run): make sure of it.
    const first = await run(file);
    allAcked(first.stats, 'first run');
    const codes = kept(file);
    assert.deepEqual(Object.keys(codes).sort(), terminals);

    fs.rmSync(file);
    const refusedBefore = gw.stats.reregistrationsRefused;
    const resetsBefore = await resetsAudited();
    const second = await run(file);
    allAcked(second.stats, 'second run, codes file deleted');
    const resets = second.log.filter((l) => /auth code reset/.test(l)).sort();
    assert.deepEqual(resets, terminals.map((id) => `simulate: ${id}: auth code reset by the administrator (code lost)`));
    assert.equal(gw.stats.reregistrationsRefused, refusedBefore + DEVICES, 'each terminal was refused exactly once');
    assert.equal(await resetsAudited(), resetsBefore + DEVICES);
    const fresh = kept(file);
    assert.deepEqual(Object.keys(fresh).sort(), terminals, 'the new codes are kept');
    for (const id of terminals) assert.notEqual(fresh[id], codes[id]);

    // And the run after that needs no reset at all.
    const third = await run(file);
    allAcked(third.stats, 'third run');
    assert.ok(!third.log.some((l) => /auth code reset/.test(l)), third.log.join('\n'));
  });
});

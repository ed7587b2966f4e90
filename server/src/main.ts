import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildApp } from './app';
import { createFsBlobStore } from './platform/blob-store';
import { ConfigError, loadConfig } from './config';
import { DatabaseInUseError, openDatabase } from './db/open';
import { systemClock } from './platform/clock';
import { ensureAdmin, ensureRootUnit } from './bootstrap';
import { ensureLegalBaseline } from './modules/legal';
import { ensureTemplateBaseline } from './modules/document';
import { ensureServiceCategoryBaseline } from './modules/service';
import { seedDemo } from './seed/demo';
import { startSnapshotScheduler } from './modules/progress';
import { startJt808Gateway, startOsmAndServer, startTrackingJobs } from './modules/tracking';

/** Composition root: config → db → migrate → first-start bootstrap → HTTP app → listen. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const seed = process.argv.includes('--seed-demo') || process.env.GUIFAN_SEED_DEMO === 'true';
  const database = await openDatabase(config);
  await database.migrate();
  const admin = await ensureAdmin(database, systemClock, config.adminPassword);
  if (admin.generatedPassword) {
    // Printed once, on the console of whoever started the first instance; never logged to a file by us.
    console.log(`\n  guifan: created user "admin" with password: ${admin.generatedPassword}\n  (set GUIFAN_ADMIN_PASSWORD to choose it; you will be asked to change it)\n`);
  }
  // The shipped national rules (first published rule-set version) and holiday notices; idempotent.
  const rootId = (await ensureRootUnit(database, systemClock)).id;
  await ensureLegalBaseline(database, systemClock, rootId);
  // The shipped 文书 template set (first published version); idempotent.
  await ensureTemplateBaseline(database, systemClock, rootId);
  // The shipped 便民服务 categories (数字城管 事件 classes) with their time limits; idempotent.
  await ensureServiceCategoryBaseline(database, systemClock);
  if (seed) {
    const r = await seedDemo(database, systemClock, { adminPassword: config.adminPassword, blobs: createFsBlobStore(path.join(config.dataDir, 'evidence')) });
    if (r.seeded) console.log(`  guifan: demo data seeded (${r.units} org units, ${r.users} users, ${r.assessmentItems} assessment items, ${r.snapshots} daily snapshots; demo password "guifan-demo")`);
  }
  const app = await buildApp({ config, database, clock: systemClock, serveWeb: true });
  // Daily snapshots of every active campaign (目标与差距 history): checked at start and every hour.
  const stopSnapshots = startSnapshotScheduler({ database, clock: systemClock, log: app.log });
  const t = config.tracking;
  const stopTracking = startTrackingJobs({ database, clock: systemClock, retentionDays: t.retentionDays, evaluateAlerts: () => app.tracking.service.evaluateAlerts(), log: app.log });
  await app.listen({ port: config.port, host: config.host });
  // Device gateways after the web port: the same ingest (device cache, batched writer) serves all three entries.
  const osmand = t.osmandPort === null ? null : await startOsmAndServer({ ingest: app.tracking.ingest, clock: systemClock, port: t.osmandPort, host: config.host, naiveOffsetMinutes: t.osmandNaiveOffsetMinutes, logLevel: config.logLevel });
  const jt808 = t.jt808Port === null ? null : await startJt808Gateway({ ingest: app.tracking.ingest, port: t.jt808Port, host: config.host, maxConnections: t.jt808MaxConnections, log: app.log });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await stopSnapshots();
    // Stop taking reports first, then flush what was received (acknowledged only once committed), then the rest.
    await Promise.all([osmand?.close(), jt808?.close()]);
    await stopTracking();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('unhandledRejection', (err) => app.log.error({ err }, 'unhandled rejection'));
  app.log.info(`guifan ready on port ${config.port} (${database.kind}) in ${Date.now() - started} ms`);
  console.log(`  guifan: open http://localhost:${config.port}/  (API docs: /api/docs)`);
  console.log(`  guifan: devices: OsmAnd HTTP ${osmand ? `port ${(osmand.server.address() as AddressInfo).port}` : 'off'} (and /api/tracking/osmand), JT/T 808 TCP ${jt808 ? `port ${jt808.port}` : 'off'}${t.autoregister ? ', unknown devices auto-registered' : ''}`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`guifan: configuration error: ${err.message}`);
  } else if (err instanceof DatabaseInUseError) {
    console.error(`guifan: ${err.message}`);
  } else {
    console.error('guifan: failed to start:', err);
  }
  process.exit(1);
});

/**
 * The fair limit of guifan's OsmAnd ingest (bench/tracking-osmand.ts): a minimal correct ingest on bare fastify.
 * `GET /?id=&lat=&lon=&timestamp=&speed=&bearing=…` (Traccar Client's form) is parsed, refused with 400 when the
 * id or the coordinates are missing or out of range, queued, and answered 200 only after the COMMIT of its batch;
 * batching as guifan's (a commit at most 100 ms after the first waiting position, or at 1,000 rows; one batch
 * written at a time). Rows go into one table with a (device, fix time) index, in one statement per batch.
 * No device registry, no filters, no live feed, no hooks: what any correct ingest must do, nothing more.
 * Listens on 127.0.0.1:$PORT; the database is `BARE_PGLITE_DIR` (PGlite in this process, as guifan's embedded
 * database) or `BARE_DATABASE_URL` (a `pg.Pool`).
 */
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';

const port = Number(process.env.PORT ?? '0');
const MAX_ROWS = 1000;
const MAX_WAIT_MS = 100;

type Exec = (text: string, params?: unknown[]) => Promise<unknown>;
async function connect(): Promise<Exec> {
  if (process.env.BARE_PGLITE_DIR) {
    const client = await PGlite.create(process.env.BARE_PGLITE_DIR);
    return (text, params) => client.query(text, params ?? []);
  }
  if (process.env.BARE_DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 4 });
    return (text, params) => pool.query(text, params ?? []);
  }
  throw new Error('set BARE_PGLITE_DIR or BARE_DATABASE_URL');
}

const exec = await connect();
await exec(`create table if not exists bare_position (
  device_id text not null, fix_time timestamptz not null, lat double precision not null, lon double precision not null,
  speed_kmh real, course real, received_at timestamptz not null default now())`);
await exec('create index if not exists bare_position_device_time on bare_position (device_id, fix_time)');

interface Waiting {
  at: number;
  row: [string, string, number, number, number | null, number | null];
  done: (err?: unknown) => void;
}
const queue: Waiting[] = [];
let timer: NodeJS.Timeout | null = null;
let writing = false;

async function flush(): Promise<void> {
  if (writing) return;
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = queue.splice(0, MAX_ROWS);
  if (!batch.length) return;
  writing = true;
  try {
    const cols = [0, 1, 2, 3, 4, 5].map((i) => batch.map((w) => w.row[i]));
    // One statement, autocommit: the rows are durable when it returns.
    await exec(
      'insert into bare_position (device_id, fix_time, lat, lon, speed_kmh, course) select * from unnest($1::text[], $2::timestamptz[], $3::float8[], $4::float8[], $5::real[], $6::real[])',
      cols,
    );
    for (const w of batch) w.done();
  } catch (err) {
    for (const w of batch) w.done(err);
  } finally {
    writing = false;
    // The next batch is due 100 ms after its first position arrived, which may be now already.
    if (queue.length >= MAX_ROWS) void flush();
    else if (queue.length && !timer) timer = setTimeout(() => void flush(), Math.max(0, MAX_WAIT_MS - (Date.now() - queue[0]!.at)));
  }
}

function enqueue(row: Waiting['row']): Promise<void> {
  return new Promise((resolve, reject) => {
    queue.push({ at: Date.now(), row, done: (err) => (err ? reject(err) : resolve()) });
    if (queue.length >= MAX_ROWS) void flush();
    else if (!timer && !writing) timer = setTimeout(() => void flush(), MAX_WAIT_MS);
  });
}

const num = (v: unknown): number | null => (typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

const app = Fastify({ logger: false });
app.get('/', async (req, reply) => {
  const q = req.query as Record<string, string | undefined>;
  const lat = num(q.lat);
  const lon = num(q.lon);
  const ts = num(q.timestamp);
  if (!q.id || lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return reply.code(400).send('bad report');
  const fix = ts === null ? new Date() : new Date(ts > 1e12 ? ts : ts * 1000);
  const speed = num(q.speed);
  await enqueue([q.id, fix.toISOString(), lat, lon, speed === null ? null : speed * 1.852, num(q.bearing)]);
  return reply.code(200).send('');
});

await app.listen({ port, host: '127.0.0.1' });
const shutdown = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

/**
 * The baselines of bench/api.ts: bare fastify (the same fastify the server uses), no logger, no plugins, no
 * hooks, no response schemas. Listens on 127.0.0.1:$PORT.
 *
 * - `GET /`: hello-world (a diagnostic: the framework's own ceiling, no database).
 * - With `BARE_PGLITE_DIR` (a guifan data dir's `pglite`, opened in this process after the guifan server
 *   stopped: one process per embedded data dir) or `BARE_DATABASE_URL` (a `pg.Pool` of 10, as guifan's), the
 *   fair limits of guifan's list endpoints: the same SQL on the same database, the same JSON, as the signed-in
 *   `admin` (city scope; the user and the scope are read once at start, as guifan's session cache does).
 *   - `GET /users`: `GET /api/identity/users`
 *   - `GET /units`: `GET /api/org/units` (the rows as one JSON array, as guifan's repository reads them)
 *   - `GET /units-rows`: the same units through a plain row select (the query guifan ran before; diagnostic)
 *   bench/api.ts checks that each answers the same JSON as guifan's endpoint before measuring.
 */
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';

const port = Number(process.env.PORT ?? '0');
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

type Query = <T>(text: string, params: unknown[]) => Promise<T[]>;

async function connect(): Promise<{ query: Query; close(): Promise<void> } | null> {
  const dir = process.env.BARE_PGLITE_DIR;
  const url = process.env.BARE_DATABASE_URL;
  if (dir) {
    const client = await PGlite.create(dir);
    return { query: async <T>(text: string, params: unknown[]) => (await client.query<T>(text, params)).rows, close: () => client.close() };
  }
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return { query: async <T>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as T[], close: () => pool.end() };
  }
  return null;
}

// The SQL guifan's repositories send (drizzle's text for identityRepository.listInScope; the json_agg of
// orgRepository.findSubtreeWithAncestors for a scope at the root, which has no ancestors).
const USERS_SQL =
  'select "app_user"."id", "app_user"."username", "app_user"."display_name", "app_user"."role", "app_user"."org_unit_id", "org_unit"."name", "org_unit"."path", "app_user"."disabled", "app_user"."must_change_password", "app_user"."locale", "app_user"."version" from "app_user" inner join "org_unit" on "org_unit"."id" = "app_user"."org_unit_id" where "org_unit"."path" like $1 order by "org_unit"."code" asc, "app_user"."username" asc limit $2';
const UNIT_COLUMNS: Array<[string, string]> = [
  ['id', 'id'],
  ['parentId', 'parent_id'],
  ['path', 'path'],
  ['depth', 'depth'],
  ['code', 'code'],
  ['name', 'name'],
  ['shortName', 'short_name'],
  ['kind', 'kind'],
  ['validFrom', 'valid_from'],
  ['validTo', 'valid_to'],
  ['centerLon', 'center_lon'],
  ['centerLat', 'center_lat'],
  ['isDemo', 'is_demo'],
  ['note', 'note'],
  ['version', 'version'],
];
const UNITS_SQL = `select json_agg(json_build_object(${UNIT_COLUMNS.map(([k, c]) => `'${k}', "org_unit"."${c}"`).join(', ')}) order by "org_unit"."depth", "org_unit"."code") as list from "org_unit" where "org_unit"."path" like $1`;
// Dates as text, as drizzle's `mode: 'string'` reads them (the drivers would make Date objects).
const UNITS_ROWS_SQL = `select ${UNIT_COLUMNS.map(([, c]) => (c.startsWith('valid_') ? `"${c}"::text as "${c}"` : `"${c}"`)).join(', ')} from "org_unit" where "org_unit"."path" like $1 order by "org_unit"."depth" asc, "org_unit"."code" asc`;

/** What guifan's admin (city_admin, scope at the root) may do: the same rules, written for that one actor. */
const ADMIN_ASSIGNABLE_ROLES = (process.env.BARE_ASSIGNABLE_ROLES ?? '').split(',').filter(Boolean);

interface UnitRow {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  validFrom: string;
  validTo: string | null;
  centerLon: number | null;
  centerLat: number | null;
  isDemo: boolean;
  note: string | null;
  version: number;
}
const unitOut = (u: UnitRow) => ({
  id: u.id,
  parentId: u.parentId,
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  kind: u.kind,
  validFrom: u.validFrom,
  validTo: u.validTo,
  isDemo: u.isDemo,
  note: u.note,
  centerLon: u.centerLon,
  centerLat: u.centerLat,
  version: u.version,
  actions: u.kind === 'grid' ? ['update'] : ['update', 'createChild'],
});

const db = await connect();
if (db) {
  const [admin] = await db.query<{ id: string; path: string }>(
    'select u.id, o.path from app_user u join org_unit o on o.id = u.org_unit_id where u.username = $1',
    ['admin'],
  );
  if (!admin) throw new Error('no user admin in this database');
  const scope = `${admin.path}%`;

  app.get('/users', async () => {
    const rows = await db.query<Record<string, unknown>>(USERS_SQL, [scope, 2000]);
    return {
      items: rows.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role,
        orgUnitId: u.org_unit_id,
        orgUnitName: u.name,
        disabled: u.disabled,
        version: u.version,
        actions: u.id === admin.id ? [] : ['update', 'resetPassword'],
      })),
      actions: ['create'],
      assignableRoles: ADMIN_ASSIGNABLE_ROLES,
    };
  });

  const unitsResponse = (rows: UnitRow[]) => {
    const root = rows.find((r) => r.path === admin.path);
    return { items: rows.map(unitOut), actions: root && root.kind !== 'grid' ? ['createChild'] : [] };
  };
  app.get('/units', async () => unitsResponse((await db.query<{ list: UnitRow[] | null }>(UNITS_SQL, [scope]))[0]?.list ?? []));
  app.get('/units-rows', async () => {
    const rows = await db.query<Record<string, unknown>>(UNITS_ROWS_SQL, [scope]);
    return unitsResponse(
      rows.map((r) => ({
        id: r.id,
        parentId: r.parent_id,
        path: r.path,
        depth: r.depth,
        code: r.code,
        name: r.name,
        shortName: r.short_name,
        kind: r.kind,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        centerLon: r.center_lon,
        centerLat: r.center_lat,
        isDemo: r.is_demo,
        note: r.note,
        version: r.version,
      }) as UnitRow),
    );
  });
  app.addHook('onClose', async () => db.close());
}

await app.listen({ port, host: '127.0.0.1' });
const shutdown = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

/**
 * The few API calls the simulator makes: sign in, list the active devices, read the org tree and its areas, and
 * reset a JT/T 808 terminal's auth code (the fallback when a terminal lost the code the gateway holds for it).
 */
import type { AreaGeometry } from '../modules/tracking/domain/geo';
import type { OrgArea, RegisteredDevice } from './fleet';

export class SimulationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationError';
  }
}

const SESSION_COOKIE = 'guifan_session';

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(30_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new SimulationError(`cannot reach ${url}: ${cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e))}`);
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, headers: res.headers };
}

function messageOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') return (body as { message: string }).message;
  return typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body).slice(0, 200);
}

/** POST /api/identity/login → the session cookie (`guifan_session=…`). */
export async function login(server: string, username: string, password: string): Promise<string> {
  const r = await call(`${server}/api/identity/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new SimulationError(`sign-in as "${username}" failed: HTTP ${r.status} ${messageOf(r.body)}`);
  for (const c of r.headers.getSetCookie()) {
    const m = new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(c);
    if (m?.[1]) return `${SESSION_COOKIE}=${m[1]}`;
  }
  throw new SimulationError('sign-in answered 200 without a session cookie');
}

async function getJson(server: string, path: string, cookie: string): Promise<unknown> {
  const r = await call(`${server}${path}`, { headers: { cookie } });
  if (r.status === 404 && path.startsWith('/api/tracking')) throw new SimulationError(`GET ${path}: 404 — does this server have field tracking (执法轨迹)?`);
  if (r.status !== 200) throw new SimulationError(`GET ${path}: HTTP ${r.status} ${messageOf(r.body)}`);
  return r.body;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function itemsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items : [];
}

/** GET /api/tracking/devices?status=active (one list of the devices in the caller's scope). */
export async function fetchActiveDevices(server: string, cookie: string): Promise<RegisteredDevice[]> {
  const body = await getJson(server, '/api/tracking/devices?status=active', cookie);
  const out: RegisteredDevice[] = [];
  for (const it of itemsOf(body)) {
    const o = it as Record<string, unknown>;
    const id = str(o.id);
    const identifier = str(o.identifier);
    const protocol = str(o.protocol);
    if (!id || !identifier || !protocol) continue;
    out.push({ id, identifier, protocol, kind: str(o.kind) ?? '', orgUnitId: str(o.orgUnitId), name: str(o.name) ?? identifier });
  }
  return out;
}

/** GET /api/org/units (tree) joined with GET /api/org/map (areas, WGS-84 GeoJSON). */
export async function fetchAreas(server: string, cookie: string): Promise<OrgArea[]> {
  const [units, map] = await Promise.all([getJson(server, '/api/org/units', cookie), getJson(server, '/api/org/map', cookie)]);
  const geometry = new Map<string, AreaGeometry>();
  for (const f of ((map as { features?: unknown[] } | null)?.features ?? []) as Array<{ properties?: { id?: unknown }; geometry?: unknown }>) {
    const id = str(f.properties?.id);
    const g = f.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    if (id && g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates)) geometry.set(id, g as AreaGeometry);
  }
  return itemsOf(units).flatMap((it) => {
    const o = it as Record<string, unknown>;
    const id = str(o.id);
    if (!id) return [];
    return [{ id, parentId: str(o.parentId), kind: str(o.kind) ?? '', name: str(o.name) ?? id, geometry: geometry.get(id) ?? null }];
  });
}

/** An HTTP status from the API (the simulator tells a lapsed session, 401, from the rest). */
export class ApiStatusError extends SimulationError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The id of the JT/T 808 device with this terminal number (the server's identifier), or null when not listed. */
export async function findJt808DeviceId(server: string, cookie: string, identifier: string): Promise<string | null> {
  const path = `/api/tracking/devices?q=${encodeURIComponent(identifier)}`;
  const r = await call(`${server}${path}`, { headers: { cookie } });
  if (r.status !== 200) throw new ApiStatusError(r.status, `GET ${path}: HTTP ${r.status} ${messageOf(r.body)}`);
  for (const it of itemsOf(r.body)) {
    const o = it as Record<string, unknown>;
    if (o.protocol === 'jt808' && o.identifier === identifier && typeof o.id === 'string') return o.id;
  }
  return null;
}

/** POST /api/tracking/devices/:id/reset-auth-code (audited on the server): the terminal may register again. */
export async function resetAuthCode(server: string, cookie: string, deviceId: string): Promise<void> {
  const path = `/api/tracking/devices/${encodeURIComponent(deviceId)}/reset-auth-code`;
  const r = await call(`${server}${path}`, { method: 'POST', headers: { cookie } });
  if (r.status !== 200) throw new ApiStatusError(r.status, `POST ${path}: HTTP ${r.status} ${messageOf(r.body)}`);
}

import crypto from 'node:crypto';
import type { Actor } from '../../platform/permissions';
import { badRequest, conflict } from '../../platform/errors';
import { recordAudit } from '../audit';
import { bitsToFlags } from './domain/position-flags';
import { normalizeOsmAndId, normalizeTerminalNo } from './domain/identifiers';
import { trackingRepository as repo, type BindingRow, type DeviceRow } from './tracking.repository';
import { canManageDevices, canReadTracking, canSeeUnassigned } from './tracking.policy';
import type { Ingest } from './tracking.ingest';
import { currentBinding, fieldError, iso, type TrackingContext } from './tracking.context';

/** Device registry and bindings (who or which vehicle carries a device, when). */

export const bindingOut = (b: BindingRow) => ({ ...b, validFrom: b.validFrom.toISOString(), validTo: iso(b.validTo) });

function normalizeIdentifier(protocol: 'osmand' | 'jt808', raw: string): string {
  const id = protocol === 'jt808' ? normalizeTerminalNo(raw) : normalizeOsmAndId(raw);
  if (!id) throw fieldError('tracking.bad_identifier', 'identifier', 'identifier: must not be empty', 'required');
  if (protocol === 'jt808' && !/^\d{1,20}$/.test(id)) throw fieldError('tracking.bad_identifier', 'identifier', 'identifier: a JT/T 808 terminal number is up to 20 digits', 'identifier_jt808', { limit: 20 });
  return id;
}

export function createTrackingDevices(ctx: TrackingContext, ingest: Ingest) {
  const { db, clock } = ctx;

  function deviceOut(d: DeviceRow, binding: BindingRow | null) {
    return {
      id: d.id,
      identifier: d.identifier,
      protocol: d.protocol,
      kind: d.kind,
      name: d.name,
      orgUnitId: d.orgUnitId,
      orgUnitName: d.orgUnitName,
      status: d.status,
      online: ingest.isOnline(d.lastSeenAt),
      lastSeenAt: iso(d.lastSeenAt),
      lastPosition:
        d.lastFixTime && d.lastLat !== null && d.lastLon !== null
          ? { time: d.lastFixTime.toISOString(), lat: d.lastLat, lon: d.lastLon, speedKmh: d.lastSpeedKmh, course: d.lastCourse, flags: bitsToFlags(d.lastFlags ?? 0) }
          : null,
      binding: binding ? bindingOut(binding) : null,
      note: d.note,
      hasAuthCode: d.hasAuthCode,
      isDemo: d.isDemo,
      version: d.version,
      createdAt: d.createdAt.toISOString(),
    };
  }

  async function getDevice(actor: Actor, id: string) {
    const d = await ctx.readableDevice(actor, id);
    const bs = await repo.bindingsOf(db, [id]);
    return { ...deviceOut(d, currentBinding(bs, clock.now())), bindings: bs.map(bindingOut) };
  }

  return {
    async listDevices(actor: Actor, f: { orgUnitId?: string; status?: string; q?: string }) {
      let underPath = actor.scopePath;
      if (f.orgUnitId) underPath = (await ctx.unitInScope(actor, f.orgUnitId, canReadTracking, 'devices')).path;
      const list = await repo.devices(db, { underPath, includeUnassigned: canSeeUnassigned(actor) && (f.status === 'unassigned' || !f.orgUnitId), status: f.status, q: f.q?.trim() || undefined });
      const bindings = await repo.bindingsOf(
        db,
        list.map((d) => d.id),
      );
      const now = clock.now();
      const byDevice = new Map<string, BindingRow[]>();
      for (const b of bindings) {
        const list = byDevice.get(b.deviceId);
        if (list) list.push(b);
        else byDevice.set(b.deviceId, [b]);
      }
      const actions = actor.permissions.has('tracking.manage') ? ['create'] : [];
      return { items: list.map((d) => deviceOut(d, currentBinding(byDevice.get(d.id) ?? [], now))), actions };
    },

    getDevice,

    async createDevice(actor: Actor, b: { identifier: string; protocol: 'osmand' | 'jt808'; kind: DeviceRow['kind']; name: string; orgUnitId: string; note?: string | null }) {
      const unit = await ctx.unitInScope(actor, b.orgUnitId, canManageDevices, 'device');
      const identifier = normalizeIdentifier(b.protocol, b.identifier);
      if (await repo.deviceByIdentifier(db, b.protocol, identifier)) throw conflict('tracking.device_exists', `a ${b.protocol} device ${identifier} is already registered`, { issues: [{ field: 'identifier', message: `a ${b.protocol} device ${identifier} is already registered` }] });
      const id = crypto.randomUUID();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.insertDevice(tx, { id, identifier, protocol: b.protocol, kind: b.kind, name: b.name.trim(), orgUnitId: unit.id, note: b.note ?? null, at: now });
        await recordAudit(tx, clock, actor, { action: 'tracking.device.create', entityType: 'tracking_device', entityId: id, orgUnitId: unit.id, after: { identifier, protocol: b.protocol, kind: b.kind, name: b.name } });
      });
      ingest.invalidate();
      return getDevice(actor, id);
    },

    async patchDevice(actor: Actor, id: string, b: { version: number; name?: string; kind?: DeviceRow['kind']; orgUnitId?: string; status?: 'active' | 'disabled'; note?: string | null }) {
      const d = await ctx.manageableDevice(actor, id);
      if (d.version !== b.version) throw conflict('conflict.stale_version', 'the device was changed by someone else; reload', { version: d.version });
      let orgUnitId = d.orgUnitId;
      if (b.orgUnitId !== undefined && b.orgUnitId !== d.orgUnitId) orgUnitId = (await ctx.unitInScope(actor, b.orgUnitId, canManageDevices, 'device')).id;
      let status: DeviceRow['status'] = b.status ?? d.status;
      if (d.status === 'unassigned' && b.status === undefined && orgUnitId) status = 'active';
      if (status === 'active' && !orgUnitId) throw fieldError('tracking.device_needs_team', 'orgUnitId', 'orgUnitId: an active device belongs to a team', 'device_needs_team');
      const now = clock.now();
      const after = { name: b.name ?? d.name, kind: b.kind ?? d.kind, orgUnitId, status, note: b.note === undefined ? d.note : b.note };
      await db.transaction(async (tx) => {
        await repo.updateDevice(tx, id, { ...after, at: now });
        await recordAudit(tx, clock, actor, {
          action: d.status === 'unassigned' && status === 'active' ? 'tracking.device.assign' : 'tracking.device.update',
          entityType: 'tracking_device',
          entityId: id,
          orgUnitId: after.orgUnitId,
          before: { name: d.name, kind: d.kind, orgUnitId: d.orgUnitId, status: d.status, note: d.note },
          after,
        });
      });
      ingest.invalidate(id);
      return getDevice(actor, id);
    },

    /**
     * JT/T 808: forget the terminal's authentication code so that it can register again (a terminal reset to factory
     * settings, a replaced unit keeping the SIM). Until then a registration of the number is refused, so a second
     * connection cannot take the terminal over. Sessions authenticated with the old code end at their next message.
     */
    async resetAuthCode(actor: Actor, id: string) {
      const d = await ctx.manageableDevice(actor, id);
      if (d.protocol !== 'jt808') throw badRequest('tracking.not_jt808', `only a JT/T 808 terminal has an authentication code; ${d.identifier} is ${d.protocol}`);
      await db.transaction(async (tx) => {
        await repo.clearAuthCode(tx, id, clock.now());
        // The code itself is a credential: the audit says only whether there was one.
        await recordAudit(tx, clock, actor, { action: 'tracking.device.reset_auth_code', entityType: 'tracking_device', entityId: id, orgUnitId: d.orgUnitId, before: { hasAuthCode: d.hasAuthCode }, after: { hasAuthCode: false } });
      });
      ingest.invalidate(id);
      return getDevice(actor, id);
    },

    async bind(actor: Actor, id: string, b: { personId?: string; assetId?: string; validFrom?: string }) {
      const d = await ctx.manageableDevice(actor, id);
      if (!d.orgPath) throw fieldError('tracking.device_needs_team', 'orgUnitId', 'assign the device to a team before binding it', 'device_needs_team');
      if ((b.personId === undefined) === (b.assetId === undefined)) throw fieldError('tracking.bad_binding', 'personId', 'exactly one of personId and assetId', 'binding_target');
      const from = b.validFrom ? new Date(b.validFrom) : clock.now();
      if (Number.isNaN(from.getTime())) throw fieldError('tracking.bad_time', 'validFrom', 'validFrom: not a date-time', 'not_date_time');
      let label: string;
      if (b.personId) {
        const p = await repo.person(db, b.personId);
        if (!p || !canManageDevices(actor, p.path)) throw fieldError('tracking.person_not_found', 'personId', 'personId: no such person in your scope', 'person_not_in_scope');
        label = p.name;
      } else {
        const a = await repo.asset(db, b.assetId as string);
        if (!a || !canManageDevices(actor, a.path)) throw fieldError('tracking.asset_not_found', 'assetId', 'assetId: no such vehicle or equipment in your scope', 'asset_not_in_scope');
        label = a.label;
      }
      const bs = await repo.bindingsOf(db, [id]);
      const later = bs.find((x) => x.validFrom >= from || (x.validTo !== null && x.validTo > from));
      if (later) throw conflict('tracking.binding_overlap', `the device is bound to ${later.personName ?? later.assetLabel} from ${later.validFrom.toISOString()}${later.validTo ? ` to ${later.validTo.toISOString()}` : ''}: a new binding starts after that`, { bindingId: later.id });
      const open = bs.find((x) => x.validTo === null);
      const bindingId = crypto.randomUUID();
      await db.transaction(async (tx) => {
        if (open) await repo.closeBinding(tx, open.id, from);
        await repo.insertBinding(tx, { id: bindingId, deviceId: id, personId: b.personId ?? null, assetId: b.assetId ?? null, validFrom: from, createdBy: actor.userId, createdAt: clock.now() });
        await recordAudit(tx, clock, actor, { action: 'tracking.device.bind', entityType: 'tracking_device', entityId: id, orgUnitId: d.orgUnitId, before: open ? { bindingId: open.id } : null, after: { bindingId, personId: b.personId ?? null, assetId: b.assetId ?? null, label, validFrom: from.toISOString() } });
      });
      const fresh = (await repo.bindingsOf(db, [id])).find((x) => x.id === bindingId) as BindingRow;
      return bindingOut(fresh);
    },

    async unbind(actor: Actor, id: string, b: { at?: string }) {
      const d = await ctx.manageableDevice(actor, id);
      const at = b.at ? new Date(b.at) : clock.now();
      if (Number.isNaN(at.getTime())) throw fieldError('tracking.bad_time', 'at', 'at: not a date-time', 'not_date_time');
      const open = (await repo.bindingsOf(db, [id])).find((x) => x.validTo === null);
      if (!open) throw conflict('tracking.not_bound', 'the device is not bound to anyone');
      if (at <= open.validFrom) throw fieldError('tracking.bad_time', 'at', 'at: must be after the binding started', 'not_after_start');
      await db.transaction(async (tx) => {
        await repo.closeBinding(tx, open.id, at);
        await recordAudit(tx, clock, actor, { action: 'tracking.device.unbind', entityType: 'tracking_device', entityId: id, orgUnitId: d.orgUnitId, after: { bindingId: open.id, validTo: at.toISOString() } });
      });
      return getDevice(actor, id);
    },
  };
}

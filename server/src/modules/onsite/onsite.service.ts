import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { conflict, forbidden, notFound, validationFailed } from '../../platform/errors';
import { inScope, type Actor } from '../../platform/permissions';
import { recordAudit } from '../audit';
import type { CaseStepHook } from '../case';
import { personFixes } from '../tracking';
import { checkOfficer, checkWindow, countSteps, isOnsiteStep, ONSITE_ACTIONS, ONSITE_DEFAULTS, settingsProblem, stepStatus, thinTrack, unverifiableReason, usableFix, type OfficerCheck, type OnsiteAction, type OnsiteSettings, type OnsiteStatus } from './domain/onsite';
import { onsiteRepository, type CaseRef, type CheckRow } from './onsite.repository';
import type { CaseOnsite, SettingsBody, SettingsS, StepCheckS } from './onsite.schemas';

interface Deps {
  database: Database;
  clock: Clock;
}

/** Changing the distance or the margin changes every bureau's results: a rule-set administrator's decision. */
export const SETTINGS_PERMISSION = 'legal.manage' as const;

interface StepInput {
  eventId: number;
  caseId: string;
  orgUnitId: string;
  action: OnsiteAction;
  onDate: string;
  startedAt: Date | null;
  endedAt: Date | null;
  officers: readonly { personId: string; name: string }[];
  location: { lat: number; lon: number } | null;
  isDemo: boolean;
}

interface OfficerResult {
  personId: string;
  name: string;
  check: OfficerCheck;
  devices: { id: string; name: string }[];
  /** Usable fixes in the window, oldest first. */
  track: { time: Date; lat: number; lon: number }[];
  lastReceivedAt: Date | null;
}

const timeOf = (v: unknown): Date | null => {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

async function currentSettings(tx: DbOrTx): Promise<OnsiteSettings> {
  const s = await onsiteRepository.settings(tx);
  return s ? { radiusM: s.radiusM, marginMin: s.marginMin } : { ...ONSITE_DEFAULTS };
}

/** Checks each officer of one step against the positions of their devices (read inside `tx`). */
async function computeStep(tx: DbOrTx, step: StepInput, settings: OnsiteSettings): Promise<OfficerResult[]> {
  const w = checkWindow(step.startedAt, step.endedAt, settings.marginMin);
  const blocked = unverifiableReason({ location: step.location, startedAt: step.startedAt, endedAt: step.endedAt, officerCount: step.officers.length });
  const read = w && !blocked ? await personFixes(tx, step.officers.map((o) => o.personId), w.from, w.to) : { devices: [], fixes: [] };
  return step.officers.map((o) => {
    const fixes = read.fixes.filter((f) => f.personId === o.personId);
    const devices = read.devices.filter((d) => d.personId === o.personId).map((d) => ({ id: d.deviceId, name: d.name }));
    const check = checkOfficer({ location: step.location, startedAt: step.startedAt, endedAt: step.endedAt, settings, deviceCount: devices.length, fixes });
    let lastReceivedAt: Date | null = null;
    for (const f of fixes) if (!lastReceivedAt || f.receivedAt > lastReceivedAt) lastReceivedAt = f.receivedAt;
    const track = fixes.filter((f) => usableFix(f.flags)).map((f) => ({ time: f.time, lat: f.lat, lon: f.lon }));
    return { personId: o.personId, name: o.name, check, devices, track, lastReceivedAt };
  });
}

function rowOf(step: StepInput, r: OfficerResult, settings: OnsiteSettings, at: Date): CheckRow {
  return {
    eventId: step.eventId,
    personId: r.personId,
    caseId: step.caseId,
    orgUnitId: step.orgUnitId,
    action: step.action,
    onDate: step.onDate,
    status: r.check.status,
    reason: r.check.reason,
    minDistanceM: r.check.minDistanceM,
    nearestAt: r.check.nearestAt,
    points: r.check.points,
    settingsRadiusM: settings.radiusM,
    settingsMarginMin: settings.marginMin,
    lastReceivedAt: r.lastReceivedAt,
    computedAt: at,
    isDemo: step.isDemo,
  };
}

const ms = (d: Date | null) => (d ? d.getTime() : null);
/** Whether a stored result says something else than a fresh one (then the fresh one replaces it). */
function differs(a: CheckRow, b: CheckRow): boolean {
  return (
    a.status !== b.status ||
    a.reason !== b.reason ||
    a.minDistanceM !== b.minDistanceM ||
    ms(a.nearestAt) !== ms(b.nearestAt) ||
    a.points !== b.points ||
    a.settingsRadiusM !== b.settingsRadiusM ||
    a.settingsMarginMin !== b.settingsMarginMin ||
    ms(a.lastReceivedAt) !== ms(b.lastReceivedAt)
  );
}

/**
 * Counts of on-site steps by outcome per team, for evaluation: the stored results of steps dated in [from, to]
 * (YYYY-MM-DD, Beijing) of the teams under `underPath` (null: all). Demo steps are left out unless asked for.
 */
export async function onsiteCounts(db: DbOrTx, f: { underPath: string | null; from: string; to: string; includeDemo?: boolean }) {
  const rows = await onsiteRepository.stepOutcomes(db, { underPath: f.underPath, from: f.from, to: f.to, includeDemo: f.includeDemo === true });
  const byTeam = new Map<string, { orgUnitId: string; unitName: string; statuses: OnsiteStatus[] }>();
  for (const r of rows) {
    const t = byTeam.get(r.orgUnitId) ?? { orgUnitId: r.orgUnitId, unitName: r.unitName, statuses: [] };
    t.statuses.push(stepStatus(r.statuses.map((status) => ({ status }))));
    byTeam.set(r.orgUnitId, t);
  }
  return [...byTeam.values()].map((t) => ({ orgUnitId: t.orgUnitId, unitName: t.unitName, ...countSteps(t.statuses) }));
}

export function createOnsiteService({ database, clock }: Deps) {
  const { db } = database;

  async function loadCase(actor: Actor, caseId: string): Promise<CaseRef> {
    const c = await onsiteRepository.findCase(db, caseId);
    // Out of scope answers exactly like missing (as the case module does).
    if (!c || !inScope(actor, c.unitPath)) throw notFound('case.not_found', 'Case not found');
    return c;
  }

  const locationOf = (c: { lat: number | null; lon: number | null }) => (c.lat !== null && c.lon !== null ? { lat: c.lat, lon: c.lon } : null);

  /**
   * Every on-site step of the case, checked now. Positions arrive late (offline buffers, a camera docked hours later),
   * so a read recomputes from the positions stored by now and replaces a stored result that differs (new positions
   * received, other settings); `force` rewrites them all (the explicit recheck). Idempotent: the same positions and
   * settings give the same rows.
   */
  async function view(c: CaseRef, force: boolean): Promise<Static<typeof CaseOnsite>> {
    const caseId = c.id;
    const location = locationOf(c);
    const settings = await currentSettings(db);
    const events = (await onsiteRepository.stepsOf(db, caseId, ONSITE_ACTIONS)).filter((e) => isOnsiteStep(e.action, e.payload.method));
    const stored = new Map((await onsiteRepository.checksOfCase(db, caseId)).map((r) => [`${r.eventId}/${r.personId}`, r]));
    const now = clock.now();
    const writes: CheckRow[] = [];
    const steps: Static<typeof StepCheckS>[] = [];
    for (const e of events) {
      const step: StepInput = { eventId: e.id, caseId, orgUnitId: c.orgUnitId, action: e.action as OnsiteAction, onDate: e.onDate, startedAt: timeOf(e.payload.startedAt), endedAt: timeOf(e.payload.endedAt), officers: e.officers, location, isDemo: c.isDemo };
      const results = await computeStep(db, step, settings);
      let computedAt = now;
      for (const r of results) {
        const fresh = rowOf(step, r, settings, now);
        const old = stored.get(`${e.id}/${r.personId}`);
        if (force || !old || differs(old, fresh)) writes.push(fresh);
        else if (old.computedAt < computedAt) computedAt = old.computedAt;
      }
      const w = checkWindow(step.startedAt, step.endedAt, settings.marginMin);
      const blocked = unverifiableReason({ location, startedAt: step.startedAt, endedAt: step.endedAt, officerCount: step.officers.length });
      steps.push({
        eventId: e.id,
        action: step.action,
        onDate: e.onDate,
        startedAt: step.startedAt?.toISOString() ?? null,
        endedAt: step.endedAt?.toISOString() ?? null,
        windowFrom: w?.from.toISOString() ?? null,
        windowTo: w?.to.toISOString() ?? null,
        status: stepStatus(results.map((r) => r.check)),
        reason: blocked,
        computedAt: computedAt.toISOString(),
        officers: results.map((r) => {
          const nearest = r.check.nearestAt ? r.track.findIndex((p) => p.time.getTime() === r.check.nearestAt!.getTime()) : -1;
          return {
            personId: r.personId,
            name: r.name,
            status: r.check.status,
            reason: r.check.reason,
            minDistanceM: r.check.minDistanceM,
            nearestAt: r.check.nearestAt?.toISOString() ?? null,
            points: r.check.points,
            devices: r.devices,
            track: thinTrack(r.track, undefined, nearest >= 0 ? nearest : null).map((p) => ({ t: p.time.toISOString(), lat: p.lat, lon: p.lon })),
          };
        }),
      });
    }
    if (writes.length) {
      await db.transaction(async (tx) => {
        for (const w of writes) await onsiteRepository.upsertCheck(tx, w);
      });
    }
    return { caseId, location, settings, steps, counts: countSteps(steps.map((s) => s.status)) };
  }

  async function settingsView(actor: Actor): Promise<Static<typeof SettingsS>> {
    const s = await onsiteRepository.settings(db);
    return {
      radiusM: s?.radiusM ?? ONSITE_DEFAULTS.radiusM,
      marginMin: s?.marginMin ?? ONSITE_DEFAULTS.marginMin,
      version: s?.version ?? 0,
      updatedAt: s?.updatedAt?.toISOString() ?? null,
      mayChange: actor.permissions.has(SETTINGS_PERMISSION),
    };
  }

  return {
    /**
     * The case step hook: an on-site step's check is stored with the step, in its transaction. Never refuses: a step
     * whose officers' devices were elsewhere or silent is flagged, not stopped (devices fail).
     */
    stepHook: {
      async after(tx, step) {
        const method = step.action === 'serve' ? step.facts.service?.method : undefined;
        if (!isOnsiteStep(step.action, method)) return;
        const settings = await currentSettings(tx);
        const input: StepInput = {
          eventId: step.eventId,
          caseId: step.caseId,
          orgUnitId: step.orgUnitId,
          action: step.action,
          onDate: step.onDate,
          startedAt: step.startedAt,
          endedAt: step.endedAt,
          officers: step.officers,
          location: locationOf(step),
          isDemo: step.isDemo,
        };
        const now = clock.now();
        for (const r of await computeStep(tx, input, settings)) await onsiteRepository.upsertCheck(tx, rowOf(input, r, settings, now));
      },
    } satisfies CaseStepHook,

    caseView: async (actor: Actor, caseId: string) => view(await loadCase(actor, caseId), false),
    recheck: async (actor: Actor, caseId: string) => view(await loadCase(actor, caseId), true),
    /** Checks (and stores) every on-site step of a case, for no one in particular (the demo seed, maintenance). */
    async storeChecks(caseId: string): Promise<Static<typeof CaseOnsite>['counts'] | null> {
      const c = await onsiteRepository.findCase(db, caseId);
      return c ? (await view(c, true)).counts : null;
    },

    settings: settingsView,

    async updateSettings(actor: Actor, body: Static<typeof SettingsBody>): Promise<Static<typeof SettingsS>> {
      if (!actor.permissions.has(SETTINGS_PERMISSION)) throw forbidden('auth.forbidden', `This action needs permission ${SETTINGS_PERMISSION}`, { permission: SETTINGS_PERMISSION });
      const next = { radiusM: body.radiusM, marginMin: body.marginMin };
      const p = settingsProblem(next);
      if (p) throw validationFailed(p.message, [{ field: p.field, message: p.message }]);
      await db.transaction(async (tx) => {
        const before = await onsiteRepository.settings(tx);
        const ok = await onsiteRepository.saveSettings(tx, body.version, next, actor.userId, clock.now());
        if (!ok) throw conflict('conflict.stale_version', 'The settings were changed by someone else; reload them', { currentVersion: before?.version ?? 0 });
        await recordAudit(tx, clock, actor, {
          action: 'onsite.settings.update',
          entityType: 'onsite_setting',
          entityId: 'default',
          orgUnitId: null,
          before: before ? { radiusM: before.radiusM, marginMin: before.marginMin } : { ...ONSITE_DEFAULTS },
          after: next,
        });
      });
      return settingsView(actor);
    },
  };
}

export type OnsiteService = ReturnType<typeof createOnsiteService>;

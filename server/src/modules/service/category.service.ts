import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { conflict, forbidden, notFound, validationFailed, type FieldIssue } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import { recordAudit, SYSTEM_ACTOR } from '../audit';
import { DEFAULT_WORKING_HOURS, validateWorkingHours, type WorkingHours } from '../legal';
import { categoryRepository, type CategoryRow } from './category.repository';
import type { CreateServiceCategoryBody, ServiceCategoryList, ServiceCategoryOut, SaveWorkingHoursBody, UpdateServiceCategoryBody, WorkingHoursOut } from './category.schemas';
import { BASELINE_CATEGORIES, CATEGORY_CODE, limitIssues } from './domain/categories';

interface Deps {
  database: Database;
  clock: Clock;
}

type CategoryOutT = Static<typeof ServiceCategoryOut>;

/** The service_setting key of the bureau's working periods. */
export const WORKING_HOURS_KEY = 'working_hours';

const BASELINE_CODES = new Set(BASELINE_CATEGORIES.map((c) => c.code));

/** Categories, time limits and working hours are set by `service.manage` (city administrators, 局机关 staff). */
export const canManageCategories = (actor: Actor): boolean => actor.permissions.has('service.manage');

/**
 * First start: the shipped categories (domain/categories.ts) are inserted, audited once. Idempotent: once any
 * category exists the table is the bureau's and is left alone (a deactivated or renamed class is never restored).
 */
export async function ensureServiceCategoryBaseline(database: Database, clock: Clock): Promise<{ created: number }> {
  return database.db.transaction(async (tx) => {
    await categoryRepository.lock(tx);
    if ((await categoryRepository.count(tx)) > 0) return { created: 0 };
    const now = clock.now();
    const rows: CategoryRow[] = BASELINE_CATEGORIES.map((c) => ({ id: newId(), code: c.code, name: c.name, nameEn: c.nameEn, bigClass: c.bigClass, acceptHours: c.acceptHours, handleHours: c.handleHours, replyHours: c.replyHours, active: true, sortOrder: c.sortOrder, isDemo: false, version: 1, createdAt: now, updatedAt: now }));
    await categoryRepository.insert(tx, rows);
    await recordAudit(tx, clock, SYSTEM_ACTOR, { action: 'service_category.bootstrap', entityType: 'service_category', entityId: 'baseline', orgUnitId: null, after: { categories: rows.length, codes: rows.map((r) => r.code) } });
    return { created: rows.length };
  });
}

/** The bureau's working periods (the shipped default until it sets its own). Read by the due-time computation. */
export async function loadWorkingHours(tx: DbOrTx): Promise<WorkingHours> {
  const row = await categoryRepository.setting(tx, WORKING_HOURS_KEY);
  const stored = row?.value as WorkingHours | undefined;
  // A stored value is validated on write; one that no longer validates (edited by hand) falls back rather than breaking every due time.
  return stored && validateWorkingHours(stored).length === 0 ? { periods: stored.periods.map((p) => ({ start: p.start, end: p.end })) } : DEFAULT_WORKING_HOURS;
}

function out(c: CategoryRow, requestCount: number): CategoryOutT {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    nameEn: c.nameEn,
    bigClass: c.bigClass,
    acceptHours: c.acceptHours,
    handleHours: c.handleHours,
    replyHours: c.replyHours,
    active: c.active,
    sortOrder: c.sortOrder,
    isDemo: c.isDemo,
    // Shipped and never saved by the bureau (any save bumps the version): its limits are still ours, not the bureau's.
    localDefault: BASELINE_CODES.has(c.code) && c.version === 1,
    requestCount,
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
  };
}

function checkFields(body: { name: string; bigClass: string; acceptHours: number; handleHours: number; replyHours: number }, code?: string): void {
  const issues: FieldIssue[] = [];
  if (code !== undefined && !CATEGORY_CODE.test(code)) issues.push({ field: 'code', code: 'pattern', message: 'a code is digits or letters in up to three parts joined by -, e.g. 02-03' });
  if (!body.name.trim()) issues.push({ field: 'name', code: 'required', message: 'the name is required' });
  if (!body.bigClass.trim()) issues.push({ field: 'bigClass', code: 'required', message: 'the big class is required' });
  issues.push(...limitIssues(body));
  if (issues.length) throw validationFailed(`${issues.length} problem(s) in the category`, issues);
}

const codeTaken = (code: string) => conflict('service.category_code_taken', `Category code ${code} is used`, { issues: [{ field: 'code', message: 'the code is used', code: 'code_taken', params: { code } }] });

const snapshot = (c: CategoryRow) => ({ code: c.code, name: c.name, nameEn: c.nameEn, bigClass: c.bigClass, acceptHours: c.acceptHours, handleHours: c.handleHours, replyHours: c.replyHours, active: c.active, sortOrder: c.sortOrder });

export function createServiceCategories({ database, clock }: Deps) {
  const { db } = database;

  function requireManage(actor: Actor): void {
    if (!canManageCategories(actor)) throw forbidden('auth.forbidden', 'Only service administrators set categories, time limits and working hours');
  }

  async function load(tx: DbOrTx, id: string, lock = false): Promise<CategoryRow> {
    const c = await categoryRepository.find(tx, id, lock);
    if (!c) throw notFound('service.category_not_found', 'Category not found');
    return c;
  }

  async function view(tx: DbOrTx, c: CategoryRow): Promise<CategoryOutT> {
    return out(c, (await categoryRepository.requestCounts(tx, c.id)).get(c.id) ?? 0);
  }

  async function workingHoursView(actor: Actor): Promise<Static<typeof WorkingHoursOut>> {
    const row = await categoryRepository.setting(db, WORKING_HOURS_KEY);
    const hours = await loadWorkingHours(db);
    return { periods: hours.periods, isDefault: !row, version: row?.version ?? 0, updatedAt: row?.updatedAt.toISOString() ?? null, actions: canManageCategories(actor) ? ['edit'] : [] };
  }

  return {
    /** Every category, active or not, in the order of the classes; the report forms show the active ones. */
    async list(actor: Actor): Promise<Static<typeof ServiceCategoryList>> {
      const [rows, counts] = await Promise.all([categoryRepository.list(db), categoryRepository.requestCounts(db)]);
      return { items: rows.map((c) => out(c, counts.get(c.id) ?? 0)), actions: canManageCategories(actor) ? ['create', 'edit'] : [] };
    },

    async create(actor: Actor, body: Static<typeof CreateServiceCategoryBody>): Promise<CategoryOutT> {
      requireManage(actor);
      const code = body.code.trim();
      checkFields(body, code);
      const row = await db.transaction(async (tx) => {
        if (await categoryRepository.findByCode(tx, code)) throw codeTaken(code);
        const now = clock.now();
        const row: CategoryRow = { id: newId(), code, name: body.name.trim(), nameEn: body.nameEn?.trim() || null, bigClass: body.bigClass.trim(), acceptHours: body.acceptHours, handleHours: body.handleHours, replyHours: body.replyHours, active: true, sortOrder: body.sortOrder ?? 0, isDemo: false, version: 1, createdAt: now, updatedAt: now };
        // A concurrent create of the same code meets the unique index: nothing inserted, answered like the check above.
        if (!(await categoryRepository.insertNew(tx, row))) throw codeTaken(code);
        await recordAudit(tx, clock, actor, { action: 'service_category.create', entityType: 'service_category', entityId: row.id, orgUnitId: actor.orgUnitId, after: snapshot(row) });
        return row;
      });
      return out(row, 0);
    },

    /** Name, limits, order and active; the code stays (hotline mappings and Open311 service codes name it). */
    async update(actor: Actor, id: string, body: Static<typeof UpdateServiceCategoryBody>): Promise<CategoryOutT> {
      requireManage(actor);
      checkFields(body);
      const row = await db.transaction(async (tx) => {
        const before = await load(tx, id, true);
        if (before.version !== body.expectedVersion) throw conflict('conflict.stale_version', 'The category was changed meanwhile; reload it', { currentVersion: before.version });
        const patch = { name: body.name.trim(), nameEn: body.nameEn?.trim() || null, bigClass: body.bigClass.trim(), acceptHours: body.acceptHours, handleHours: body.handleHours, replyHours: body.replyHours, active: body.active, sortOrder: body.sortOrder ?? before.sortOrder, updatedAt: clock.now() };
        const after = await categoryRepository.update(tx, id, before.version, patch);
        if (!after) throw conflict('conflict.stale_version', 'The category was changed meanwhile; reload it', { currentVersion: before.version + 1 });
        await recordAudit(tx, clock, actor, { action: 'service_category.update', entityType: 'service_category', entityId: id, orgUnitId: actor.orgUnitId, before: snapshot(before), after: snapshot(after) });
        return after;
      });
      return view(db, row);
    },

    /** Deletes a category no report was ever filed under; one in use is refused (deactivate it instead). */
    async remove(actor: Actor, id: string): Promise<void> {
      requireManage(actor);
      await db.transaction(async (tx) => {
        const c = await load(tx, id, true);
        const used = (await categoryRepository.requestCounts(tx, id)).get(id) ?? 0;
        if (used > 0) throw conflict('service.category_in_use', `${used} report(s) are filed under ${c.code}: deactivate it instead`, { requestCount: used });
        await categoryRepository.delete(tx, id);
        await recordAudit(tx, clock, actor, { action: 'service_category.delete', entityType: 'service_category', entityId: id, orgUnitId: actor.orgUnitId, before: snapshot(c) });
      });
    },

    workingHours: workingHoursView,

    /** The bureau's working periods: HH:MM, each ending after it starts, in order, not overlapping. */
    async saveWorkingHours(actor: Actor, body: Static<typeof SaveWorkingHoursBody>): Promise<Static<typeof WorkingHoursOut>> {
      requireManage(actor);
      const hours: WorkingHours = { periods: body.periods.map((p) => ({ start: p.start.trim(), end: p.end.trim() })) };
      const issues = validateWorkingHours(hours);
      if (issues.length) throw validationFailed(`${issues.length} problem(s) in the working hours`, issues);
      await db.transaction(async (tx) => {
        const before = await categoryRepository.setting(tx, WORKING_HOURS_KEY, true);
        const stale = () => conflict('conflict.stale_version', 'The working hours were changed meanwhile; reload them', { currentVersion: before?.version ?? 0 });
        if ((before?.version ?? 0) !== body.expectedVersion) throw stale();
        const now = clock.now();
        const value = { periods: hours.periods };
        const written = before
          ? await categoryRepository.updateSetting(tx, WORKING_HOURS_KEY, before.version, { value, updatedBy: actor.userId, updatedAt: now })
          : await categoryRepository.insertSetting(tx, { key: WORKING_HOURS_KEY, value, version: 1, updatedBy: actor.userId, updatedAt: now });
        if (!written) throw stale();
        await recordAudit(tx, clock, actor, { action: 'service_setting.update', entityType: 'service_setting', entityId: WORKING_HOURS_KEY, orgUnitId: actor.orgUnitId, before: before?.value ?? { periods: DEFAULT_WORKING_HOURS.periods, default: true }, after: value });
      });
      return workingHoursView(actor);
    },

    /** The working periods the due times and the board count in. */
    hours: (): Promise<WorkingHours> => loadWorkingHours(db),
  };
}

export type ServiceCategories = ReturnType<typeof createServiceCategories>;

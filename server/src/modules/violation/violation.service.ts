import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import { recordAudit } from '../audit';
import { checkPenalty, FIRST_OFFENCE_BASIS, itemIssues, type BandLevel, type ItemIssue, type PenaltyKind, type ViolationItemData } from './domain/item';
import { itemRevision, knownLaws } from './domain/laws';
import type { RowIssue } from './domain/workbook-rows';
import { violationRepository, type NewViolationItemRow, type ViolationItemRow, type ViolationVersionRow } from './violation.repository';
import type { CheckOut, ImportResult, ItemList, ItemOut, LawList, VersionList, VersionOut } from './violation.schemas';
import { MissingSheetError, readViolationWorkbook, writeViolationWorkbook } from './violation.workbook';

interface Deps {
  database: Database;
  clock: Clock;
}

const canManage = (actor: Actor) => actor.permissions.has('legal.manage');

export function toItemData(r: ViolationItemRow): ViolationItemData {
  return {
    code: r.code,
    name: r.name,
    partyTypes: r.partyTypes,
    violated: r.violated,
    penaltyBasis: r.penaltyBasis,
    statutory: r.statutory,
    bands: r.bands,
    firstOffenceExemption: r.firstOffenceExemption,
  };
}

/** What the search matches: code, name, both laws and articles. */
function searchText(d: ViolationItemData): string {
  return [d.code, d.name, d.violated.law, d.violated.article, d.penaltyBasis.law, d.penaltyBasis.article].join(' ');
}

/** Item rows of a version from plain items, in the given order. */
export function itemRows(versionId: string, items: readonly ViolationItemData[]): NewViolationItemRow[] {
  return items.map((d, ordinal) => ({ id: newId(), versionId, ordinal, ...d, searchText: searchText(d) }));
}

function invalidItem(code: string, issues: ItemIssue[]): AppError {
  return badRequest('violation.invalid_item', `${issues.length} problem(s) in item ${code}: ${issues.slice(0, 3).map((i) => `${i.field}: ${i.message}`).join('; ')}`, { issues });
}

function versionActions(actor: Actor, v: ViolationVersionRow): string[] {
  if (!canManage(actor)) return ['export'];
  return v.status === 'draft' ? ['export', 'newDraft', 'edit', 'publish'] : ['export', 'newDraft'];
}

export function createViolationService({ database, clock }: Deps) {
  const { db } = database;

  function versionOut(actor: Actor, v: ViolationVersionRow, itemCount: number): Static<typeof VersionOut> {
    return {
      id: v.id,
      label: v.label,
      status: v.status,
      effectiveFrom: v.effectiveFrom,
      baseVersionId: v.baseVersionId,
      note: v.note,
      isDemo: v.isDemo,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      itemCount,
      version: v.version,
      actions: versionActions(actor, v),
    };
  }

  function itemOut(actor: Actor, v: ViolationVersionRow, r: ViolationItemRow): Static<typeof ItemOut> {
    const data = toItemData(r);
    return {
      id: r.id,
      versionId: v.id,
      ...data,
      versionLabel: v.label,
      versionStatus: v.status,
      isDemo: v.isDemo,
      firstOffenceBasis: r.firstOffenceExemption ? FIRST_OFFENCE_BASIS : null,
      revision: itemRevision(data),
      actions: canManage(actor) && v.status === 'draft' ? ['edit', 'delete'] : [],
    };
  }

  async function loadVersion(tx: DbOrTx, id: string): Promise<ViolationVersionRow> {
    const v = await violationRepository.findVersion(tx, id);
    if (!v) throw notFound('violation.version_not_found', 'Violation catalogue version not found');
    return v;
  }

  /** The draft, locked for the rest of the transaction (concurrent writes to one draft wait for each other). */
  async function loadDraft(tx: DbOrTx, actor: Actor, id: string): Promise<ViolationVersionRow> {
    if (!canManage(actor)) throw forbidden('auth.forbidden', 'Only legal staff maintain the violation catalogue');
    const v = await violationRepository.lockVersion(tx, id);
    if (!v) throw notFound('violation.version_not_found', 'Violation catalogue version not found');
    if (v.status !== 'draft') throw conflict('violation.version_immutable', `Version ${v.label} is ${v.status} and cannot be changed; create a new draft`);
    return v;
  }

  async function versionView(actor: Actor, v: ViolationVersionRow) {
    const items = await violationRepository.itemsOf(db, v.id);
    return versionOut(actor, v, items.length);
  }

  async function checkNewVersion(tx: DbOrTx, label: string, effectiveFrom: string) {
    if (await violationRepository.findVersionByLabel(tx, label)) throw conflict('violation.label_taken', `Version ${label} exists`, { issues: [{ field: 'label', message: `Version ${label} exists`, code: 'already_exists', params: { label: '版本号', value: label } }] });
    const current = await violationRepository.currentPublished(tx);
    if (current && effectiveFrom < current.effectiveFrom) {
      throw badRequest('violation.effective_too_early', `A new version cannot come into force before the version in force (${current.effectiveFrom})`, {
        issues: [{ field: 'effectiveFrom', message: `not before ${current.effectiveFrom}`, code: 'date_too_early', params: { value: effectiveFrom, earliest: current.effectiveFrom } }],
      });
    }
  }

  return {
    async listVersions(actor: Actor): Promise<Static<typeof VersionList>> {
      const [versions, counts, current] = await Promise.all([violationRepository.listVersions(db), violationRepository.itemCounts(db), violationRepository.currentPublished(db)]);
      return {
        actions: canManage(actor) ? ['newDraft', 'import'] : [],
        currentId: current?.id ?? null,
        items: versions.map((v) => versionOut(actor, v, counts.get(v.id) ?? 0)),
      };
    },

    getVersion: async (actor: Actor, id: string) => versionView(actor, await loadVersion(db, id)),

    /** Items of a version (default: the published one) matching every word of `q` in code, name, law or article. */
    async listItems(actor: Actor, query: { versionId?: string | undefined; q?: string | undefined; limit?: number | undefined }): Promise<Static<typeof ItemList>> {
      const v = query.versionId ? await loadVersion(db, query.versionId) : ((await violationRepository.currentPublished(db)) ?? (await violationRepository.listVersions(db))[0]);
      if (!v) throw notFound('violation.version_not_found', 'No violation catalogue version yet');
      const [rows, all] = await Promise.all([violationRepository.searchItems(db, v.id, query.q, query.limit ?? 200), violationRepository.itemsOf(db, v.id)]);
      return { version: versionOut(actor, v, all.length), total: rows.length, items: rows.map((r) => itemOut(actor, v, r)) };
    },

    async getItem(actor: Actor, id: string): Promise<Static<typeof ItemOut>> {
      const r = await violationRepository.findItem(db, id);
      if (!r) throw notFound('violation.item_not_found', 'Violation not found');
      return itemOut(actor, await loadVersion(db, r.versionId), r);
    },

    /** A new draft: a copy of `fromVersionId`, by default of the published version (the catalogue evolves from it), empty when there is none. */
    async createDraft(actor: Actor, body: { label: string; effectiveFrom: string; note?: string | undefined; fromVersionId?: string | undefined }) {
      if (!canManage(actor)) throw forbidden('auth.forbidden', 'Only legal staff maintain the violation catalogue');
      const id = newId();
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        await checkNewVersion(tx, body.label, body.effectiveFrom);
        const from = body.fromVersionId ? await loadVersion(tx, body.fromVersionId) : await violationRepository.currentPublished(tx);
        const items = from ? (await violationRepository.itemsOf(tx, from.id)).map(toItemData) : [];
        const row: ViolationVersionRow = { id, label: body.label, status: 'draft', effectiveFrom: body.effectiveFrom, baseVersionId: from?.id ?? null, note: body.note ?? null, orgUnitId: actor.orgUnitId, isDemo: false, publishedAt: null, createdAt: now, updatedAt: now, version: 1 };
        await violationRepository.insertVersion(tx, row);
        await violationRepository.insertItems(tx, itemRows(id, items));
        await recordAudit(tx, clock, actor, { action: 'violation.version.create', entityType: 'violation_version', entityId: id, orgUnitId: actor.orgUnitId, after: { label: row.label, effectiveFrom: row.effectiveFrom, from: from?.label ?? null, items: items.length } });
        return row;
      });
      return versionView(actor, row);
    },

    /** The laws an item may cite: those whose text the project holds and those already cited. */
    async listLaws(): Promise<Static<typeof LawList>> {
      return { items: knownLaws(await violationRepository.citedLaws(db)) };
    },

    /**
     * Adds or changes one item of a draft; the item must be lawful (bands inside the statutory range, rising).
     * `revision`: the one the editor loaded (a different stored one → 409, never a lost update); null: the item
     * must be new (an existing code → 409); absent: no check (scripts that mean to overwrite).
     */
    async saveItem(actor: Actor, versionId: string, code: string, body: Omit<ViolationItemData, 'code'> & { revision?: string | null | undefined }): Promise<Static<typeof ItemOut>> {
      const { revision, ...fields } = body;
      const data: ViolationItemData = { ...fields, code };
      const issues = itemIssues(data);
      if (issues.length) throw invalidItem(code, issues);
      const saved = await db.transaction(async (tx) => {
        const v = await loadDraft(tx, actor, versionId);
        const existing = await violationRepository.findItemByCode(tx, v.id, code);
        if (revision === null && existing) {
          throw conflict('violation.item_exists', `Item ${code} exists in ${v.label}`, { issues: [{ field: 'code', message: `Item ${code} exists`, code: 'already_exists', params: { label: '编码', value: code } }] });
        }
        if (typeof revision === 'string') {
          const current = existing ? itemRevision(toItemData(existing)) : null;
          if (current !== revision) throw conflict('conflict.stale_version', existing ? `Item ${code} was changed by someone else; reload it` : `Item ${code} was deleted meanwhile; reload`, { currentRevision: current });
        }
        if (existing) {
          await violationRepository.updateItem(tx, existing.id, { ...data, searchText: searchText(data) });
        } else {
          const ordinal = (await violationRepository.itemsOf(tx, v.id)).length;
          await violationRepository.insertItems(tx, [{ ...itemRows(v.id, [data])[0]!, ordinal }]);
        }
        await recordAudit(tx, clock, actor, {
          action: existing ? 'violation.item.update' : 'violation.item.create',
          entityType: 'violation_item',
          entityId: `${v.id}:${code}`,
          orgUnitId: v.orgUnitId,
          before: existing ? toItemData(existing) : null,
          after: data,
        });
        return { v, row: (await violationRepository.findItemByCode(tx, v.id, code))! };
      });
      return itemOut(actor, saved.v, saved.row);
    },

    async deleteItem(actor: Actor, versionId: string, code: string) {
      await db.transaction(async (tx) => {
        const v = await loadDraft(tx, actor, versionId);
        const existing = await violationRepository.findItemByCode(tx, v.id, code);
        if (!existing) throw notFound('violation.item_not_found', `No item ${code} in ${v.label}`);
        await violationRepository.deleteItem(tx, existing.id);
        await recordAudit(tx, clock, actor, { action: 'violation.item.delete', entityType: 'violation_item', entityId: `${v.id}:${code}`, orgUnitId: v.orgUnitId, before: toItemData(existing) });
      });
    },

    /** Publishing freezes the draft (every item re-checked) and supersedes the published version. */
    async publish(actor: Actor, versionId: string) {
      const published = await db.transaction(async (tx) => {
        const v = await loadDraft(tx, actor, versionId);
        const items = await violationRepository.itemsOf(tx, v.id);
        if (items.length === 0) throw badRequest('violation.empty', 'An empty version cannot be published');
        const issues = items.flatMap((r) => itemIssues(toItemData(r)).map((i) => ({ ...i, field: `${r.code}.${i.field}` })));
        if (issues.length) throw invalidItem(v.label, issues);
        const current = await violationRepository.currentPublished(tx);
        if (current && v.effectiveFrom < current.effectiveFrom) {
          throw badRequest('violation.effective_too_early', `A new version cannot come into force before the version in force (${current.effectiveFrom})`, {
            issues: [{ field: 'effectiveFrom', message: `not before ${current.effectiveFrom}`, code: 'date_too_early', params: { value: v.effectiveFrom, earliest: current.effectiveFrom } }],
          });
        }
        const now = clock.now();
        if (current) await violationRepository.setVersionStatus(tx, current.id, 'superseded', { updatedAt: now, version: current.version + 1 });
        const row = await violationRepository.setVersionStatus(tx, v.id, 'published', { publishedAt: now, updatedAt: now, version: v.version + 1 });
        await recordAudit(tx, clock, actor, { action: 'violation.version.publish', entityType: 'violation_version', entityId: v.id, orgUnitId: v.orgUnitId, after: { label: v.label, effectiveFrom: v.effectiveFrom, items: items.length, supersedes: current?.label ?? null } });
        return row!;
      });
      return versionView(actor, published);
    },

    async exportWorkbook(versionId: string): Promise<{ fileName: string; data: Buffer }> {
      const v = await loadVersion(db, versionId);
      const items = (await violationRepository.itemsOf(db, v.id)).map(toItemData);
      const data = await writeViolationWorkbook({ label: v.label, status: v.status, effectiveFrom: v.effectiveFrom, note: v.note, isDemo: v.isDemo }, items);
      return { fileName: `违法行为与裁量基准-${v.label}.xlsx`, data };
    },

    template: async () => ({ fileName: '违法行为与裁量基准-模板.xlsx', data: await writeViolationWorkbook(null, []) }),

    /**
     * Imports a workbook as a new draft. Every row is checked first (as the API checks an item); on any problem
     * nothing is written and every problem comes back with its row, column and reason.
     */
    async importWorkbook(actor: Actor, params: { label: string; effectiveFrom: string; note?: string | undefined; dryRun?: boolean | undefined }, file: Buffer): Promise<Static<typeof ImportResult>> {
      if (!canManage(actor)) throw forbidden('auth.forbidden', 'Only legal staff maintain the violation catalogue');
      let parsed;
      try {
        parsed = await readViolationWorkbook(file);
      } catch (e) {
        if (e instanceof MissingSheetError) {
          const issue: RowIssue = { row: 0, column: '', itemCode: '', field: 'file', message: e.message, code: 'sheet_missing', params: { sheet: e.sheet, sheets: e.sheets.join('、') || '-' } };
          throw badRequest('violation.import_unreadable', e.message, { issues: [issue] });
        }
        throw e;
      }
      if (parsed.issues.length) {
        const first = parsed.issues.slice(0, 3).map((i) => i.message).join('; ');
        throw badRequest('violation.import_invalid', `${parsed.issues.length} problem(s) in the workbook: ${first}`, { issues: parsed.issues });
      }
      const items = parsed.items.map(({ row: _row, ...d }) => d);
      if (params.dryRun) return { dryRun: true, items: items.length, version: null };
      const id = newId();
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        await checkNewVersion(tx, params.label, params.effectiveFrom);
        const row: ViolationVersionRow = { id, label: params.label, status: 'draft', effectiveFrom: params.effectiveFrom, baseVersionId: null, note: params.note ?? null, orgUnitId: actor.orgUnitId, isDemo: false, publishedAt: null, createdAt: now, updatedAt: now, version: 1 };
        await violationRepository.insertVersion(tx, row);
        await violationRepository.insertItems(tx, itemRows(id, items));
        await recordAudit(tx, clock, actor, { action: 'violation.version.import', entityType: 'violation_version', entityId: id, orgUnitId: actor.orgUnitId, after: { label: row.label, effectiveFrom: row.effectiveFrom, items: items.length } });
        return row;
      });
      return { dryRun: false, items: items.length, version: await versionView(actor, row) };
    },

    /** The item of the version in force on the act date (for the case module and the check). */
    async itemInForce(code: string, actDate: string): Promise<{ version: ViolationVersionRow; item: ViolationItemData & { id: string } }> {
      const v = await violationRepository.inForceOn(db, actDate);
      if (!v) throw notFound('violation.no_version_in_force', `No violation catalogue is in force on ${actDate}`);
      const r = await violationRepository.findItemByCode(db, v.id, code);
      if (!r) throw notFound('violation.item_not_found', `No item ${code} in version ${v.label} (in force on ${actDate})`);
      return { version: v, item: { id: r.id, ...toItemData(r) } };
    },

    async check(body: { code: string; actDate: string; band: BandLevel; kind: PenaltyKind; amount?: number | null | undefined; baseAmount?: number | null | undefined }): Promise<Static<typeof CheckOut>> {
      const { version, item } = await this.itemInForce(body.code, body.actDate);
      const r = checkPenalty(item, body.band, { kind: body.kind, amount: body.amount, baseAmount: body.baseAmount });
      return { ...r, versionId: version.id, versionLabel: version.label, itemId: item.id };
    },
  };
}
export type ViolationService = ReturnType<typeof createViolationService>;

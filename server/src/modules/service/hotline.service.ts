/**
 * 12345 hotline work orders (issue 13 §6): the hotline's Excel export is checked row by row (preview), then each
 * new order becomes a request through the core's `submit` (source `hotline`, externalRef = 工单编号, the call time
 * as its submission time), so it is routed, timed and replied to like any report. A re-import of the same file
 * creates nothing: 工单编号 already imported are left as they are. The replies go back in the same format.
 */
import type { Static } from 'typebox';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import { recordAudit } from '../audit';
import { categoryResolver, formatBeijing, parseMappingRows, parseOrderRows, type CategoryRef, type HotlineIssue, type HotlineOrder } from './domain/hotline-rows';
import { hotlineRepository as repo, MAPPING_KEY } from './hotline.repository';
import type { HotlineImportResult, MappingBody, MappingOut, MeasuresOut, MeasuresQuery } from './hotline.schemas';
import { readHotlineWorkbook, sheetMissing, writeHotlineWorkbook, type ExportRow } from './hotline.workbook';
import { measuresOf } from './service.measures';

type ImportResult = Static<typeof HotlineImportResult>;

/** What the hotline needs from the core: creating a request (routing, due times, timeline, audit). */
export interface HotlineSubmitter {
  submit(
    input: { categoryId: string; description: string; lat?: number; lon?: number; address?: string; contactName?: string; contactPhone?: string },
    source: 'hotline',
    actor: Actor | null,
    opts: { externalRef: string; submittedAt: Date },
  ): Promise<{ id: string; trackingCode: string }>;
}

const STATE_WORDS: Record<string, string> = {
  submitted: '待受理',
  dispatched: '已派遣',
  handling: '处置中',
  handled: '已处置',
  replied: '已回复',
  closed: '已办结',
  rejected: '不予受理',
  merged: '已合并',
  suspended: '挂起',
};
const SATISFACTION_WORDS: Record<string, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };

const DAY_MS = 86_400_000;
/** 00:00 Beijing time of a civil day. */
const dayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 8 * 3_600_000);

const uniqueViolation = (e: unknown): boolean => {
  const x = e as { code?: string; cause?: { code?: string } };
  return x?.code === '23505' || x?.cause?.code === '23505';
};

export function createHotlineService(deps: { database: Database; clock: Clock; requests: HotlineSubmitter }) {
  const db = deps.database.db;

  /** Saved mapping + the workbook's 类别对照 sheet (the sheet wins for its words). */
  async function check(buf: Buffer): Promise<{ sheet: string; orders: HotlineOrder[]; issues: HotlineIssue[]; categories: CategoryRef[] }> {
    const [book, categories, saved] = await Promise.all([readHotlineWorkbook(buf), repo.categories(db), repo.mapping(db)]);
    if (!book.orders) return { sheet: '', orders: [], issues: [sheetMissing(book.names)], categories };
    const byId = new Map(categories.map((c) => [c.id, c]));
    const mapping = new Map<string, string>();
    for (const i of saved.items) {
      const c = byId.get(i.categoryId);
      if (c) mapping.set(i.word, c.code);
    }
    const fromSheet = book.mapping ? parseMappingRows(book.mapping, categories) : { mapping: new Map<string, string>(), issues: [] };
    for (const [w, target] of fromSheet.mapping) mapping.set(w, target);
    const parsed = parseOrderRows(book.orders.name, book.orders.rows, categoryResolver(categories, mapping), deps.clock.now());
    return { sheet: book.orders.name, orders: parsed.orders, issues: [...fromSheet.issues, ...parsed.issues], categories };
  }

  async function getMapping(): Promise<Static<typeof MappingOut>> {
    const [saved, categories] = await Promise.all([repo.mapping(db), repo.categories(db)]);
    const byId = new Map(categories.map((c) => [c.id, c]));
    return {
      version: saved.version,
      items: saved.items.flatMap((i) => {
        const c = byId.get(i.categoryId);
        return c ? [{ word: i.word, categoryId: c.id, categoryCode: c.code, categoryName: c.name, active: c.active }] : [];
      }),
      updatedAt: saved.updatedAt?.toISOString() ?? null,
      categories: categories.filter((c) => c.active).map((c) => ({ id: c.id, code: c.code, name: c.name, bigClass: c.bigClass })),
    };
  }

  return {
    getMapping,

    async template(): Promise<{ fileName: string; data: Buffer }> {
      return { fileName: '12345工单导入模板.xlsx', data: await writeHotlineWorkbook((await repo.categories(db)).filter((c) => c.active), null) };
    },

    /**
     * Checks a workbook and, unless dryRun, creates its new orders. Any problem in any row: nothing is written
     * (the preview lists them all; the apply refuses with 400 service.hotline_import_invalid, details.issues).
     */
    async importWorkbook(actor: Actor, buf: Buffer, dryRun: boolean): Promise<ImportResult> {
      const { sheet, orders, issues, categories } = await check(buf);
      const unmappedWords = [...new Set(issues.filter((i) => i.code === 'category_unknown').map((i) => String(i.params?.value ?? '')))];
      const existing = await repo.existingOrders(
        db,
        orders.map((o) => o.orderNo),
      );
      const cat = new Map(categories.map((c) => [c.id, c]));
      const rows: ImportResult['rows'] = orders.map((o) => {
        const known = existing.get(o.orderNo);
        return {
          row: o.row,
          orderNo: o.orderNo,
          calledAt: o.calledAt.toISOString(),
          categoryWord: o.categoryWord,
          categoryCode: cat.get(o.categoryId)?.code ?? '',
          categoryName: cat.get(o.categoryId)?.name ?? '',
          address: o.address,
          action: known ? 'exists' : 'create',
          routing: o.lon === null ? 'city_desk' : 'location',
          requestId: known?.id ?? null,
          trackingCode: known?.trackingCode ?? null,
        };
      });
      const fresh = orders.filter((o) => !existing.has(o.orderNo));
      const result: ImportResult = {
        dryRun,
        sheet,
        total: orders.length,
        toCreate: fresh.length,
        existing: orders.length - fresh.length,
        toCityDesk: fresh.filter((o) => o.lon === null).length,
        created: 0,
        unmappedWords,
        issues,
        rows,
      };
      if (dryRun) return result;
      if (issues.length) throw badRequest('service.hotline_import_invalid', `The workbook has ${issues.length} problem(s); nothing was imported`, { issues });
      for (const o of fresh) {
        let made: { id: string; trackingCode: string };
        try {
          made = await deps.requests.submit(
            {
              categoryId: o.categoryId,
              description: o.description,
              ...(o.lon !== null && o.lat !== null ? { lon: o.lon, lat: o.lat } : {}),
              address: o.address,
              ...(o.contactName ? { contactName: o.contactName } : {}),
              ...(o.contactPhone ? { contactPhone: o.contactPhone } : {}),
            },
            'hotline',
            actor,
            { externalRef: o.orderNo, submittedAt: o.calledAt },
          );
        } catch (e) {
          // Another import of the same order committed meanwhile: it exists, which is what this one wanted.
          if (uniqueViolation(e)) {
            const again = (await repo.existingOrders(db, [o.orderNo])).get(o.orderNo);
            const row = rows.find((r) => r.orderNo === o.orderNo)!;
            Object.assign(row, { action: 'exists', requestId: again?.id ?? null, trackingCode: again?.trackingCode ?? null });
            result.toCreate--;
            result.existing++;
            continue;
          }
          if (e instanceof AppError) throw new AppError(e.status, e.code, `Row ${o.row} (工单编号 ${o.orderNo}): ${e.message}; the rows before it were imported, import the file again for the rest`, { ...(e.details as object), row: o.row, created: result.created });
          throw e;
        }
        if (o.deadline) await repo.tightenHandleDue(db, made.id, o.deadline);
        const row = rows.find((r) => r.orderNo === o.orderNo)!;
        row.requestId = made.id;
        row.trackingCode = made.trackingCode;
        result.created++;
      }
      await recordAudit(db, deps.clock, actor, {
        action: 'service_hotline.import',
        entityType: 'service_hotline_import',
        entityId: newId(),
        orgUnitId: actor.orgUnitId,
        after: { sheet, total: result.total, created: result.created, existing: result.existing, toCityDesk: result.toCityDesk },
      });
      return result;
    },

    /** The hotline orders called from `from` to `to` (Beijing days, both included) in the import format plus the reply columns. */
    async exportWorkbook(q: { from: string; to: string }): Promise<{ fileName: string; data: Buffer }> {
      const from = dayStart(q.from);
      const to = new Date(dayStart(q.to).getTime() + DAY_MS);
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) throw badRequest('service.hotline_period_invalid', 'The period ends before it starts', { issues: [{ field: 'to', message: 'before from' }] });
      if (to.getTime() - from.getTime() > 366 * DAY_MS) throw badRequest('service.hotline_period_invalid', 'Export at most a year at a time', { issues: [{ field: 'to', message: 'more than a year after from' }] });
      const rows = await repo.exportRows(db, from, to);
      const out: ExportRow[] = rows.map((x) => ({
        orderNo: x.externalRef ?? '',
        calledAt: formatBeijing(x.submittedAt),
        category: x.categoryName,
        description: x.description,
        address: x.address ?? '',
        coordinates: x.lon !== null && x.lat !== null ? `${x.lon},${x.lat}` : '',
        contactName: x.contactName ?? '',
        contactPhone: x.contactPhone ?? '',
        deadline: x.handleDueAt ? formatBeijing(x.handleDueAt) : '',
        state: STATE_WORDS[x.state] ?? x.state,
        result: x.replyText ?? x.handlingNote ?? '',
        repliedAt: x.repliedAt ? formatBeijing(x.repliedAt) : '',
        unit: x.unitName ?? '市级受理台',
        satisfaction: x.satisfaction ? (SATISFACTION_WORDS[x.satisfaction] ?? x.satisfaction) : '',
      }));
      const categories = (await repo.categories(db)).filter((c) => c.active);
      return { fileName: `12345工单办理结果_${q.from}_${q.to}.xlsx`, data: await writeHotlineWorkbook(categories, out) };
    },

    /** Replaces the saved mapping (hotline word → category); optimistic version, audited. */
    async saveMapping(actor: Actor, body: Static<typeof MappingBody>): Promise<Static<typeof MappingOut>> {
      const categories = new Map((await repo.categories(db)).map((c) => [c.id, c]));
      const seen = new Set<string>();
      const issues: { field: string; message: string }[] = [];
      body.items.forEach((i, n) => {
        const w = i.word.trim();
        if (!w) issues.push({ field: `items.${n}.word`, message: 'empty' });
        else if (seen.has(w)) issues.push({ field: `items.${n}.word`, message: `"${w}" is mapped twice` });
        seen.add(w);
        if (!categories.has(i.categoryId)) issues.push({ field: `items.${n}.categoryId`, message: 'no such category' });
      });
      if (issues.length) throw badRequest('service.hotline_mapping_invalid', 'The mapping names a word twice, an empty word or an unknown category', { issues });
      const items = body.items.map((i) => ({ word: i.word.trim(), categoryId: i.categoryId }));
      await deps.database.db.transaction(async (tx) => {
        const before = await repo.mapping(tx);
        if (!(await repo.saveMapping(tx, body.version, items, actor.userId, deps.clock.now()))) throw conflict('service.hotline_mapping_stale', 'Someone changed the mapping meanwhile; reload it');
        await recordAudit(tx, deps.clock, actor, { action: 'service_hotline.mapping', entityType: 'service_setting', entityId: MAPPING_KEY, orgUnitId: actor.orgUnitId, before: { items: before.items }, after: { items } });
      });
      return getMapping();
    },

    /** Response on time and satisfaction of a unit (default: the actor's) over [from, to] (Beijing days). */
    async measures(actor: Actor, q: Static<typeof MeasuresQuery>): Promise<Static<typeof MeasuresOut>> {
      const unit = await repo.unit(db, q.orgUnitId ?? actor.orgUnitId);
      if (!unit || !unit.path.startsWith(actor.scopePath)) throw notFound('org.unit_not_found', 'Unit not found');
      const from = dayStart(q.from);
      const to = new Date(dayStart(q.to).getTime() + DAY_MS);
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) throw badRequest('service.hotline_period_invalid', 'The period ends before it starts', { issues: [{ field: 'to', message: 'before from' }] });
      const now = deps.clock.now();
      const counts = await repo.measureCounts(db, unit.path, from, to, to < now ? to : now);
      return { orgUnitId: unit.id, orgUnitName: unit.name, from: q.from, to: q.to, ...measuresOf(counts) };
    },
  };
}

export type HotlineService = ReturnType<typeof createHotlineService>;

import { Readable } from 'node:stream';
import path from 'node:path';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, forbidden, notFound, validationFailed, type FieldIssue } from '../../platform/errors';
import type { FieldIssueCode } from '../../platform/validation';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import { BlobCorruptedError, BlobMissingError, BlobTooLargeError, sniffMatches, type BlobStore } from '../../platform/blob-store';
import { recordAudit } from '../audit';
import { findUserUnit } from '../identity';
import { idNumberProblem, maskIdNumber, normalizeIdNumber } from './domain/id-number';
import { addDays, certificateState, ENTITY_OF, shanghaiDay, type Ledger } from './domain/ledger-kinds';
import { keyString, LEDGER_SHEETS, parseLedgerRows, type ParsedRecord, type RowIssue, type Value } from './domain/workbook-rows';
import { canManageLedger, canManageRoomTypes, canReadLedger, canRevealIdNumber } from './ledger.policy';
import { ledgerRepository, type NewRowOf, type PhotoRow, type RowOf, type UnitRef, type WithUnit } from './ledger.repository';
import { ledgerOverview } from './ledger.facts';
import { MissingSheetError, readLedgerWorkbook, WorkbookError, writeLedgerWorkbook } from './ledger.workbook';
import { fieldProblem } from './ledger.fields';
import { dateProblem } from './domain/date-bounds';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const IMPORT_BATCH = 500;
type ReadSheet = Awaited<ReturnType<typeof readLedgerWorkbook>>;
const PHOTO_TYPES: Record<string, string[]> = { 'image/jpeg': ['.jpg', '.jpeg'], 'image/png': ['.png'], 'image/webp': ['.webp'] };

interface Deps {
  database: Database;
  clock: Clock;
  blobs: BlobStore;
  /** Called after a committed change with the teams whose ledgers changed (e.g. to recompute computed items). */
  onChanged?: ((orgUnitIds: string[]) => Promise<void>) | undefined;
}

type Body = Record<string, unknown>;
type AnyRow = RowOf<Ledger>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const str = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

/** A refused photo upload as an issue on the `file` field, so the web can say why with the limits in its text. */
const photoIssue = (message: string, code: FieldIssueCode, params?: Record<string, string | number>): FieldIssue => ({ field: 'file', message, code, ...(params ? { params } : {}) });
const PHOTO_TYPE_NAMES = 'JPG / PNG / WebP';
function photoTooLarge(): AppError {
  const limit = MAX_PHOTO_BYTES / 1024 / 1024;
  const message = `Photos are limited to ${limit} MB`;
  return new AppError(413, 'ledger.photo_too_large', message, { issues: [photoIssue(message, 'photo_too_large', { limit })] });
}

/** The code of an unreadable workbook's report line: the template sheet is missing (the only WorkbookError there is). */
function sheetIssue(e: WorkbookError): Pick<RowIssue, 'code' | 'params'> {
  return e instanceof MissingSheetError ? { code: 'sheet_missing', params: { sheet: e.sheet, sheets: e.sheets.join('、') || '-' } } : { code: 'invalid' };
}

export function createLedgerService({ database, clock, blobs, onChanged }: Deps) {
  const { db } = database;
  const today = () => shanghaiDay(clock.now());
  const changed = async (unitIds: string[]) => {
    if (onChanged) await onChanged([...new Set(unitIds)]).catch(() => undefined);
  };

  /** The unit a list or export covers: the given one if readable, else the actor's own. */
  async function readableUnit(actor: Actor, orgUnitId: string | undefined): Promise<UnitRef> {
    const unit = await ledgerRepository.findUnit(db, orgUnitId ?? actor.orgUnitId);
    if (!unit || !canReadLedger(actor, unit.path)) throw notFound('org.unit_not_found', 'Org unit not found');
    return unit;
  }

  /** A team whose ledger the actor manages (404 when not even readable, 403 when read-only). */
  async function managedTeam(tx: DbOrTx, actor: Actor, orgUnitId: string, field = 'orgUnitId'): Promise<UnitRef> {
    const unit = await ledgerRepository.findUnit(tx, orgUnitId);
    if (!unit || !canReadLedger(actor, unit.path)) throw notFound('org.unit_not_found', 'Org unit not found');
    if (!canManageLedger(actor, unit.path)) throw forbidden('ledger.read_only', 'You may read but not change this ledger');
    if (unit.kind !== 'team') throw validationFailed('Ledgers belong to a street team', [{ field, message: `${unit.name} is not a street team` }]);
    return unit;
  }

  async function loadReadable<L extends Ledger>(tx: DbOrTx, actor: Actor, ledger: L, id: string): Promise<WithUnit<RowOf<L>>> {
    const found = await ledgerRepository.find(tx, ledger, id);
    // Out of scope answers exactly like missing: other teams' records are not disclosed.
    if (!found || !canReadLedger(actor, found.unitPath)) throw notFound(`ledger.${ENTITY_OF[ledger]}_not_found`, `No such ${ENTITY_OF[ledger]}`);
    return found;
  }
  async function loadManaged<L extends Ledger>(tx: DbOrTx, actor: Actor, ledger: L, id: string): Promise<WithUnit<RowOf<L>>> {
    const found = await loadReadable(tx, actor, ledger, id);
    if (!canManageLedger(actor, found.unitPath)) throw forbidden('ledger.read_only', 'You may read but not change this ledger');
    return found;
  }

  function rowActions(actor: Actor, ledger: Ledger, unitPath: string): string[] {
    if (!canManageLedger(actor, unitPath)) return [];
    const a = ['edit'];
    if (ledger === 'persons') a.push('revealIdNumber');
    if (ledger === 'assets') a.push('transfer');
    if (ledger === 'rooms' || ledger === 'signage') a.push('uploadPhoto');
    return a;
  }
  const listActions = (actor: Actor, unit: UnitRef) => ['export', ...(canManageLedger(actor, unit.path) ? ['create', 'import', 'template'] : ['template'])];

  const photoOut = (p: PhotoRow) => ({ id: p.id, fileName: p.fileName, mimeType: p.mimeType, sha256: p.sha256, sizeBytes: p.sizeBytes, uploadedAt: p.uploadedAt.toISOString(), url: `/api/ledger/photos/${p.id}` });

  /** API shape of rows of one ledger, with names of referenced units, offices, persons and photos. */
  async function present(tx: DbOrTx, actor: Actor, ledger: Ledger, items: WithUnit<AnyRow>[], opts: { reveal?: boolean } = {}) {
    const ids = items.map((i) => i.row.id);
    const photos = ledger === 'rooms' || ledger === 'signage' ? await ledgerRepository.photosOf(tx, ids) : [];
    const officeIds = ledger === 'rooms' ? items.map((i) => (i.row as RowOf<'rooms'>).officeId).filter((x): x is string => !!x) : [];
    const personIds = ledger === 'assets' ? items.map((i) => (i.row as RowOf<'assets'>).assignedPersonId).filter((x): x is string => !!x) : [];
    const offices = new Map((await ledgerRepository.officesByIds(tx, [...new Set(officeIds)])).map((o) => [o.id, o.name]));
    const persons = new Map((await ledgerRepository.personsByIds(tx, [...new Set(personIds)])).map((p) => [p.id, p.name]));
    const day = today();
    return items.map(({ row, unitName, unitCode, unitPath }) => {
      const base = { id: row.id, orgUnitId: row.orgUnitId, orgUnitName: unitName, orgUnitCode: unitCode, isDemo: row.isDemo, version: row.version, updatedAt: row.updatedAt.toISOString(), actions: rowActions(actor, ledger, unitPath) };
      switch (ledger) {
        case 'persons': {
          const p = row as RowOf<'persons'>;
          const { idNumber, createdAt: _c, updatedAt: _u, ...rest } = p;
          return { ...rest, ...base, idNumber: opts.reveal ? idNumber : maskIdNumber(idNumber), idNumberMasked: !opts.reveal, certificateState: certificateState(p, day) };
        }
        case 'rooms': {
          const r = row as RowOf<'rooms'>;
          const { createdAt: _c, updatedAt: _u, ...rest } = r;
          return { ...rest, ...base, officeName: r.officeId ? (offices.get(r.officeId) ?? null) : null, photos: photos.filter((p) => p.entityId === r.id).map(photoOut) };
        }
        case 'signage': {
          const { createdAt: _c, updatedAt: _u, ...rest } = row as RowOf<'signage'>;
          return { ...rest, ...base, photos: photos.filter((p) => p.entityId === row.id).map(photoOut) };
        }
        case 'assets': {
          const a = row as RowOf<'assets'>;
          const { createdAt: _c, updatedAt: _u, ...rest } = a;
          return { ...rest, ...base, assignedPersonName: a.assignedPersonId ? (persons.get(a.assignedPersonId) ?? null) : null };
        }
        default: {
          const { createdAt: _c, updatedAt: _u, ...rest } = row as RowOf<'offices'>;
          return { ...rest, ...base };
        }
      }
    });
  }

  /**
   * Checks a create or patch that plain schema validation cannot: ID-number check digit, certificate
   * dates, room type, references within the same team, natural-key duplicates (409).
   */
  async function checkRecord(tx: DbOrTx, ledger: Ledger, orgUnitId: string, merged: Body, selfId: string | null): Promise<void> {
    const issues: FieldIssue[] = [];
    // The issue names the field for the form; its text is the translated error itself (ledger.duplicate_*).
    const dup = (field: string, message: string) => conflict(`ledger.duplicate_${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, message, { field, issues: [{ field, message }] });
    // Date bounds beyond the schema's format, shared with the imports (domain/date-bounds.ts).
    const day = today();
    const dates = Object.entries(merged).flatMap(([field, v]) => {
      const problem = dateProblem(field, v, day);
      return problem ? [{ field, ...problem }] : [];
    });
    if (dates.length) throw validationFailed(`Invalid ${ENTITY_OF[ledger]}`, dates);
    if (ledger === 'persons') {
      const p = idNumberProblem(String(merged.idNumber));
      if (p) issues.push({ field: 'idNumber', ...p });
      if (merged.certificateNo && !merged.certificateExpiresOn) issues.push({ field: 'certificateExpiresOn', message: 'required when certificateNo is given', code: 'certificate_expiry_required' });
      if (merged.certificateIssuedOn && merged.certificateExpiresOn && String(merged.certificateExpiresOn) < String(merged.certificateIssuedOn)) issues.push({ field: 'certificateExpiresOn', message: 'expiry is before the issue date', code: 'expiry_before_issue' });
      if (merged.kind === 'auxiliary' && merged.certificateNo) issues.push({ field: 'certificateNo', message: 'an auxiliary (协管员) holds no 执法证', code: 'auxiliary_no_certificate' });
      if (merged.userId) {
        // A person is linked only to an account of the same team (or a unit below it): never to another team's user.
        const u = await findUserUnit(tx, String(merged.userId));
        if (!u || !u.orgUnitPath.includes(`/${orgUnitId}/`)) issues.push({ field: 'userId', message: 'no such user in this team', code: 'user_not_in_team' });
      }
      if (issues.length) throw validationFailed('Invalid person', issues);
      const other = await ledgerRepository.findPersonByIdNumber(tx, String(merged.idNumber));
      if (other && other.id !== selfId) throw dup('idNumber', 'A person with this ID number is already registered');
      if (merged.certificateNo) {
        const c = await ledgerRepository.findPersonByCertificate(tx, String(merged.certificateNo));
        if (c && c.id !== selfId) throw dup('certificateNo', `执法证号 ${String(merged.certificateNo)} is already registered`);
      }
    }
    if (ledger === 'rooms') {
      if (!(await ledgerRepository.findRoomType(tx, String(merged.type)))) issues.push({ field: 'type', message: `unknown room type "${String(merged.type)}"`, code: 'room_type_unknown', params: { type: String(merged.type) } });
      if (merged.officeId) {
        const o = (await ledgerRepository.officesByIds(tx, [String(merged.officeId)]))[0];
        if (!o || o.orgUnitId !== orgUnitId) issues.push({ field: 'officeId', message: 'no such office in this team', code: 'office_not_in_team' });
      }
      if (issues.length) throw validationFailed('Invalid room', issues);
      const names = await ledgerRepository.roomNamesOf(tx, [orgUnitId]);
      const me = selfId ? (await ledgerRepository.find(tx, 'rooms', selfId))?.row.name : null;
      if (names.some((n) => n.v === merged.name && n.v !== me)) throw dup('name', `This team already has a room named ${String(merged.name)}`);
    }
    if (ledger === 'offices') {
      const names = await ledgerRepository.officeNamesOf(tx, [orgUnitId]);
      const me = selfId ? (await ledgerRepository.find(tx, 'offices', selfId))?.row.name : null;
      if (names.some((n) => n.v === merged.name && n.v !== me)) throw dup('name', `This team already has an office named ${String(merged.name)}`);
    }
    if (ledger === 'signage') {
      const keys = await ledgerRepository.signageKeysOf(tx, [orgUnitId]);
      const me = selfId ? (await ledgerRepository.find(tx, 'signage', selfId))?.row : null;
      if (keys.some((k) => k.type === merged.type && k.location === merged.location && !(me && me.type === k.type && me.location === k.location))) throw dup('location', 'This sign is already registered at this location');
    }
    if (ledger === 'assets') {
      if (merged.assignedPersonId) {
        const p = (await ledgerRepository.personsByIds(tx, [String(merged.assignedPersonId)]))[0];
        if (!p || p.orgUnitId !== orgUnitId) throw validationFailed('Invalid asset', [{ field: 'assignedPersonId', message: 'no such person in this team', code: 'person_not_in_team' }]);
      }
      const other = await ledgerRepository.findAssetBySerial(tx, String(merged.serial));
      if (other && other.id !== selfId) throw dup('serial', `An asset with serial ${String(merged.serial)} is already registered`);
    }
  }

  /** Defaults of a new record (the schema leaves optional fields out). */
  function withDefaults(ledger: Ledger, body: Body): Body {
    const d: Record<Ledger, Body> = {
      persons: { position: null, certificateNo: null, certificateIssuedOn: null, certificateExpiresOn: null, trainingHours: 0, partyMember: false, uniformIssuedOn: null, status: 'active', userId: null, note: null },
      offices: { lon: null, lat: null, floor: 1, independent: false, note: null },
      rooms: { officeId: null, note: null },
      signage: { note: null },
      assets: { model: null, plate: null, terminalNo: null, deviceId: null, assignedPersonId: null, status: 'in_use', acquiredOn: null, note: null },
    };
    const out = { ...d[ledger], ...body };
    if (ledger === 'persons' && typeof out.idNumber === 'string') out.idNumber = normalizeIdNumber(out.idNumber);
    return out;
  }

  /** Audit payload: never the full ID number. */
  const auditable = (ledger: Ledger, row: Body | null) => (row && ledger === 'persons' && typeof row.idNumber === 'string' ? { ...row, idNumber: maskIdNumber(row.idNumber) } : row);

  async function photoOwner(tx: DbOrTx, actor: Actor, ledger: 'rooms' | 'signage', id: string) {
    return loadManaged(tx, actor, ledger, id);
  }

  // ---- imports: one at a time per process, in the background ----
  let importQueue: Promise<void> = Promise.resolve();

  async function runImport(actor: Actor, jobId: string, ledger: Ledger, mode: 'all_or_nothing' | 'valid_only', sheet: ReadSheet | WorkbookError): Promise<void> {
    const fail = (issues: RowIssue[], error: string | null, totalRows = 0) =>
      ledgerRepository.updateImport(db, jobId, { status: 'failed', issues, error, totalRows, skipped: totalRows, progress: 100, finishedAt: clock.now() });
    await ledgerRepository.updateImport(db, jobId, { status: 'running' });
    if (sheet instanceof WorkbookError) return fail([{ row: 0, column: '', field: 'file', message: sheet.message, ...sheetIssue(sheet) }], sheet.message);
    const teams = await ledgerRepository.teamsUnder(db, actor.scopePath);
    const managed = teams.filter((t) => canManageLedger(actor, t.path));
    const byCode = new Map(managed.map((t) => [t.code, t]));
    const byName = new Map<string, UnitRef[]>();
    for (const t of managed) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
    const unitIds = managed.map((t) => t.id);
    const existing = new Map<string, Set<string>>();
    const existingOwn = new Map<string, Set<string>>();
    if (ledger === 'persons') {
      existing.set('idNumber', new Set((await ledgerRepository.allIdNumbers(db)).map((r) => keyString(null, [r.v]))));
      existing.set('certificateNo', new Set((await ledgerRepository.allCertificateNos(db)).map((r) => keyString(null, [r.v]))));
      // Which of them the importer's own teams hold: any other holder is "another unit", never named.
      const own = (await ledgerRepository.list(db, 'persons', { pathPrefix: actor.scopePath, limit: 1_000_000, offset: 0 })).items.filter((i) => canManageLedger(actor, i.unitPath)).map((i) => i.row as RowOf<'persons'>);
      existingOwn.set('idNumber', new Set(own.map((p) => keyString(null, [p.idNumber]))));
      existingOwn.set('certificateNo', new Set(own.filter((p) => p.certificateNo).map((p) => keyString(null, [p.certificateNo]))));
    }
    if (ledger === 'assets') existing.set('serial', new Set((await ledgerRepository.allSerials(db)).map((r) => keyString(null, [r.v]))));
    if (ledger === 'offices') existing.set('name', new Set((await ledgerRepository.officeNamesOf(db, unitIds)).map((r) => keyString(r.u, [r.v]))));
    if (ledger === 'rooms') existing.set('name', new Set((await ledgerRepository.roomNamesOf(db, unitIds)).map((r) => keyString(r.u, [r.v]))));
    if (ledger === 'signage') existing.set('typeLocation', new Set((await ledgerRepository.signageKeysOf(db, unitIds)).map((r) => keyString(r.u, [r.type, r.location]))));
    const offices = ledger === 'rooms' ? await ledgerRepository.officesOfUnits(db, unitIds) : [];
    const persons = ledger === 'assets' ? await ledgerRepository.personsOfUnits(db, unitIds) : [];
    const roomTypes = new Set((await ledgerRepository.listRoomTypes(db)).map((t) => t.name));
    const day = today();
    const parsed = parseLedgerRows(ledger, sheet.header, sheet.rows, {
      resolveTeam(v) {
        const t = byCode.get(v) ?? (byName.get(v)?.length === 1 ? byName.get(v)![0] : undefined);
        if (t) return { id: t.id };
        if ((byName.get(v)?.length ?? 0) > 1) return { error: { code: 'team_ambiguous', message: `team name "${v}" is ambiguous; use the team code`, params: { value: v } } };
        return { error: { code: 'team_unknown', message: `unknown team "${v}" (or not a team whose ledger you manage)`, params: { value: v } } };
      },
      roomTypes,
      existing,
      existingOwn,
      resolveOffice: (u, name) => offices.find((o) => o.orgUnitId === u && o.name === name)?.id ?? null,
      fieldProblem: (field, value) => fieldProblem(ledger, field, value, day),
      resolvePerson(u, v) {
        const byCert = persons.filter((p) => p.orgUnitId === u && p.certificateNo === v);
        if (byCert.length === 1) return { id: byCert[0]!.id };
        const byName = persons.filter((p) => p.orgUnitId === u && p.name === v && p.status === 'active');
        if (byName.length === 1) return { id: byName[0]!.id };
        return {
          error:
            byName.length > 1
              ? { code: 'person_ambiguous', message: `several persons named "${v}" in this team; use the 执法证号`, params: { value: v } }
              : { code: 'person_unknown', message: `no person "${v}" in this team`, params: { value: v } },
        };
      },
    });
    const total = parsed.totalRows;
    if (parsed.fatal) return fail(parsed.issues, 'the sheet does not match the template', total);
    if (total === 0) return fail([{ row: 2, column: '', field: 'file', message: 'the sheet has no rows', code: 'sheet_empty' }], 'the sheet has no rows', 0);
    if (mode === 'all_or_nothing' && parsed.issues.length) return fail(parsed.issues, `${parsed.issues.length} problem(s); nothing was imported`, total);
    await ledgerRepository.updateImport(db, jobId, { totalRows: total, issues: parsed.issues, skipped: total - parsed.records.length });

    const now = clock.now();
    const rows = parsed.records.map((r) => recordToRow(ledger, r, now));
    const audit = (tx: DbOrTx, batch: typeof rows, n: number) =>
      recordAudit(tx, clock, actor, {
        action: `ledger.${ENTITY_OF[ledger]}.import`,
        entityType: 'ledger_import',
        entityId: jobId,
        orgUnitId: actor.orgUnitId,
        after: { ledger, mode, batch: n, created: batch.length, rows: batch.map((r) => ({ id: r.id, orgUnitId: r.orgUnitId })) },
      });
    try {
      if (mode === 'all_or_nothing') {
        // One transaction: all rows or none. Progress within it is not visible to other connections anyway.
        await db.transaction(async (tx) => {
          for (let i = 0; i < rows.length; i += IMPORT_BATCH) await ledgerRepository.insert(tx, ledger, rows.slice(i, i + IMPORT_BATCH) as NewRowOf<Ledger>[]);
          await audit(tx, rows, 0);
        });
      } else {
        for (let i = 0; i < rows.length; i += IMPORT_BATCH) {
          const batch = rows.slice(i, i + IMPORT_BATCH);
          await db.transaction(async (tx) => {
            await ledgerRepository.insert(tx, ledger, batch as NewRowOf<Ledger>[]);
            await audit(tx, batch, i / IMPORT_BATCH);
          });
          const processed = Math.min(total, i + batch.length + parsed.issues.length);
          await ledgerRepository.updateImport(db, jobId, { processedRows: processed, created: i + batch.length, progress: Math.min(99, Math.floor((processed / total) * 100)) });
        }
      }
    } catch (e) {
      const message = (e as { code?: string }).code === '23505' ? 'a record with the same key was added meanwhile; nothing from the failed batch was written' : 'the import failed while writing';
      await ledgerRepository.updateImport(db, jobId, { status: 'failed', error: message, progress: 100, finishedAt: clock.now() });
      return;
    }
    await ledgerRepository.updateImport(db, jobId, { status: 'done', processedRows: total, created: rows.length, skipped: total - rows.length, progress: 100, finishedAt: clock.now() });
    await changed([...new Set(rows.map((r) => r.orgUnitId))]);
  }

  return {
    async list(actor: Actor, ledger: Ledger, q: { orgUnitId?: string | undefined; status?: string | undefined; type?: string | undefined; q?: string | undefined; limit?: number | undefined; offset?: number | undefined }) {
      const unit = await readableUnit(actor, q.orgUnitId);
      const { items, total } = await ledgerRepository.list(db, ledger, { pathPrefix: unit.path, status: q.status, type: q.type, q: q.q, limit: q.limit ?? 200, offset: q.offset ?? 0 });
      return { items: await present(db, actor, ledger, items as WithUnit<AnyRow>[]), total, actions: listActions(actor, unit) };
    },

    async get(actor: Actor, ledger: Ledger, id: string, reveal = false) {
      const found = await loadReadable(db, actor, ledger, id);
      if (reveal) {
        if (ledger !== 'persons') throw badRequest('ledger.reveal_not_applicable', 'Only a person has an ID number to reveal');
        if (!canRevealIdNumber(actor, found.unitPath)) throw forbidden('ledger.reveal_forbidden', 'Only those who manage this team may see the full ID number');
        await db.transaction(async (tx) => {
          await recordAudit(tx, clock, actor, { action: 'ledger.person.reveal_id_number', entityType: 'ledger_person', entityId: id, orgUnitId: found.row.orgUnitId, after: { name: (found.row as RowOf<'persons'>).name } });
        });
      }
      return (await present(db, actor, ledger, [found as WithUnit<AnyRow>], { reveal }))[0]!;
    },

    async create(actor: Actor, ledger: Ledger, body: Body & { orgUnitId: string }) {
      const id = newId();
      const now = clock.now();
      await db.transaction(async (tx) => {
        const unit = await managedTeam(tx, actor, body.orgUnitId);
        const record = withDefaults(ledger, body);
        await checkRecord(tx, ledger, unit.id, record, null);
        const row = { ...record, id, orgUnitId: unit.id, isDemo: false, createdAt: now, updatedAt: now, version: 1 };
        await ledgerRepository.insert(tx, ledger, [row as NewRowOf<Ledger>]);
        await recordAudit(tx, clock, actor, { action: `ledger.${ENTITY_OF[ledger]}.create`, entityType: `ledger_${ENTITY_OF[ledger]}`, entityId: id, orgUnitId: unit.id, after: auditable(ledger, row) });
      });
      await changed([body.orgUnitId]);
      return this.get(actor, ledger, id);
    },

    async update(actor: Actor, ledger: Ledger, id: string, body: Body & { version: number }) {
      const { version, ...fields } = body;
      const unitId = await db.transaction(async (tx) => {
        const found = await loadManaged(tx, actor, ledger, id);
        const before = found.row as unknown as Body;
        const patch: Body = { ...fields };
        if (ledger === 'persons' && typeof patch.idNumber === 'string') patch.idNumber = normalizeIdNumber(patch.idNumber);
        await checkRecord(tx, ledger, found.row.orgUnitId, { ...before, ...patch }, id);
        const updated = await ledgerRepository.updateVersioned(tx, ledger, id, version, { ...patch, updatedAt: clock.now() } as Partial<NewRowOf<Ledger>>);
        if (!updated) throw conflict('conflict.stale_version', `Changed by someone else meanwhile (now version ${found.row.version}); reload and try again`, { currentVersion: found.row.version });
        const changedFields = Object.keys(patch);
        await recordAudit(tx, clock, actor, {
          action: `ledger.${ENTITY_OF[ledger]}.update`,
          entityType: `ledger_${ENTITY_OF[ledger]}`,
          entityId: id,
          orgUnitId: found.row.orgUnitId,
          before: auditable(ledger, Object.fromEntries(changedFields.map((k) => [k, before[k] ?? null]))),
          after: auditable(ledger, patch),
        });
        return found.row.orgUnitId;
      });
      await changed([unitId]);
      return this.get(actor, ledger, id);
    },

    async certificateReminders(actor: Actor, q: { orgUnitId?: string | undefined; withinDays?: number | undefined }) {
      const unit = await readableUnit(actor, q.orgUnitId);
      const withinDays = q.withinDays ?? 60;
      const day = today();
      const rows = await ledgerRepository.certificatesExpiringBy(db, unit.path, addDays(day, withinDays));
      const items = await present(db, actor, 'persons', rows as WithUnit<AnyRow>[]);
      return {
        today: day,
        withinDays,
        items: items.map((p) => {
          const exp = (p as { certificateExpiresOn: string | null }).certificateExpiresOn!;
          return { ...p, daysLeft: Math.round((Date.parse(`${exp}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000), expired: exp < day };
        }),
      };
    },

    async roomTypes(actor: Actor) {
      const rows = await ledgerRepository.listRoomTypes(db);
      return { items: rows.map((r) => ({ id: r.id, name: r.name, ordinal: r.ordinal, builtin: r.builtin })), actions: canManageRoomTypes(actor) ? ['create'] : [] };
    },

    async addRoomType(actor: Actor, name: string) {
      if (!canManageRoomTypes(actor)) throw forbidden('auth.forbidden', 'Only the city administrator adds room types');
      const row = { id: newId(), name, ordinal: 0, builtin: false, orgUnitId: actor.orgUnitId, createdAt: clock.now() };
      await db.transaction(async (tx) => {
        if (await ledgerRepository.findRoomType(tx, name)) throw conflict('ledger.room_type_exists', `Room type ${name} exists`, { issues: [{ field: 'name', message: `Room type ${name} exists` }] });
        row.ordinal = (await ledgerRepository.listRoomTypes(tx)).reduce((m, t) => Math.max(m, t.ordinal), 0) + 1;
        await ledgerRepository.insertRoomType(tx, row);
        await recordAudit(tx, clock, actor, { action: 'ledger.room_type.create', entityType: 'room_type', entityId: row.id, orgUnitId: actor.orgUnitId, after: { name, ordinal: row.ordinal } });
      });
      return { id: row.id, name: row.name, ordinal: row.ordinal, builtin: false };
    },

    async uploadPhoto(actor: Actor, ledger: 'rooms' | 'signage', entityId: string, file: { filename: string; mimetype: string; toBuffer(): Promise<Buffer> }) {
      const owner = await photoOwner(db, actor, ledger, entityId);
      const ext = path.extname(file.filename).toLowerCase();
      const allowed = PHOTO_TYPES[file.mimetype];
      if (!allowed || !allowed.includes(ext)) {
        const message = `Photos must be ${Object.values(PHOTO_TYPES).flat().join(' ')}; got ${file.mimetype} (${ext || 'no extension'})`;
        throw new AppError(415, 'ledger.photo_type_not_allowed', message, { issues: [photoIssue(message, 'photo_type', { types: PHOTO_TYPE_NAMES })] });
      }
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw photoTooLarge();
        throw e;
      }
      if (data.length === 0) throw badRequest('ledger.photo_empty', 'The file is empty', { issues: [photoIssue('The file is empty', 'photo_empty')] });
      if (!sniffMatches(file.mimetype, data.subarray(0, 16))) {
        const message = `The file's content is not a ${file.mimetype}`;
        throw new AppError(415, 'ledger.photo_content_mismatch', message, { issues: [photoIssue(message, 'photo_content_mismatch', { type: file.mimetype })] });
      }
      let stored: { sha256: string; sizeBytes: number };
      try {
        stored = await blobs.put(Readable.from([data]), MAX_PHOTO_BYTES);
      } catch (e) {
        if (e instanceof BlobTooLargeError) throw photoTooLarge();
        throw e;
      }
      const row: PhotoRow = { id: newId(), orgUnitId: owner.row.orgUnitId, entityType: ENTITY_OF[ledger], entityId, sha256: stored.sha256, fileName: file.filename.slice(0, 200), mimeType: file.mimetype, sizeBytes: stored.sizeBytes, uploadedBy: actor.userId, uploadedAt: clock.now(), isDemo: false };
      await db.transaction(async (tx) => {
        await ledgerRepository.insertPhoto(tx, row);
        await recordAudit(tx, clock, actor, { action: `ledger.${ENTITY_OF[ledger]}.photo`, entityType: 'ledger_photo', entityId: row.id, orgUnitId: row.orgUnitId, after: { entityId, fileName: row.fileName, sha256: row.sha256, sizeBytes: row.sizeBytes } });
      });
      return photoOut(row);
    },

    async readPhoto(actor: Actor, id: string) {
      const found = await ledgerRepository.findPhoto(db, id);
      if (!found || !canReadLedger(actor, found.unitPath)) throw notFound('ledger.photo_not_found', 'Photo not found');
      try {
        return { meta: found.p, data: await blobs.getVerified(found.p.sha256) };
      } catch (e) {
        if (e instanceof BlobCorruptedError) throw new AppError(500, 'ledger.photo_corrupted', `The stored photo no longer matches its SHA-256 ${found.p.sha256}`);
        if (e instanceof BlobMissingError) throw new AppError(500, 'ledger.photo_missing', `The stored photo ${found.p.sha256} is missing`);
        throw e;
      }
    },

    /** Moves an asset to another team; both teams must be managed by the actor. The assignee is cleared. */
    async transfer(actor: Actor, assetId: string, body: { toUnitId: string; reason: string }) {
      const units = await db.transaction(async (tx) => {
        const found = await loadManaged(tx, actor, 'assets', assetId);
        const to = await ledgerRepository.findUnit(tx, body.toUnitId);
        if (!to || to.kind !== 'team') throw validationFailed('The destination must be a street team', [{ field: 'toUnitId', message: 'not a street team', code: 'not_street_team' }]);
        if (!canManageLedger(actor, to.path)) throw forbidden('ledger.destination_out_of_scope', 'You may transfer only to a team whose ledger you manage');
        if (to.id === found.row.orgUnitId) throw badRequest('ledger.transfer_same_team', 'The asset is already in this team', { issues: [{ field: 'toUnitId', message: 'The asset is already in this team' }] });
        const at = clock.now();
        const updated = await ledgerRepository.updateVersioned(tx, 'assets', assetId, found.row.version, { orgUnitId: to.id, assignedPersonId: null, updatedAt: at });
        if (!updated) throw conflict('conflict.stale_version', 'Changed by someone else meanwhile; reload and try again');
        const t = { id: newId(), assetId, orgUnitId: to.id, fromUnitId: found.row.orgUnitId, toUnitId: to.id, reason: body.reason, actorId: actor.userId, actorName: actor.displayName, at };
        await ledgerRepository.insertTransfer(tx, t);
        await recordAudit(tx, clock, actor, {
          action: 'ledger.asset.transfer',
          entityType: 'ledger_asset',
          entityId: assetId,
          orgUnitId: to.id,
          before: { orgUnitId: found.row.orgUnitId, unit: found.unitName, assignedPersonId: found.row.assignedPersonId },
          after: { orgUnitId: to.id, unit: to.name, reason: body.reason, serial: found.row.serial, transferId: t.id },
        });
        return [found.row.orgUnitId, to.id];
      });
      await changed(units);
      return this.get(actor, 'assets', assetId);
    },

    async transfers(actor: Actor, assetId: string) {
      await loadReadable(db, actor, 'assets', assetId);
      const rows = await ledgerRepository.transfersOf(db, assetId);
      const names = new Map<string, string>();
      for (const id of new Set(rows.flatMap((r) => [r.fromUnitId, r.toUnitId]))) names.set(id, (await ledgerRepository.findUnit(db, id))?.name ?? '');
      return { items: rows.map((r) => ({ id: r.id, assetId: r.assetId, fromUnitId: r.fromUnitId, fromUnitName: names.get(r.fromUnitId) ?? '', toUnitId: r.toUnitId, toUnitName: names.get(r.toUnitId) ?? '', reason: r.reason, actorName: r.actorName, at: r.at.toISOString() })) };
    },

    async template(ledger: Ledger) {
      const data = await writeLedgerWorkbook(ledger, [], { title: `${LEDGER_SHEETS[ledger].sheet}台账 导入模板`, notes: templateNotes(ledger) });
      return { fileName: `${LEDGER_SHEETS[ledger].sheet}台账-模板.xlsx`, data };
    },

    /** The subtree's records in the template layout; full ID numbers only for those who manage it (audited). */
    async exportWorkbook(actor: Actor, ledger: Ledger, orgUnitId: string | undefined) {
      const unit = await readableUnit(actor, orgUnitId);
      const { items } = await ledgerRepository.list(db, ledger, { pathPrefix: unit.path, limit: 100_000, offset: 0 });
      const full = ledger === 'persons' && canRevealIdNumber(actor, unit.path);
      const personIds = ledger === 'assets' ? items.map((i) => (i.row as RowOf<'assets'>).assignedPersonId).filter((x): x is string => !!x) : [];
      const persons = new Map((await ledgerRepository.personsByIds(db, [...new Set(personIds)])).map((p) => [p.id, p.certificateNo ?? p.name]));
      const officeIds = ledger === 'rooms' ? items.map((i) => (i.row as RowOf<'rooms'>).officeId).filter((x): x is string => !!x) : [];
      const offices = new Map((await ledgerRepository.officesByIds(db, [...new Set(officeIds)])).map((o) => [o.id, o.name]));
      const records = (items as WithUnit<AnyRow>[]).map(({ row, unitCode }) => {
        const r = row as unknown as Record<string, Value>;
        const v: Record<string, Value> = { ...r, team: unitCode };
        if (ledger === 'persons') v.idNumber = full ? String(r.idNumber) : maskIdNumber(String(r.idNumber));
        if (ledger === 'assets') v.assignee = r.assignedPersonId ? (persons.get(String(r.assignedPersonId)) ?? null) : null;
        if (ledger === 'rooms') v.office = r.officeId ? (offices.get(String(r.officeId)) ?? null) : null;
        return v;
      });
      if (full) {
        await db.transaction(async (tx) => {
          await recordAudit(tx, clock, actor, { action: 'ledger.person.export', entityType: 'org_unit', entityId: unit.id, orgUnitId: unit.id, after: { persons: records.length, fullIdNumbers: true } });
        });
      }
      const data = await writeLedgerWorkbook(ledger, records, { title: `${unit.name} ${LEDGER_SHEETS[ledger].sheet}台账（导出 ${today()}）`, notes: templateNotes(ledger) });
      return { fileName: `${unit.name}-${LEDGER_SHEETS[ledger].sheet}台账-${today()}.xlsx`, data };
    },

    /** Registers an import job and processes it in the background; poll `getImport`. */
    async startImport(actor: Actor, ledger: Ledger, mode: 'all_or_nothing' | 'valid_only', fileName: string, file: Buffer) {
      if (!actor.permissions.has('ledger.manage')) throw forbidden('auth.forbidden', 'This action needs permission ledger.manage');
      // Read before the job is registered (bounded, off the request thread): a file that is not a
      // workbook or is too large is refused at once with 400 import.not_xlsx / 413 import.too_large.
      let sheet: ReadSheet | WorkbookError;
      try {
        sheet = await readLedgerWorkbook(ledger, file);
      } catch (e) {
        if (!(e instanceof WorkbookError)) throw e;
        sheet = e;
      }
      const id = newId();
      await ledgerRepository.insertImport(db, { id, orgUnitId: actor.orgUnitId, ledger, mode, fileName: fileName.slice(0, 200), status: 'queued', createdBy: actor.userId, createdAt: clock.now() });
      importQueue = importQueue.then(() =>
        runImport(actor, id, ledger, mode, sheet).catch(async (e: unknown) => {
          await ledgerRepository.updateImport(db, id, { status: 'failed', error: `internal error: ${e instanceof Error ? e.message.slice(0, 200) : 'unknown'}`, progress: 100, finishedAt: clock.now() }).catch(() => undefined);
        }),
      );
      return { importId: id };
    },

    async getImport(actor: Actor, id: string) {
      const found = await ledgerRepository.findImport(db, id);
      if (!found || !(found.i.createdBy === actor.userId || canReadLedger(actor, found.unitPath))) throw notFound('ledger.import_not_found', 'Import not found');
      const i = found.i;
      return { id: i.id, ledger: i.ledger, mode: i.mode, fileName: i.fileName, status: i.status, progress: i.progress, processedRows: i.processedRows, totalRows: i.totalRows, issues: i.issues as RowIssue[], created: i.created, skipped: i.skipped, error: i.error, createdAt: i.createdAt.toISOString(), finishedAt: iso(i.finishedAt) };
    },

    /** Resolves when queued imports have finished (tests, shutdown). */
    idle: () => importQueue,

    async overview(actor: Actor, orgUnitId: string | undefined) {
      const unit = await readableUnit(actor, orgUnitId);
      return (await ledgerOverview(db, unit.id, today()))!;
    },
  };
}
export type LedgerService = ReturnType<typeof createLedgerService>;

function templateNotes(ledger: Ledger): string[] {
  const notes = ['每行一条记录；第一行为列名，请勿修改。执法队一列填写执法队编码或名称。', '导入时先检查全部行：有问题的行连同行号、列号一并列出。全部成功或全部不导入（all_or_nothing），或只导入无问题的行（valid_only）。'];
  if (ledger === 'persons') notes.push('身份证号须为18位且校验位正确；身份证号与执法证号不得重复。协管员不填写执法证号。');
  if (ledger === 'assets') notes.push('编号（序列号）不得重复；使用人填写本队人员的执法证号或姓名。');
  if (ledger === 'rooms') notes.push('类型须为已配置的功能用房类型；所在办公场所填写本队已登记的办公场所名称。');
  return notes;
}

/** A validated import row as a table row. */
function recordToRow(ledger: Ledger, r: ParsedRecord, now: Date): NewRowOf<Ledger> & { id: string; orgUnitId: string } {
  const v = r.values;
  const base = { id: newId(), orgUnitId: r.orgUnitId, note: str(v.note), isDemo: false, createdAt: now, updatedAt: now, version: 1 };
  switch (ledger) {
    case 'persons':
      return { ...base, name: String(v.name), idNumber: String(v.idNumber), kind: String(v.kind), position: str(v.position), certificateNo: str(v.certificateNo), certificateIssuedOn: str(v.certificateIssuedOn), certificateExpiresOn: str(v.certificateExpiresOn), trainingHours: Number(v.trainingHours ?? 0), partyMember: v.partyMember === true, uniformIssuedOn: str(v.uniformIssuedOn), status: String(v.status ?? 'active'), userId: null };
    case 'offices':
      return { ...base, name: String(v.name), address: String(v.address), lon: v.lon === null ? null : Number(v.lon), lat: v.lat === null ? null : Number(v.lat), area: Number(v.area), floor: Number(v.floor ?? 1), independent: v.independent === true };
    case 'rooms':
      return { ...base, name: String(v.name), type: String(v.type), area: Number(v.area), officeId: r.refs.officeId ?? null };
    case 'signage':
      return { ...base, type: String(v.type), location: String(v.location), conforms: v.conforms === true };
    case 'assets':
      return { ...base, type: String(v.type), serial: String(v.serial), model: str(v.model), plate: str(v.plate), terminalNo: str(v.terminalNo), deviceId: str(v.deviceId), assignedPersonId: r.refs.assignedPersonId ?? null, status: String(v.status ?? 'in_use'), acquiredOn: str(v.acquiredOn) };
  }
}

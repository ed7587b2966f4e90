import type { Static } from 'typebox';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { inScope, type Actor } from '../../platform/permissions';
import { recordAudit } from '../audit';
import { documentType, DOCUMENT_TYPES, formatDocumentNumber, missingSteps, type DocumentTypeCode } from './domain/numbering';
import { numberingIssues, numberingOf } from './domain/template-set';
import { DEFAULT_TEMPLATE_SET } from './domain/templates';
import { templateRepository } from './template.repository';
import { documentRepository, type DocumentNumberRow } from './document.repository';
import type { AllocateBody, DocumentTypeList, NumberList, NumberOut, VoidBody } from './document.schemas';

interface Deps {
  database: Database;
  clock: Clock;
}

/** States in which a case takes no new 文书: never filed, withdrawn, archived (read-only). */
const NO_DOCUMENTS = new Set(['not_filed', 'withdrawn', 'archived']);

/** The civil year in Asia/Shanghai (a number issued at 23:30 UTC on 31 December belongs to the next year). */
const shanghaiYear = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).getUTCFullYear();

/** A 文号 row as the API shows it (also in a case's document list, record.service). */
export function numberOut(r: DocumentNumberRow): Static<typeof NumberOut> {
  return {
    id: r.id,
    caseId: r.caseId,
    orgUnitId: r.orgUnitId,
    docType: r.docType as DocumentTypeCode,
    docTypeName: documentType(r.docType)?.name ?? r.docType,
    ref: r.ref,
    year: r.year,
    seq: r.seq,
    number: r.number,
    status: r.status as 'issued' | 'void',
    issuedAt: r.issuedAt.toISOString(),
    voidReason: r.voidReason,
    voidedAt: r.voidedAt?.toISOString() ?? null,
  };
}

export function createDocumentService({ database, clock }: Deps) {
  const { db } = database;

  async function loadCase(actor: Actor, caseId: string) {
    const c = await documentRepository.findCase(db, caseId);
    // Out of scope answers exactly like missing (as the case module does).
    if (!c || !inScope(actor, c.unitPath)) throw notFound('case.not_found', 'Case not found');
    return c;
  }

  return {
    types(): Static<typeof DocumentTypeList> {
      return { items: DOCUMENT_TYPES.map((t) => ({ code: t.code, name: t.name, word: t.word, steps: t.steps === null ? null : [...t.steps] })) };
    },

    async numbersOfCase(actor: Actor, caseId: string): Promise<Static<typeof NumberList>> {
      await loadCase(actor, caseId);
      return { items: (await documentRepository.numbersOfCase(db, caseId)).map(numberOut) };
    },

    /**
     * Issues the next 文号 of the case's team for the type and the current year. The counter bump and the number
     * row are one transaction: a refusal after the bump (a second number for the same document) rolls the bump back.
     */
    async allocate(actor: Actor, body: Static<typeof AllocateBody>): Promise<Static<typeof NumberOut>> {
      const c = await loadCase(actor, body.caseId);
      if (NO_DOCUMENTS.has(c.state)) throw conflict('document.case_closed', `The case is ${c.state}: it takes no new documents`, { state: c.state });
      const type = documentType(body.docType);
      if (!type?.word) throw badRequest('document.type_not_numbered', `${body.docType} carries no 文号`);
      const missing = missingSteps(type, await documentRepository.stepsReached(db, c.id));
      if (missing.length) throw conflict('document.step_not_reached', `A ${type.name} needs one of the steps ${missing.join(', ')} on the case first`, { docType: type.code, steps: missing });
      const ref = body.ref ?? '';
      const now = clock.now();
      const year = shanghaiYear(now);
      const row = await db.transaction(async (tx) => {
        // The prefix, word and pattern of the template set published now: a set published later changes the numbers
        // issued after it only (an issued number is stored as written).
        const set = (await templateRepository.publishedVersion(tx))?.content ?? DEFAULT_TEMPLATE_SET;
        const issues = numberingIssues(set);
        if (issues.length) throw new AppError(409, 'document.numbering_invalid', `The published template set cannot number documents: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, { issues });
        const numbering = numberingOf(set, { shortName: c.unitShortName, name: c.unitName }, type.code);
        const seq = await documentRepository.nextSeq(tx, c.orgUnitId, type.code, year);
        // Checked after the counter row is locked: two requests for the same document queue on it, the second sees
        // the first's number (the partial unique index is the last guard).
        const existing = await documentRepository.issuedFor(tx, c.id, type.code, ref);
        if (existing) throw conflict('document.already_numbered', `This document already has the number ${existing.number}; void it first to number it again`, { number: existing.number, id: existing.id });
        const r: DocumentNumberRow = {
          id: newId(),
          orgUnitId: c.orgUnitId,
          caseId: c.id,
          docType: type.code,
          ref,
          year,
          seq,
          number: formatDocumentNumber({ prefix: numbering.prefix, word: numbering.word ?? type.word, year, seq }, numbering.pattern),
          status: 'issued',
          issuedAt: now,
          issuedBy: actor.userId,
          voidReason: null,
          voidedAt: null,
          voidedBy: null,
          isDemo: false,
        };
        await documentRepository.insertNumber(tx, r);
        await recordAudit(tx, clock, actor, { action: 'document.number.issue', entityType: 'document_number', entityId: r.id, orgUnitId: c.orgUnitId, after: { number: r.number, caseId: c.id, docType: type.code, ref } });
        return r;
      });
      return numberOut(row);
    },

    /** 作废: the number stays on record with its reason and is never issued again. */
    async voidNumber(actor: Actor, id: string, body: Static<typeof VoidBody>): Promise<Static<typeof NumberOut>> {
      const found = await documentRepository.findNumber(db, id);
      if (!found) throw notFound('document.number_not_found', 'Document number not found');
      await loadCase(actor, found.caseId).catch(() => {
        throw notFound('document.number_not_found', 'Document number not found');
      });
      const reason = body.reason.trim();
      if (!reason) throw badRequest('document.void_reason_required', 'Say why the number is voided');
      const row = await db.transaction(async (tx) => {
        const r = (await documentRepository.lockNumber(tx, id))!;
        if (r.status === 'void') throw conflict('document.number_void', `${r.number} is already void`, { number: r.number });
        const v = await documentRepository.voidNumber(tx, id, { voidReason: reason, voidedAt: clock.now(), voidedBy: actor.userId });
        await recordAudit(tx, clock, actor, { action: 'document.number.void', entityType: 'document_number', entityId: id, orgUnitId: r.orgUnitId, before: { number: r.number, status: r.status }, after: { status: 'void', reason } });
        return v;
      });
      return numberOut(row);
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;

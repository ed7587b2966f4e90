import { AsyncLocalStorage } from 'node:async_hooks';
import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, forbidden, notFound, validationFailed } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { inScope, type Actor } from '../../platform/permissions';
import { recordAudit } from '../audit';
import type { CaseService, CaseStep, CaseStepHook, ServiceMethod } from '../case';
import { maskIdNumber } from '../ledger';
import { documentType, DOCUMENT_TYPES, missingSteps, type DocumentTypeCode } from './domain/numbering';
import { casePathOf, documentProblem, DOCUMENT_RULES, missingDocuments, missingSigners, requiredDocuments, type HeldDocument, type Stage } from './domain/required';
import type { DocumentModel, SignatureRole } from './domain/template-types';
import { recordRepository, type NumberRow, type ServiceRow, type SignatureRow } from './record.repository';
import type { CaseDocuments, ServeBody, ServiceOut, SignatureOut, SignBody } from './record.schemas';
import { numberOut } from './document.service';

interface Deps {
  database: Database;
  clock: Clock;
  /** Serving the 行政处罚决定书 is the case's serve step (it starts the payment and appeal periods). */
  cases: Pick<CaseService, 'act'>;
}

/** States in which a case takes no new 文书 records (as for 文号). */
const NO_DOCUMENTS = new Set(['not_filed', 'withdrawn', 'archived']);
const ROLE_WORDS: Record<SignatureRole, string> = { officer: 'officer', party: 'party', witness: 'witness', reviewer: 'reviewer', leader: 'leader' };
const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const key = (docType: string, ref: string) => `${docType}\u0000${ref}`;

/** The decision served through the documents tab: what its service row says, written by the serve step's hook. */
interface PendingService {
  caseId: string;
  recipient: string;
  note: string | null;
  witnessName: string | null;
  witnessIdNumber: string | null;
}

interface CaseRecords {
  numbers: NumberRow[];
  signatures: SignatureRow[];
  services: ServiceRow[];
}

/** The issued 文号 of each document, and which signatures and services count (those on the current number). */
function assemble(r: CaseRecords) {
  const issued = new Map(r.numbers.filter((n) => n.status === 'issued').map((n) => [key(n.docType, n.ref), n]));
  const numberedType = (t: string) => documentType(t)?.word != null;
  const counts = (x: { docType: string; ref: string; numberId: string | null }) => !numberedType(x.docType) || (x.numberId !== null && issued.get(key(x.docType, x.ref))?.id === x.numberId);
  const keys = new Set([...r.numbers, ...r.signatures, ...r.services].map((x) => key(x.docType, x.ref)));
  const held: HeldDocument[] = [...keys].map((k) => {
    const [docType, ref] = k.split('\u0000') as [DocumentTypeCode, string];
    const sigs = r.signatures.filter((s) => s.docType === docType && s.ref === ref && counts(s));
    return {
      docType,
      ref,
      numbered: issued.has(k),
      signatures: sigs.map((s) => ({ role: s.role as SignatureRole, personId: s.personId, name: s.name, refused: s.refused })),
      served: r.services.some((s) => s.docType === docType && s.ref === ref && counts(s)),
      made: true,
    };
  });
  return { issued, held, counts };
}

function signatureOut(s: SignatureRow, current: boolean): Static<typeof SignatureOut> {
  return {
    id: s.id,
    docType: s.docType as DocumentTypeCode,
    ref: s.ref,
    role: s.role as SignatureRole,
    personId: s.personId,
    name: s.name,
    idNumberMasked: s.idNumber ? maskIdNumber(s.idNumber) : null,
    refused: s.refused,
    note: s.note,
    witnessName: s.witnessName,
    witnessIdNumberMasked: s.witnessIdNumber ? maskIdNumber(s.witnessIdNumber) : null,
    signedOn: s.signedOn,
    recordedAt: s.recordedAt.toISOString(),
    current,
  };
}

function serviceOut(s: ServiceRow, current: boolean): Static<typeof ServiceOut> {
  return {
    id: s.id,
    docType: s.docType as DocumentTypeCode,
    ref: s.ref,
    method: s.method as ServiceMethod,
    servedOn: s.servedOn,
    recipient: s.recipient,
    note: s.note,
    witnessName: s.witnessName,
    witnessIdNumberMasked: s.witnessIdNumber ? maskIdNumber(s.witnessIdNumber) : null,
    consent: s.consent,
    caseEventId: s.caseEventId,
    recordedAt: s.recordedAt.toISOString(),
    current,
  };
}


const signersText = (list: readonly { role: SignatureRole; count: number }[]) => list.map((s) => `${ROLE_WORDS[s.role]} ×${s.count}`).join(', ');

export function createRecordService({ database, clock, cases }: Deps) {
  const { db } = database;
  const pending = new AsyncLocalStorage<PendingService>();
  const today = () => shanghaiDay(clock.now());

  async function loadCase(actor: Actor, caseId: string, tx: DbOrTx = db) {
    const c = await recordRepository.findCase(tx, caseId);
    if (!c || !inScope(actor, c.unitPath)) throw notFound('case.not_found', 'Case not found');
    return c;
  }

  async function records(tx: DbOrTx, caseId: string): Promise<CaseRecords> {
    const [numbers, signatures, services] = await Promise.all([recordRepository.numbers(tx, caseId), recordRepository.signatures(tx, caseId), recordRepository.services(tx, caseId)]);
    return { numbers, signatures, services };
  }

  /** The persons the case's steps named (who sign as the case's officers). */
  function stepOfficers(events: readonly { officers: readonly { personId: string; name: string }[] }[]) {
    const m = new Map<string, string>();
    for (const e of events) for (const o of e.officers) m.set(o.personId, o.name);
    return [...m].map(([personId, name]) => ({ personId, name }));
  }

  function mayRecord(actor: Actor, state: string) {
    // 协管员 assist; they do not make or serve 文书 (as they never act on a case).
    if (actor.role === 'auxiliary') throw forbidden('case.auxiliary_not_allowed', 'A 协管员 may record leads and assist, never act on a case');
    if (NO_DOCUMENTS.has(state)) throw conflict('document.case_closed', `The case is ${state}: it takes no new documents`, { state });
  }

  /** The 行政处罚决定书 of a general-procedure case must be numbered and signed by both officers before it is served. */
  async function decisionProblem(tx: DbOrTx, caseId: string) {
    const { held } = assemble(await records(tx, caseId));
    const docs = held.filter((d) => d.docType === 'penalty_decision');
    const problems = (docs.length ? docs : [undefined]).map((d) => documentProblem('penalty_decision', d));
    if (problems.some((p) => p === null || p.problem === 'not_served')) return null;
    return problems.find((p) => p?.problem === 'unsigned') ?? problems[0]!;
  }

  async function requiredCheck(tx: DbOrTx, step: CaseStep, stage: Stage) {
    const events = await recordRepository.events(tx, step.caseId);
    const path = casePathOf(step.procedure, step.facts, events.map((e) => e.action));
    return missingDocuments(path, assemble(await records(tx, step.caseId)).held, stage);
  }

  const hook: CaseStepHook = {
    async before(tx, step) {
      if (step.action === 'serve' && step.procedure === 'general' && (step.facts.decision?.outcome === 'penalty' || step.facts.decision?.outcome === 'no_penalty')) {
        const p = await decisionProblem(tx, step.caseId);
        if (p) throw conflict('document.decision_unsigned', `The 行政处罚决定书 must be numbered and signed by both officers before it is served (${p.problem}${p.signers.length ? `: ${signersText(p.signers)}` : ''})`, { problem: p.problem, signers: p.signers });
      }
      if (step.action === 'close' || step.action === 'archive') {
        const missing = await requiredCheck(tx, step, step.action);
        if (missing.length) throw conflict('document.required_missing', `Documents required before ${step.action === 'close' ? '结案' : '归档'} are missing or incomplete: ${missing.map((m) => `${m.name} (${m.problem})`).join(', ')}`, { missing });
      }
    },
    /** The decision's service row, in the serve step's transaction (from the documents tab, or the case page's own form). */
    async after(tx, step) {
      if (step.action !== 'serve' || step.procedure !== 'general' || !step.facts.service) return;
      const { issued } = assemble(await records(tx, step.caseId));
      const n = issued.get(key('penalty_decision', ''));
      if (!n && step.facts.decision?.outcome === 'transfer') return;
      const ctx = pending.getStore();
      const mine = ctx?.caseId === step.caseId ? ctx : null;
      const row: ServiceRow = {
        id: newId(),
        caseId: step.caseId,
        orgUnitId: step.orgUnitId,
        docType: 'penalty_decision',
        ref: n?.ref ?? '',
        numberId: n?.id ?? null,
        method: step.facts.service.method,
        servedOn: step.facts.service.on,
        recipient: mine?.recipient ?? (await recordRepository.partyName(tx, step.caseId)) ?? '当事人',
        note: mine?.note ?? null,
        witnessName: mine?.witnessName ?? null,
        witnessIdNumber: mine?.witnessIdNumber ?? null,
        consent: step.facts.service.consent,
        caseEventId: step.eventId,
        recordedAt: clock.now(),
        recordedBy: step.actor.userId,
        isDemo: step.isDemo,
      };
      await recordRepository.insertService(tx, row);
      await recordAudit(tx, clock, step.actor, { action: 'document.serve', entityType: 'document_service', entityId: row.id, orgUnitId: step.orgUnitId, after: { caseId: step.caseId, docType: row.docType, method: row.method, servedOn: row.servedOn, recipient: row.recipient, caseEventId: step.eventId } });
    },
  };

  function checkDay(on: string | undefined, field: string): string {
    const d = on ?? today();
    if (d > today()) throw validationFailed(`${field} is in the future`, [{ field, message: 'in the future' }]);
    return d;
  }

  return {
    stepHook: hook,

    async caseDocuments(actor: Actor, caseId: string): Promise<Static<typeof CaseDocuments>> {
      const c = await loadCase(actor, caseId);
      const [events, recs, partyName] = await Promise.all([recordRepository.events(db, caseId), records(db, caseId), recordRepository.partyName(db, caseId)]);
      const { held, issued, counts } = assemble(recs);
      const path = casePathOf(c.procedure, c.facts, events.map((e) => e.action));
      const reached = new Set(events.map((e) => e.action));
      const required = requiredDocuments(path, 'archive');
      const items: Static<typeof CaseDocuments>['items'] = [];
      for (const t of DOCUMENT_TYPES) {
        const req = required.find((r) => r.docType === t.code);
        const refs = new Set(held.filter((h) => h.docType === t.code).map((h) => h.ref));
        // Possible documents: required ones, those with records, and those whose step is on the timeline.
        if (!refs.size && (req || missingSteps(t, reached).length === 0)) refs.add('');
        for (const ref of [...refs].sort()) {
          const h = held.find((x) => x.docType === t.code && x.ref === ref);
          const p = documentProblem(t.code, h);
          const rule = DOCUMENT_RULES[t.code];
          const status = p === null ? (rule.served ? 'served' : 'complete') : p.problem === 'missing' ? (req ? 'missing' : 'none') : p.problem === 'not_numbered' ? 'to_number' : p.problem === 'unsigned' ? 'to_sign' : 'to_serve';
          const mine = <T extends { docType: string; ref: string }>(xs: readonly T[]) => xs.filter((x) => x.docType === t.code && x.ref === ref);
          items.push({
            docType: t.code,
            name: t.name,
            ref,
            numbered: t.word !== null,
            requiredFor: req?.stage ?? null,
            citation: req?.citation ?? null,
            served: rule.served,
            number: issued.has(key(t.code, ref)) ? numberOut(issued.get(key(t.code, ref))!) : null,
            voidNumbers: mine(recs.numbers).filter((n) => n.status === 'void').map(numberOut),
            signers: rule.signers.map((s) => ({ ...s })),
            missingSigners: missingSigners(t.code, h?.signatures ?? []),
            signatures: mine(recs.signatures).map((s) => signatureOut(s, counts(s))),
            services: mine(recs.services).map((s) => serviceOut(s, counts(s))),
            status,
            renderable: missingSteps(t, reached).length === 0,
          });
        }
      }
      return {
        caseId,
        caseState: c.state,
        procedure: c.procedure,
        version: c.version,
        partyName,
        officers: stepOfficers(events),
        check: { close: missingDocuments(path, held, 'close'), archive: missingDocuments(path, held, 'archive') },
        items,
      };
    },

    /** A signature (or a party's refusal) on a document; append-only, audited. */
    async sign(actor: Actor, body: Static<typeof SignBody>): Promise<Static<typeof SignatureOut>> {
      const c = await loadCase(actor, body.caseId);
      mayRecord(actor, c.state);
      const docType = body.docType as DocumentTypeCode;
      const ref = body.ref ?? '';
      const rule = DOCUMENT_RULES[docType];
      if (body.role !== 'witness' && !rule.signers.some((s) => s.role === body.role)) {
        throw badRequest('document.role_not_on_document', `A ${documentType(docType)!.name} has no ${body.role} line`, { role: body.role, roles: rule.signers.map((s) => s.role) });
      }
      const signedOn = checkDay(body.signedOn, 'signedOn');
      const refused = body.refused === true;
      if (refused && body.role !== 'party') throw validationFailed('Only the party refuses to sign here', [{ field: 'refused', message: 'party only' }]);
      if (refused && !body.note?.trim()) throw validationFailed('A refusal to sign needs a note', [{ field: 'note', message: 'say how the party refused' }]);
      if (refused && !body.witnessName?.trim()) throw badRequest('document.refusal_needs_witness', 'A refusal to sign is witnessed: name the witness (留置送达 practice, 民事诉讼法 第八十九条)', { issues: [{ field: 'witnessName', message: 'required when the party refuses' }] });
      const row = await db.transaction(async (tx) => {
        await recordRepository.lockCase(tx, c.id);
        const recs = await records(tx, c.id);
        const { issued, counts } = assemble(recs);
        const n = issued.get(key(docType, ref));
        if (documentType(docType)?.word != null && !n) throw conflict('document.number_required', `Issue the 文号 of the ${documentType(docType)!.name} first`, { docType });
        let personId: string | null = null;
        let name: string;
        if (body.role === 'officer') {
          const officers = stepOfficers(await recordRepository.events(tx, c.id));
          const o = officers.find((x) => x.personId === body.personId);
          if (!o) throw badRequest('document.signer_not_officer', 'An officer signs as one of the persons the case’s steps named', { officers, issues: [{ field: 'personId', message: 'not an officer of this case' }] });
          personId = o.personId;
          name = o.name;
        } else if (body.role === 'party') {
          name = body.name?.trim() || (await recordRepository.partyName(tx, c.id)) || '';
          if (!name) throw validationFailed('name is required', [{ field: 'name', message: 'the party’s name' }]);
        } else if (body.role === 'witness') {
          name = body.name?.trim() ?? '';
          if (!name) throw validationFailed('name is required', [{ field: 'name', message: 'the witness’s name' }]);
        } else {
          personId = body.personId ?? null;
          name = body.name?.trim() || actor.displayName;
        }
        const dup = recs.signatures.find((s) => counts(s) && s.docType === docType && s.ref === ref && s.role === body.role && (personId ? s.personId === personId : s.name === name));
        if (dup) throw conflict('document.already_signed', `${name} has already signed this document as ${body.role}`, { role: body.role, name });
        const r: SignatureRow = {
          id: newId(),
          caseId: c.id,
          orgUnitId: c.orgUnitId,
          docType,
          ref,
          numberId: n?.id ?? null,
          role: body.role,
          personId,
          name,
          idNumber: body.role === 'witness' ? body.idNumber?.trim() || null : null,
          refused,
          note: body.note?.trim() || null,
          witnessName: body.witnessName?.trim() || null,
          witnessIdNumber: body.witnessIdNumber?.trim() || null,
          signedOn,
          recordedAt: clock.now(),
          recordedBy: actor.userId,
          isDemo: false,
        };
        await recordRepository.insertSignature(tx, r);
        await recordAudit(tx, clock, actor, { action: refused ? 'document.sign_refused' : 'document.sign', entityType: 'document_signature', entityId: r.id, orgUnitId: c.orgUnitId, after: { caseId: c.id, docType, ref, number: n?.number ?? null, role: r.role, name, signedOn, ...(refused ? { note: r.note, witness: r.witnessName } : {}) } });
        return r;
      });
      return signatureOut(row, true);
    },

    /**
     * 送达 of a document. The 行政处罚决定书 (general procedure) is served through the case's serve step: one
     * transaction writes the step (periods start) and the service row (the step's hook); a refusal leaves neither.
     */
    async serve(actor: Actor, body: Static<typeof ServeBody>): Promise<Static<typeof ServiceOut>> {
      const c = await loadCase(actor, body.caseId);
      mayRecord(actor, c.state);
      const docType = body.docType as DocumentTypeCode;
      const ref = body.ref ?? '';
      const type = documentType(docType)!;
      if (!DOCUMENT_RULES[docType].served) throw badRequest('document.not_served_type', `A ${type.name} is not served on the party`, { docType });
      if (body.method === 'left_at_premises' && !body.witnessName?.trim()) throw badRequest('document.witness_required', 'Service by leaving the document at the premises (留置送达) needs a witness (民事诉讼法 第八十九条)', { issues: [{ field: 'witnessName', message: 'required for 留置送达' }] });
      if (body.method === 'electronic' && body.consent !== true) throw badRequest('document.consent_required', 'Electronic service needs the party’s written consent (行政处罚法 第六十一条第二款)', { issues: [{ field: 'consent', message: 'required for electronic service' }] });
      const onDate = checkDay(body.onDate, 'onDate');
      const recs = await records(db, c.id);
      const { issued, held, counts } = assemble(recs);
      const n = issued.get(key(docType, ref));
      if (type.word !== null && !n) throw conflict('document.number_required', `Issue the 文号 of the ${type.name} first`, { docType });
      const h = held.find((x) => x.docType === docType && x.ref === ref);
      const signers = missingSigners(docType, h?.signatures ?? []);
      if (signers.length) throw conflict('document.unsigned', `The ${type.name} is not signed yet: ${signersText(signers)} must still sign`, { docType, signers });
      if (recs.services.some((s) => s.docType === docType && s.ref === ref && counts(s))) throw conflict('document.already_served', `The ${type.name} is already served`, { docType });
      const recipient = body.recipient?.trim() || (await recordRepository.partyName(db, c.id)) || '';
      if (!recipient) throw validationFailed('recipient is required', [{ field: 'recipient', message: 'who received it' }]);

      if (docType === 'penalty_decision' && c.procedure === 'general') {
        // The serve step names two officers: by default those who signed the decision.
        const signed = recs.signatures.filter((s) => s.docType === docType && s.ref === ref && s.role === 'officer' && counts(s) && s.personId).map((s) => s.personId!);
        const officerIds = body.officerIds ?? [...new Set(signed)].slice(0, 2);
        await pending.run({ caseId: c.id, recipient, note: body.note?.trim() || null, witnessName: body.witnessName?.trim() || null, witnessIdNumber: body.witnessIdNumber?.trim() || null }, () =>
          cases.act(actor, c.id, 'serve', { version: body.version ?? c.version, method: body.method, onDate, consent: body.consent === true, officerIds }),
        );
        const row = (await recordRepository.services(db, c.id)).filter((s) => s.docType === docType && s.caseEventId !== null).at(-1);
        if (!row) throw new AppError(500, 'document.service_not_recorded', 'The serve step did not record the service');
        return serviceOut(row, true);
      }

      const row = await db.transaction(async (tx) => {
        await recordRepository.lockCase(tx, c.id);
        const again = assemble(await records(tx, c.id));
        if ((await recordRepository.services(tx, c.id)).some((s) => s.docType === docType && s.ref === ref && again.counts(s))) throw conflict('document.already_served', `The ${type.name} is already served`, { docType });
        const r: ServiceRow = {
          id: newId(),
          caseId: c.id,
          orgUnitId: c.orgUnitId,
          docType,
          ref,
          numberId: n?.id ?? null,
          method: body.method,
          servedOn: onDate,
          recipient,
          note: body.note?.trim() || null,
          witnessName: body.witnessName?.trim() || null,
          witnessIdNumber: body.witnessIdNumber?.trim() || null,
          consent: body.consent === true,
          caseEventId: null,
          recordedAt: clock.now(),
          recordedBy: actor.userId,
          isDemo: false,
        };
        await recordRepository.insertService(tx, r);
        await recordAudit(tx, clock, actor, { action: 'document.serve', entityType: 'document_service', entityId: r.id, orgUnitId: c.orgUnitId, after: { caseId: c.id, docType, ref, number: n?.number ?? null, method: r.method, servedOn: onDate, recipient } });
        return r;
      });
      return serviceOut(row, true);
    },

    /** For the renderer: the signature lines of a document as recorded (null when nothing is recorded). */
    signatures: {
      async of(caseId: string, docType: string, ref: string): Promise<DocumentModel['signatures'] | null> {
        const recs = await records(db, caseId);
        const { counts } = assemble(recs);
        const sigs = recs.signatures.filter((s) => s.docType === docType && s.ref === ref && counts(s));
        if (!sigs.length) return null;
        return sigs.map((s) => ({ role: s.role as SignatureRole, name: s.name, signedAt: s.signedOn, refused: s.refused, note: s.note }));
      },
    },
  };
}

export type RecordService = ReturnType<typeof createRecordService>;

/**
 * DEMO DATA for 执法文书 (issue 12): every demo case gets the documents its path requires up to its current state,
 * by the same rule users meet (`requiredDocuments` of the document module, limited to the documents whose step is on
 * the case's timeline): 文号 issued in the order of the step dates, gapless per team, type and year, in the very
 * counters the document service bumps (a user's next number continues the series); the officers of the step sign on
 * the step's date, the party signs (a few refuse, with a witness, labelled 演示), leaders and the legal reviewer sign
 * their forms; served documents get a service record — the 行政处罚决定书 the one of the case's own serve step (method,
 * date, event). Bulk inserts in one transaction; rows `isDemo`. Idempotent: nothing happens once any demo case
 * carries a 文号, a signature or a service record, or a demo team has a 文号 counter (a user's numbers would break the
 * date order of the series).
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import type { Clock } from '../platform/clock';
import { newId } from '../platform/ids';
import { orgUnit } from '../modules/org';
import { caseEvent, caseParty, enforcementCase } from '../modules/case';
import type { CaseFacts } from '../modules/case/domain/facts';
import { documentCounter, documentNumber, documentService, documentSignature, DEFAULT_TEMPLATE_SET, documentTemplateSet } from '../modules/document';
import { documentType, formatDocumentNumber, missingSteps, type DocumentTypeCode } from '../modules/document/domain/numbering';
import { casePathOf, DOCUMENT_RULES, requiredDocuments } from '../modules/document/domain/required';
import { numberingOf } from '../modules/document/domain/template-set';
import type { TemplateSetContent } from '../modules/document/domain/template-types';

const DEMO = '演示';

/** The step whose date a document carries (made, numbered, signed, served on the party that day). */
const DATED_BY: Record<DocumentTypeCode, readonly string[]> = {
  filing_approval: ['approve_filing'],
  inspection_record: ['check'],
  inquiry_record: ['close_investigation'],
  rectification_order: ['check'],
  evidence_registration_notice: ['register_evidence'],
  seizure_decision: ['seize'],
  seizure_list: ['seize'],
  penalty_notice: ['notify'],
  hearing_rights_notice: ['notify'],
  hearing_notice: ['schedule_hearing'],
  hearing_record: ['hold_hearing'],
  investigation_report: ['close_investigation'],
  legal_review_opinion: ['legal_review'],
  collective_discussion_record: ['collective_discussion'],
  penalty_decision: ['decide'],
  simple_penalty_decision: ['simple_decide'],
  service_receipt: ['serve'],
  payment_demand: ['urge'],
  closing_report: ['close'],
  // The file is put together when the case is archived (or, closed and not yet archived, on its closing day).
  file_index: ['archive', 'close'],
  file_note: ['archive', 'close'],
};

interface Ev {
  id: number;
  caseId: string;
  action: string;
  onDate: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  officers: { personId: string; name: string }[];
}

/** A minute or a few after the step (same civil day: demo steps are timed in the Beijing morning), so records follow it. */
const after = (e: { at: Date }, k: number) => new Date(e.at.getTime() + k * 60_000);
/** A stable small number from an id (which cases show a refusal). */
const hashOf = (s: string) => [...s].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);

export async function seedDemoDocuments(database: Database, _clock: Clock): Promise<{ seeded: boolean; numbers: number; signatures: number; services: number }> {
  const { db } = database;
  const none = { seeded: false, numbers: 0, signatures: 0, services: 0 };
  const demoCase = sql`(select id from ${enforcementCase} where ${enforcementCase.isDemo})`;
  for (const t of [documentNumber, documentSignature, documentService]) {
    if ((await db.select({ id: t.id }).from(t).where(sql`${t.caseId} in ${demoCase}`).limit(1)).length) return none;
  }
  // A demo team that already issued numbers (to a case of its own) keeps its series as they are: no demo numbers at all.
  const demoTeamCounters = await db.select({ last: documentCounter.last }).from(documentCounter).where(sql`${documentCounter.orgUnitId} in (select ${orgUnit.id} from ${orgUnit} where ${orgUnit.isDemo})`).limit(1);
  if (demoTeamCounters.length) return none;
  const cases = await db
    .select({ id: enforcementCase.id, orgUnitId: enforcementCase.orgUnitId, procedure: enforcementCase.procedure, state: enforcementCase.state, facts: enforcementCase.facts, shortName: orgUnit.shortName, name: orgUnit.name })
    .from(enforcementCase)
    .innerJoin(orgUnit, eq(orgUnit.id, enforcementCase.orgUnitId))
    .where(eq(enforcementCase.isDemo, true))
    .orderBy(asc(enforcementCase.id));
  if (!cases.length) return none;
  const ids = cases.map((c) => c.id);
  const events = new Map<string, Ev[]>();
  const parties = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const evs = await db
      .select({ id: caseEvent.id, caseId: caseEvent.caseId, action: caseEvent.action, onDate: caseEvent.onDate, at: caseEvent.at, actorId: caseEvent.actorId, actorName: caseEvent.actorName, officers: caseEvent.officers })
      .from(caseEvent)
      .where(inArray(caseEvent.caseId, batch))
      .orderBy(asc(caseEvent.id));
    for (const e of evs) {
      const list = events.get(e.caseId) ?? [];
      list.push({ ...e, officers: (e.officers ?? []) as Ev['officers'] });
      events.set(e.caseId, list);
    }
    const ps = await db.select({ caseId: caseParty.caseId, name: caseParty.name }).from(caseParty).where(inArray(caseParty.caseId, batch)).orderBy(asc(caseParty.createdAt));
    for (const p of ps) if (!parties.has(p.caseId)) parties.set(p.caseId, p.name);
  }
  // The numbering of the published template set (as the service reads it), else the shipped default.
  const [published] = await db.select({ content: documentTemplateSet.content }).from(documentTemplateSet).where(eq(documentTemplateSet.status, 'published'));
  const set = (published?.content as TemplateSetContent | undefined) ?? DEFAULT_TEMPLATE_SET;

  interface Doc {
    caseId: string;
    orgUnitId: string;
    unit: { shortName: string | null; name: string };
    docType: DocumentTypeCode;
    on: string;
    at: Date;
    eventId: number;
    numberId: string | null;
  }
  const numbers: (typeof documentNumber.$inferInsert)[] = [];
  const signatures: (typeof documentSignature.$inferInsert)[] = [];
  const services: (typeof documentService.$inferInsert)[] = [];
  const docs: { doc: Doc; ev: Ev; evs: Ev[]; party: string; facts: CaseFacts; procedure: string }[] = [];

  for (const c of cases) {
    const evs = events.get(c.id) ?? [];
    const facts = c.facts as CaseFacts;
    const reached = new Set(evs.map((e) => e.action));
    const path = casePathOf(c.procedure, facts, reached);
    const seen = new Set<DocumentTypeCode>();
    for (const r of requiredDocuments(path, 'archive')) {
      const type = documentType(r.docType)!;
      if (seen.has(r.docType) || missingSteps(type, reached).length) continue;
      const ev = DATED_BY[r.docType].map((a) => evs.find((e) => e.action === a)).find((e) => e);
      if (!ev) continue;
      seen.add(r.docType);
      docs.push({ doc: { caseId: c.id, orgUnitId: c.orgUnitId, unit: { shortName: c.shortName, name: c.name }, docType: r.docType, on: ev.onDate, at: ev.at, eventId: ev.id, numberId: null }, ev, evs, party: parties.get(c.id) ?? `当事人（${DEMO}）`, facts, procedure: c.procedure });
    }
  }

  // 文号 in the order of the step dates (then the steps' own order), per team, type and year: the counters' series.
  const counters = new Map<string, number>();
  const toNumber = docs.filter((d) => documentType(d.doc.docType)!.word !== null).sort((a, b) => a.doc.on.localeCompare(b.doc.on) || a.doc.at.getTime() - b.doc.at.getTime() || a.doc.eventId - b.doc.eventId || a.doc.docType.localeCompare(b.doc.docType));
  for (const { doc } of toNumber) {
    const year = Number(doc.on.slice(0, 4));
    const k = `${doc.orgUnitId}|${doc.docType}|${year}`;
    const seq = (counters.get(k) ?? 0) + 1;
    counters.set(k, seq);
    const n = numberingOf(set, doc.unit, doc.docType);
    doc.numberId = newId();
    numbers.push({
      id: doc.numberId,
      orgUnitId: doc.orgUnitId,
      caseId: doc.caseId,
      docType: doc.docType,
      ref: '',
      year,
      seq,
      number: formatDocumentNumber({ prefix: n.prefix, word: n.word ?? documentType(doc.docType)!.word!, year, seq }, n.pattern),
      status: 'issued',
      issuedAt: after(doc, 1),
      issuedBy: null,
      isDemo: true,
    });
  }

  for (const { doc, ev, evs, party, facts, procedure } of docs) {
    // The step's officers; a step taken by a leader alone (决定) is signed by the officers of the case's last step before it.
    const officers = ev.officers.length ? ev.officers : ([...evs].reverse().find((e) => e.id < ev.id && e.officers.length)?.officers ?? evs.find((e) => e.officers.length)?.officers ?? []);
    const base = { caseId: doc.caseId, orgUnitId: doc.orgUnitId, docType: doc.docType, ref: '', numberId: doc.numberId, isDemo: true } as const;
    let k = 1;
    const sign = (row: Partial<typeof documentSignature.$inferInsert> & { role: string; name: string }) =>
      signatures.push({ id: newId(), ...base, personId: null, refused: false, signedOn: doc.on, recordedAt: after(doc, 1 + k++), recordedBy: null, ...row });
    const service = facts.service;
    const leftAtPremises = doc.docType === 'service_receipt' && service?.method === 'left_at_premises';
    for (const need of DOCUMENT_RULES[doc.docType].signers) {
      if (need.role === 'officer') for (const o of officers.slice(0, need.count)) sign({ role: 'officer', personId: o.personId, name: o.name });
      else if (need.role === 'party') {
        // 留置送达: the party refused the receipt; a few refuse to sign a record too. The refusal is noted and witnessed.
        const refuses = leftAtPremises || (doc.docType === 'inspection_record' && hashOf(doc.caseId) % 12 === 0);
        if (refuses) {
          sign({
            role: 'party',
            name: party,
            refused: true,
            note: leftAtPremises ? `当事人拒绝签收，执法人员将文书留置于其经营场所并拍照记录（${DEMO}）` : `当事人拒绝在笔录上签字，执法人员在笔录中注明（${DEMO}）`,
            witnessName: `${doc.unit.shortName ?? ''}社区网格员周某（${DEMO}见证人）`,
          });
        } else sign({ role: 'party', name: party });
      } else if (need.role === 'reviewer' || need.role === 'leader') sign({ role: need.role, personId: null, name: ev.actorName });
    }
    if (!DOCUMENT_RULES[doc.docType].served) continue;
    const served = { id: newId(), ...base, recipient: party, note: null, witnessName: null as string | null, consent: false, caseEventId: null as number | null, recordedAt: after(doc, 1 + k++), recordedBy: null };
    if (doc.docType === 'penalty_decision') {
      // The decision is served by the case's own serve step: its method, date and event.
      const step = evs.find((e) => e.action === 'serve');
      if (!step || !service) continue;
      services.push({ ...served, method: service.method, servedOn: service.on, consent: service.consent, caseEventId: step.id, recordedAt: after(step, 1), witnessName: service.method === 'left_at_premises' ? `${doc.unit.shortName ?? ''}社区网格员周某（${DEMO}见证人）` : null });
    } else if (doc.docType === 'simple_penalty_decision' && procedure === 'simple') {
      services.push({ ...served, method: service?.method ?? 'direct', servedOn: service?.on ?? doc.on });
    } else services.push({ ...served, method: 'direct', servedOn: doc.on });
  }

  await db.transaction(async (tx: Tx) => {
    const batched = async <T>(rows: T[], insert: (b: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
    };
    await batched(numbers, (b) => tx.insert(documentNumber).values(b));
    // The service's counters, left at the last number issued: the next allocation continues the series.
    const counterRows = [...counters].map(([key, last]) => {
      const [orgUnitId, docType, year] = key.split('|') as [string, string, string];
      return { orgUnitId, docType, year: Number(year), last };
    });
    await batched(counterRows, (b) =>
      tx
        .insert(documentCounter)
        .values(b)
        .onConflictDoUpdate({ target: [documentCounter.orgUnitId, documentCounter.docType, documentCounter.year], set: { last: sql`greatest(${documentCounter.last}, excluded.last)` } }),
    );
    await batched(signatures, (b) => tx.insert(documentSignature).values(b));
    await batched(services, (b) => tx.insert(documentService).values(b));
  });
  return { seeded: true, numbers: numbers.length, signatures: signatures.length, services: services.length };
}

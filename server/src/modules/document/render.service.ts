/**
 * 文书 rendering: a document of a case, filled from the case as it is now, as PDF or DOCX. Read-only (nothing is
 * recorded, not even an audit entry: reads are not audited).
 *
 * Two sources are injected so that other parts plug in without editing this file: the template set in force
 * (default: the shipped DEFAULT_TEMPLATE_SET) and the recorded signatures of a document (default: blank lines for
 * each role of the template, to be signed by hand).
 */
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { conflict, notFound } from '../../platform/errors';
import { inScope, type Actor } from '../../platform/permissions';
import { maskIdNumber } from '../ledger';
import { fillDataOfCase, type CaseForFill } from './domain/case-fill';
import { fillDocument } from './domain/fill';
import { documentType, missingSteps, type DocumentTypeCode } from './domain/numbering';
import type { DocumentModel, TemplateSetContent } from './domain/template-types';
import { DEFAULT_TEMPLATE_SET } from './domain/templates';
import { renderRepository } from './render.repository';
import { renderDocumentDocx } from './render/docx';
import { renderDocumentPdf } from './render/pdf';
import { renderDossierPdf, type DossierInput, type DossierOutput } from './render/archive-pdf';

export interface TemplateSource {
  current(): Promise<TemplateSetContent>;
}
export interface SignatureSource {
  /** The recorded signatures of a document, or null when none are recorded (blank lines are printed). */
  of(caseId: string, docType: DocumentTypeCode, ref: string): Promise<DocumentModel['signatures'] | null>;
}

interface Deps {
  database: Database;
  clock: Clock;
  templates?: TemplateSource | undefined;
  signatures?: SignatureSource | undefined;
}

export type RenderFormat = 'pdf' | 'docx';
export const RENDER_TYPES: Record<RenderFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

type ReadCase = NonNullable<Awaited<ReturnType<typeof renderRepository.caseForRender>>>;

function caseForFill(r: ReadCase, docType: DocumentTypeCode): CaseForFill {
  const c = r.c;
  const type = documentType(docType)!;
  // The officers of the step the document belongs to (as they were that day), else of the latest step with officers.
  const withOfficers = r.events.filter((e) => e.officers.length > 0);
  const ofStep = type.steps ? withOfficers.filter((e) => (type.steps as readonly string[]).includes(e.action)).at(-1) : undefined;
  const officers = (ofStep ?? withOfficers.at(-1))?.officers ?? [];
  return {
    caseNo: c.caseNo ?? c.leadNo,
    source: c.source,
    procedure: c.procedure,
    actDate: c.actDate,
    actPlace: c.actPlace,
    summary: c.facts.leadSummary,
    parties: r.parties.map((p) => ({ kind: p.kind, name: p.name, idNumberMasked: p.idNumber ? maskIdNumber(p.idNumber) : null, phone: p.phone, address: p.address })),
    violation: c.violation,
    proposedPenalty: c.proposedPenalty,
    decidedPenalty: c.decidedPenalty,
    officers: officers.map((o) => ({ name: o.name, certificateNo: o.certificateNo })),
    facts: c.facts,
    timeline: r.events,
    seizures: r.seizures,
  };
}

export function createRenderService({ database, clock, templates, signatures }: Deps) {
  const { db } = database;
  const templateSource: TemplateSource = templates ?? { current: async () => DEFAULT_TEMPLATE_SET };

  /**
   * The filled document (no scope check: the caller has checked it, or composes an archive). `ref` tells documents of
   * one type apart (two 询问笔录); on a 送达回证 it names the type of the document served (default: the decision).
   */
  async function modelOf(r: ReadCase, docType: DocumentTypeCode, ref: string): Promise<DocumentModel> {
    const issued = (t: string, rf = '') => r.numbers.find((n) => n.docType === t && n.ref === rf)?.number ?? null;
    const decisionType = r.c.procedure === 'simple' ? 'simple_penalty_decision' : 'penalty_decision';
    const decisionNumber = issued(decisionType) ?? r.c.facts.decision?.number ?? null;
    let served: string | null = null;
    if (docType === 'service_receipt') {
      const t = documentType(ref) ?? documentType(decisionType)!;
      const n = t.code === decisionType ? decisionNumber : issued(t.code);
      served = n ? `${t.name}（${n}）` : t.name;
    }
    const content = await templateSource.current();
    const data = fillDataOfCase(caseForFill(r, docType), {
      bureau: r.bureau,
      unitName: r.unitName,
      unitShortName: r.unitShortName,
      today: shanghaiDay(clock.now()),
      number: issued(docType, ref),
      decisionNumber,
      served,
      signatures: (await signatures?.of(r.c.id, docType, ref)) ?? null,
    });
    // A set in force always has every template (publishing refuses one without); a lack here is a fault (500).
    return fillDocument(content, docType, data);
  }

  return {
    /** For the 卷宗 composer: the filled document of a case, read with `tx`; null when the case does not exist. */
    async documentModel(tx: DbOrTx, caseId: string, docType: DocumentTypeCode, ref = ''): Promise<DocumentModel | null> {
      const r = await renderRepository.caseForRender(tx, caseId);
      return r ? modelOf(r, docType, ref) : null;
    },

    /**
     * The 卷宗 PDF of a case (archive module's composer): each 文书 filled from the case read with `tx`, framed by the
     * cover, the 卷内目录 and the 备考表. Documents of an unknown type are left out.
     */
    async composeDossier(tx: DbOrTx, req: { caseId: string; cover: DossierInput['cover']; documents: readonly { docType: string; ref: string }[]; photos: DossierInput['photos']; note: DossierInput['note'] }): Promise<DossierOutput> {
      const r = await renderRepository.caseForRender(tx, req.caseId);
      if (!r) throw notFound('case.not_found', 'Case not found');
      const documents: DocumentModel[] = [];
      for (const d of req.documents) {
        const t = documentType(d.docType);
        if (t) documents.push(await modelOf(r, t.code, d.ref));
      }
      return renderDossierPdf({ cover: { bureau: r.bureau, ...req.cover }, documents, photos: req.photos, note: req.note });
    },

    async render(actor: Actor, q: { caseId: string; docType: DocumentTypeCode; ref?: string | undefined; format: RenderFormat }): Promise<{ fileName: string; contentType: string; data: Buffer }> {
      const r = await renderRepository.caseForRender(db, q.caseId);
      // Out of scope answers exactly like missing (as the case module does).
      if (!r || !inScope(actor, r.unitPath)) throw notFound('case.not_found', 'Case not found');
      const type = documentType(q.docType)!;
      const missing = missingSteps(type, new Set(r.events.map((e) => e.action)));
      if (missing.length) throw conflict('document.step_not_reached', `A ${type.name} needs one of the steps ${missing.join(', ')} on the case first`, { docType: type.code, steps: missing });
      const model = await modelOf(r, q.docType, q.ref ?? '');
      const data = q.format === 'pdf' ? await renderDocumentPdf(model) : await renderDocumentDocx(model);
      const who = r.parties[0]?.name;
      const fileName = `${model.title}${model.number ? `_${model.number}` : ''}${who ? `_${who}` : ''}.${q.format}`;
      return { fileName, contentType: RENDER_TYPES[q.format], data };
    },
  };
}

export type RenderService = ReturnType<typeof createRenderService>;

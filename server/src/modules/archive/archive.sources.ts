import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { createRenderService, DEFAULT_TEMPLATE_SET, DOCUMENT_TYPES } from '../document';
import { archiveRepository } from './archive.repository';
import type { DossierComposer } from './archive.service';

const NUMBERED = new Set<string>(DOCUMENT_TYPES.filter((t) => t.word !== null).map((t) => t.code));

/**
 * The 卷宗 composer on the document module's render path (`composeDossier`: each 文书 filled from the case read with
 * the step's `tx`, framed by cover, 卷内目录 and 备考表).
 *
 * The renderer's template and signature sources read outside a transaction; the 归档 step composes inside its own
 * (and PGlite has one connection: a read outside it would wait for it for ever). So the composer gives the renderer
 * sources that read with `tx`: the published template set (the shipped one until a set is published, as the renderer
 * does) and the signatures recorded on the document, counted as the document module counts them (a signature on a
 * numbered type counts only on the 文号 in force).
 */
export function dossierComposerOf(database: Database, clock: Clock): DossierComposer {
  return {
    async compose(tx: DbOrTx, req) {
      const [published, sigs, numbers] = await Promise.all([archiveRepository.publishedTemplates(tx), archiveRepository.signatures(tx, req.caseId), archiveRepository.issuedNumberIds(tx, req.caseId)]);
      const inForce = new Map(numbers.map((n) => [`${n.docType}\u0000${n.ref}`, n.id]));
      const render = createRenderService({
        database,
        clock,
        templates: { current: async () => published ?? DEFAULT_TEMPLATE_SET },
        signatures: {
          async of(_caseId, docType, ref) {
            const mine = sigs.filter((s) => s.docType === docType && s.ref === ref && (!NUMBERED.has(docType) || (s.numberId !== null && inForce.get(`${docType}\u0000${ref}`) === s.numberId)));
            return mine.length ? mine.map((s) => ({ role: s.role as 'officer', name: s.name, signedAt: s.signedOn, refused: s.refused, note: s.note })) : null;
          },
        },
      });
      return render.composeDossier(tx, req);
    },
  };
}

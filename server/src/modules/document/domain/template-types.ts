import type { DocumentTypeCode } from './numbering';

/**
 * The shapes shared by the 文书 templates (versioned data an administrator edits per bureau), the filler (case →
 * document model) and the renderers (model → DOCX / PDF, one document or a whole 卷宗). Pure types.
 *
 * Placeholders in template text are `{{path}}` into the fill data, e.g. `{{party.name}}`, `{{case.actPlace}}`,
 * `{{decision.fineYuan}}`; the filler lists the paths it knows, and a template that names an unknown path is refused
 * when it is saved (not when a document is printed).
 */

/** One block of a template's body. */
export type TemplateBlock =
  | { kind: 'paragraph'; text: string }
  /** Label/value rows, drawn as a bordered table like the paper forms (当事人 姓名 … 住址 …). */
  | { kind: 'fields'; rows: { label: string; value: string }[] }
  /** A heading inside the body (一、违法事实). */
  | { kind: 'heading'; text: string }
  /** Ruled lines left blank for handwriting (笔录 pages). */
  | { kind: 'blank_lines'; count: number };

/** Who signs where at the foot of the document. */
export type SignatureRole = 'officer' | 'party' | 'witness' | 'reviewer' | 'leader';

export interface DocumentTemplate {
  docType: DocumentTypeCode;
  /** The title printed on the form (行政处罚决定书). */
  title: string;
  body: TemplateBlock[];
  /** Signature lines in order; an officer line appears twice for the two officers. */
  signatures: SignatureRole[];
  /** Whether the issuing unit's seal area (印章) is drawn (decisions and notices: yes; 笔录: no). */
  seal: boolean;
}

export interface TemplateSetContent {
  /** The bureau's header printed above each title (南通市崇川区城市管理行政执法局 …); `{{unit.name}}` allowed. */
  header: string;
  /** The 文号 prefix for a team, `{{unit.shortName}}城管` by default (numbering.ts `defaultUnitPrefix`). */
  numberPrefix: string;
  /** `{prefix}{word}〔{year}〕第{seq}号` (numbering.ts `patternIssue` checks it). */
  numberPattern: string;
  /** The 文号 word per numbered type (罚决字 …); types not listed keep numbering.ts's default. */
  words: Partial<Record<DocumentTypeCode, string>>;
  templates: DocumentTemplate[];
}

/** A filled document, ready for a renderer: no placeholders left. */
export interface DocumentModel {
  docType: DocumentTypeCode;
  header: string;
  title: string;
  /** The 文号, or null for documents without one (笔录 carry the case number in the body). */
  number: string | null;
  body: TemplateBlock[];
  signatures: { role: SignatureRole; name: string | null; signedAt: string | null; refused: boolean; note: string | null }[];
  seal: boolean;
  /** The unit that issues it (printed in the seal area) and the date (YYYY-MM-DD) printed under it. */
  issuer: string;
  date: string | null;
}

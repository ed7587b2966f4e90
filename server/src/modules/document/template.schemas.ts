import { Type, type TOptional, type TString } from 'typebox';
import { DateTime, Enum, Nullable, Str, Uuid } from '../../platform/schema';
import { DOCUMENT_TYPE_CODES, type DocumentTypeCode } from './domain/numbering';
import type { SignatureRole } from './domain/template-types';

/**
 * The template set as the API carries it (domain/template-types.ts `TemplateSetContent`). Texts are bounded but may
 * be empty here: an empty title or an unknown placeholder is a template issue reported on its field, not a
 * request-shape error.
 */
const Text = (max: number) => Type.String({ maxLength: max });

export const SIGNATURE_ROLES = ['officer', 'party', 'witness', 'reviewer', 'leader'] as const satisfies readonly SignatureRole[];

export const TemplateBlockSchema = Type.Union([
  Type.Object({ kind: Type.Literal('paragraph'), text: Text(4000) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('heading'), text: Text(200) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('fields'), rows: Type.Array(Type.Object({ label: Text(60), value: Text(500) }, { additionalProperties: false }), { maxItems: 60 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('blank_lines'), count: Type.Integer({ minimum: 1, maximum: 60 }) }, { additionalProperties: false }),
]);

const TemplateFields = {
  title: Text(60),
  body: Type.Array(TemplateBlockSchema, { maxItems: 200 }),
  signatures: Type.Array(Enum(SIGNATURE_ROLES), { maxItems: 12 }),
  seal: Type.Boolean(),
};

export const DocumentTemplateSchema = Type.Object({ docType: Enum(DOCUMENT_TYPE_CODES), ...TemplateFields }, { additionalProperties: false });

/** The 文号 word per type; a type left out keeps numbering.ts's default word. */
const wordProps = {} as Record<DocumentTypeCode, TOptional<TString>>;
for (const c of DOCUMENT_TYPE_CODES) wordProps[c] = Type.Optional(Text(20));
export const WordsSchema = Type.Object(wordProps, { additionalProperties: false });

const SettingsFields = {
  header: Text(200),
  numberPrefix: Text(60),
  numberPattern: Text(80),
  words: WordsSchema,
};

export const TemplateSetContentSchema = Type.Object({ ...SettingsFields, templates: Type.Array(DocumentTemplateSchema, { maxItems: 60 }) });

export const TemplateIssueSchema = Type.Object({
  docType: Nullable(Enum(DOCUMENT_TYPE_CODES)),
  field: Type.String({ description: 'numberPattern, words.<type>, templates.<type>.title, templates.<type>.body.3.text …' }),
  reason: Type.String({ description: 'stable code, translated by the web (document.templateIssues.<reason>)' }),
  message: Type.String(),
  params: Type.Optional(Type.Record(Type.String(), Type.String())),
});

const Status = Enum(['draft', 'published', 'superseded'] as const);
const Actions = Type.Array(Type.String(), { description: 'what the caller may do: edit, publish, discard, newDraft' });

export const TemplateVersionSummary = Type.Object({
  id: Uuid,
  label: Type.String(),
  status: Status,
  baseVersionId: Nullable(Uuid),
  note: Nullable(Type.String()),
  publishedAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Integer({ description: 'optimistic lock: send it back as expectedVersion' }),
  actions: Actions,
});

export const TemplateVersionList = Type.Object({ actions: Actions, items: Type.Array(TemplateVersionSummary) });

export const TemplateVersionOut = Type.Object({
  ...TemplateVersionSummary.properties,
  content: TemplateSetContentSchema,
  /** What would stop it from being published (empty for a published version). */
  issues: Type.Array(TemplateIssueSchema),
  /** The placeholders a template text may use, with their zh-CN label. */
  placeholders: Type.Array(Type.Object({ path: Type.String(), label: Type.String() })),
});

export const TemplateVersionParams = Type.Object({ id: Uuid });
export const TemplateTypeParams = Type.Object({ id: Uuid, docType: Enum(DOCUMENT_TYPE_CODES) });

export const CreateTemplateDraftBody = Type.Object({ label: Str(60), note: Type.Optional(Str(500)) }, { additionalProperties: false });

const ExpectedVersion = Type.Integer({ minimum: 1, description: 'the version read; a draft changed meanwhile answers 409 conflict.stale_version' });

export const SaveTemplateSettingsBody = Type.Object({ expectedVersion: ExpectedVersion, ...SettingsFields }, { additionalProperties: false });
export const SaveDocumentTemplateBody = Type.Object({ expectedVersion: ExpectedVersion, ...TemplateFields }, { additionalProperties: false });
export const PublishTemplateBody = Type.Object({ expectedVersion: Type.Optional(ExpectedVersion) }, { additionalProperties: false });

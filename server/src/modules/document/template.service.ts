import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import { recordAudit, SYSTEM_ACTOR } from '../audit';
import { FILL_PATHS, templateIssues, type TemplateIssue } from './domain/fill';
import { documentType, type DocumentTypeCode } from './domain/numbering';
import { numberingIssues, type TemplateSetIssue } from './domain/template-set';
import type { DocumentTemplate, TemplateSetContent } from './domain/template-types';
import { DEFAULT_TEMPLATE_SET } from './domain/templates';
import { templateRepository, type TemplateSetRow } from './template.repository';
import type { CreateTemplateDraftBody, SaveDocumentTemplateBody, SaveTemplateSettingsBody, TemplateVersionList, TemplateVersionOut } from './template.schemas';

interface Deps {
  database: Database;
  clock: Clock;
}

type VersionOutT = Static<typeof TemplateVersionOut>;

export const TEMPLATE_BASELINE_LABEL = '标准文书模板（内置）';

/**
 * Editing and publishing template sets is the work of whoever maintains the bureau's legal texts: `legal.manage`
 * (city administrator, 局机关 staff), the permission that already drafts and publishes the legal rule set and the
 * violation catalogue. Anyone who reads cases (`case.read`) reads the sets.
 */
export const canManageTemplates = (actor: Actor): boolean => actor.permissions.has('legal.manage');

/**
 * First start: the shipped template set (domain/templates.ts) becomes the first published version, audited.
 * Idempotent: once any version exists it is left alone (a bureau's own published set is never replaced).
 */
export async function ensureTemplateBaseline(database: Database, clock: Clock, orgUnitId: string): Promise<{ created: boolean }> {
  return database.db.transaction(async (tx) => {
    await templateRepository.lock(tx);
    if ((await templateRepository.listVersions(tx)).length > 0) return { created: false };
    const now = clock.now();
    const id = newId();
    await templateRepository.insertVersion(tx, { id, label: TEMPLATE_BASELINE_LABEL, status: 'published', baseVersionId: null, note: '随软件发布的标准文书模板', content: DEFAULT_TEMPLATE_SET, orgUnitId, publishedAt: now, createdAt: now, updatedAt: now, version: 1 });
    await recordAudit(tx, clock, SYSTEM_ACTOR, { action: 'document.template.bootstrap', entityType: 'document_template_set', entityId: id, orgUnitId, after: { label: TEMPLATE_BASELINE_LABEL, templates: DEFAULT_TEMPLATE_SET.templates.length } });
    return { created: true };
  });
}

/** fill.ts words its problems for people (in Chinese); the web translates by reason, so each known one gets its code. */
const TEXT_REASONS: [RegExp, string, ((m: RegExpMatchArray) => Record<string, string>)?][] = [
  [/^未知的填充项 \{\{(.*)\}\}$/, 'unknown_placeholder', (m) => ({ name: `{{${m[1]}}}` })],
  [/花括号不成对/, 'unbalanced_braces'],
  [/抬头不能为空/, 'header_empty'],
  [/标题不能为空/, 'title_empty'],
  [/^缺少.*的模板$/, 'template_missing'],
  [/模板重复$/, 'template_repeated'],
  [/表格至少需要一行/, 'rows_empty'],
  [/缺少栏目名称/, 'row_label_empty'],
  [/空白行数/, 'blank_lines_count'],
];

/** A fill.ts issue placed on the set's field path (templates.<type>.body[2].text …) with its reason. */
function placed(i: TemplateIssue): TemplateSetIssue {
  const field = i.docType === null || i.field.startsWith('words.') ? i.field : i.field === 'template' ? `templates.${i.docType}` : `templates.${i.docType}.${i.field}`;
  const type = i.docType ? documentType(i.docType)?.name : undefined;
  for (const [re, reason, params] of TEXT_REASONS) {
    const m = i.message.match(re);
    if (m) return { docType: i.docType, field, reason, message: i.message, params: { ...(type ? { type } : {}), ...(params?.(m) ?? {}) } };
  }
  return { docType: i.docType, field, reason: 'other', message: i.message, params: { ...(type ? { type } : {}), text: i.message } };
}

/**
 * Every reason the set cannot be published, each on its field: the 文号 rules (template-set.ts) and the texts
 * (fill.ts `templateIssues`: placeholders the filler does not know, empty titles, a type without its template …).
 */
export function templateSetIssues(content: TemplateSetContent): TemplateSetIssue[] {
  const numbering = numberingIssues(content);
  const texts = templateIssues(content)
    .map(placed)
    // The pattern and the words are numberingIssues' own (with reasons the web words); fill.ts checks them too.
    .filter((i) => !(i.field === 'numberPattern' || i.field.startsWith('words.') || (i.field === 'numberPrefix' && i.reason === 'unknown_placeholder')));
  return [...numbering, ...texts];
}

function invalid(issues: readonly TemplateSetIssue[]): AppError {
  return new AppError(400, 'document.template_invalid', `${issues.length} problem(s) in the template set: ${issues.slice(0, 3).map((i) => `${i.field}: ${i.message}`).join('; ')}`, { issues });
}

const STATUS_ORDER = { draft: 0, published: 1, superseded: 2 } as const;

export function createTemplateService({ database, clock }: Deps) {
  const { db } = database;

  function actionsOf(actor: Actor, v: TemplateSetRow, draftExists: boolean): string[] {
    if (!canManageTemplates(actor)) return [];
    if (v.status === 'draft') return ['edit', 'publish', 'discard'];
    if (v.status === 'published' && !draftExists) return ['newDraft'];
    return [];
  }

  function summary(actor: Actor, v: TemplateSetRow, draftExists: boolean) {
    return {
      id: v.id,
      label: v.label,
      status: v.status as 'draft' | 'published' | 'superseded',
      baseVersionId: v.baseVersionId,
      note: v.note,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      createdAt: v.createdAt.toISOString(),
      updatedAt: v.updatedAt.toISOString(),
      version: v.version,
      actions: actionsOf(actor, v, draftExists),
    };
  }

  async function view(actor: Actor, v: TemplateSetRow, tx: DbOrTx = db): Promise<VersionOutT> {
    const draftExists = v.status === 'draft' || !!(await templateRepository.draftVersion(tx));
    return { ...summary(actor, v, draftExists), content: v.content, issues: v.status === 'draft' ? templateSetIssues(v.content) : [], placeholders: FILL_PATHS.map((f) => ({ path: f.path, label: f.label })) };
  }

  async function loadVersion(tx: DbOrTx, id: string) {
    const v = await templateRepository.findVersion(tx, id);
    if (!v) throw notFound('document.template_not_found', 'Template set version not found');
    return v;
  }

  /** The draft, locked against other writers, at the version the caller read. */
  async function loadDraft(tx: DbOrTx, id: string, expectedVersion?: number) {
    await templateRepository.lock(tx);
    const v = await loadVersion(tx, id);
    if (v.status !== 'draft') throw conflict('document.template_immutable', `Version ${v.label} is ${v.status} and cannot be changed; create a new draft`, { status: v.status });
    if (expectedVersion !== undefined && expectedVersion !== v.version) throw conflict('conflict.stale_version', 'The draft was changed meanwhile; reload it', { currentVersion: v.version });
    return v;
  }

  /** Stores the draft's new content (version + 1) with its audit entry. */
  async function storeDraft(tx: DbOrTx, actor: Actor, v: TemplateSetRow, content: TemplateSetContent, audit: { action: 'document.template.settings' | 'document.template.edit'; before: unknown; after: unknown; docType?: DocumentTypeCode }) {
    const now = clock.now();
    const row = await templateRepository.updateVersion(tx, v.id, { content, updatedAt: now, version: v.version + 1 });
    await recordAudit(tx, clock, actor, {
      action: audit.action,
      entityType: 'document_template_set',
      entityId: audit.docType ? `${v.id}:${audit.docType}` : v.id,
      orgUnitId: v.orgUnitId,
      before: audit.before,
      after: audit.after,
    });
    return row;
  }

  return {
    /**
     * The published set, for the renderers and the 文号: the shipped set until one is published (a database whose
     * start-up bootstrap has not run yet still prints and numbers as the software ships).
     */
    async current(): Promise<TemplateSetContent> {
      return (await templateRepository.publishedVersion(db))?.content ?? DEFAULT_TEMPLATE_SET;
    },

    async listVersions(actor: Actor): Promise<Static<typeof TemplateVersionList>> {
      const versions = await templateRepository.listVersions(db);
      const draftExists = versions.some((v) => v.status === 'draft');
      versions.sort((a, b) => STATUS_ORDER[a.status as keyof typeof STATUS_ORDER] - STATUS_ORDER[b.status as keyof typeof STATUS_ORDER] || b.createdAt.getTime() - a.createdAt.getTime());
      return { actions: canManageTemplates(actor) && !draftExists ? ['newDraft'] : [], items: versions.map((v) => summary(actor, v, draftExists)) };
    },

    getVersion: async (actor: Actor, id: string) => view(actor, await loadVersion(db, id)),

    /** A new draft, a copy of the published set (of the shipped one when none is published). One draft at a time. */
    async createDraft(actor: Actor, body: Static<typeof CreateTemplateDraftBody>): Promise<VersionOutT> {
      const row = await db.transaction(async (tx) => {
        await templateRepository.lock(tx);
        const draft = await templateRepository.draftVersion(tx);
        if (draft) throw conflict('document.template_draft_exists', `Draft ${draft.label} exists; publish or discard it first`, { id: draft.id, label: draft.label });
        const label = body.label.trim();
        if (await templateRepository.findVersionByLabel(tx, label)) throw conflict('document.template_label_taken', `Version ${label} exists`, { issues: [{ field: 'label', message: 'a version with this label exists', code: 'invalid' }] });
        const published = await templateRepository.publishedVersion(tx);
        const now = clock.now();
        const row: TemplateSetRow = { id: newId(), label, status: 'draft', baseVersionId: published?.id ?? null, note: body.note?.trim() || null, content: published?.content ?? DEFAULT_TEMPLATE_SET, orgUnitId: actor.orgUnitId, publishedAt: null, createdAt: now, updatedAt: now, version: 1 };
        await templateRepository.insertVersion(tx, row);
        await recordAudit(tx, clock, actor, { action: 'document.template.create', entityType: 'document_template_set', entityId: row.id, orgUnitId: actor.orgUnitId, after: { label, baseVersionId: row.baseVersionId } });
        return row;
      });
      return view(actor, row);
    },

    /** The draft's header, 文号 prefix, pattern and words; refused with every problem of those fields. */
    async saveSettings(actor: Actor, id: string, body: Static<typeof SaveTemplateSettingsBody>): Promise<VersionOutT> {
      const row = await db.transaction(async (tx) => {
        const v = await loadDraft(tx, id, body.expectedVersion);
        const words = Object.fromEntries(Object.entries(body.words).map(([k, w]) => [k, w.trim()])) as TemplateSetContent['words'];
        const content: TemplateSetContent = { ...v.content, header: body.header.trim(), numberPrefix: body.numberPrefix.trim(), numberPattern: body.numberPattern.trim(), words };
        const issues = templateSetIssues(content).filter((i) => i.field === 'header' || i.field === 'numberPrefix' || i.field === 'numberPattern' || i.field.startsWith('words.'));
        if (issues.length) throw invalid(issues);
        const pick = (c: TemplateSetContent) => ({ header: c.header, numberPrefix: c.numberPrefix, numberPattern: c.numberPattern, words: c.words });
        return storeDraft(tx, actor, v, content, { action: 'document.template.settings', before: pick(v.content), after: pick(content) });
      });
      return view(actor, row);
    },

    /** One type's template in the draft (title, body blocks, signatures, seal); refused with every problem of it. */
    async saveTemplate(actor: Actor, id: string, docType: DocumentTypeCode, body: Static<typeof SaveDocumentTemplateBody>): Promise<VersionOutT> {
      const row = await db.transaction(async (tx) => {
        const v = await loadDraft(tx, id, body.expectedVersion);
        const template: DocumentTemplate = { docType, title: body.title.trim(), body: body.body, signatures: body.signatures, seal: body.seal };
        const before = v.content.templates.find((t) => t.docType === docType) ?? null;
        const templates = before ? v.content.templates.map((t) => (t.docType === docType ? template : t)) : [...v.content.templates, template];
        const content: TemplateSetContent = { ...v.content, templates };
        const issues = templateSetIssues(content).filter((i) => i.docType === docType && i.field.startsWith(`templates.${docType}`));
        if (issues.length) throw invalid(issues);
        return storeDraft(tx, actor, v, content, { action: 'document.template.edit', before, after: template, docType });
      });
      return view(actor, row);
    },

    /**
     * Publishing freezes the draft and supersedes the set published so far; documents printed and numbers issued from
     * now on follow it (numbers issued before keep their text). Refused with every problem of the set.
     */
    async publish(actor: Actor, id: string, expectedVersion?: number): Promise<VersionOutT> {
      const row = await db.transaction(async (tx) => {
        const v = await loadDraft(tx, id, expectedVersion);
        const issues = templateSetIssues(v.content);
        if (issues.length) throw invalid(issues);
        const now = clock.now();
        const old = await templateRepository.publishedVersion(tx);
        if (old) await templateRepository.updateVersion(tx, old.id, { status: 'superseded' });
        const published = await templateRepository.updateVersion(tx, v.id, { status: 'published', publishedAt: now, updatedAt: now, version: v.version + 1 });
        await recordAudit(tx, clock, actor, {
          action: 'document.template.publish',
          entityType: 'document_template_set',
          entityId: v.id,
          orgUnitId: v.orgUnitId,
          before: old ? { published: old.label, numberPrefix: old.content.numberPrefix, numberPattern: old.content.numberPattern } : null,
          after: { label: v.label, numberPrefix: v.content.numberPrefix, numberPattern: v.content.numberPattern, templates: v.content.templates.length },
        });
        return published;
      });
      return view(actor, row);
    },

    /** Drops a draft; published and superseded versions stay forever. */
    async discardDraft(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const v = await loadDraft(tx, id);
        await templateRepository.deleteVersion(tx, v.id);
        await recordAudit(tx, clock, actor, { action: 'document.template.discard', entityType: 'document_template_set', entityId: v.id, orgUnitId: v.orgUnitId, before: { label: v.label, version: v.version } });
      });
    },
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;

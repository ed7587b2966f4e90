import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import type { IssueProblem } from '../../platform/validation';
import { recordAudit } from '../audit';
import { diffVersions } from './domain/diff';
import { leaves, orderTree, treeIssues, type CatalogNodeData, type TreeIssue } from './domain/tree';
import { catalogRepository, type NewNodeRow, type NodeRow, type VersionRow } from './catalog.repository';
import { MissingSheetError, readCatalogWorkbook, WorkbookError, writeCatalogWorkbook } from './catalog.workbook';
import { placeIssues } from './domain/workbook-rows';

/** Checks a computed rule; returns a message with the position of the problem, or null when it is fine. */
/** Why a computed item's rule does not parse or type-check (ledger's rule language), or null. */
export type RuleChecker = (rule: string) => IssueProblem | null;

interface Deps {
  database: Database;
  clock: Clock;
  /** Supplied by the ledger module (computed-rule language); without it a computed item needs a non-empty rule. */
  ruleChecker?: RuleChecker;
}

export function toNodeData(n: NodeRow): CatalogNodeData {
  return {
    code: n.code,
    parentCode: n.parentCode,
    title: n.title,
    text: n.text,
    points: n.points,
    method: n.method as CatalogNodeData['method'],
    rule: n.rule,
    evidence: n.evidence,
    isVeto: n.isVeto,
    appliesTo: n.appliesTo as CatalogNodeData['appliesTo'],
    guidance: n.guidance,
  };
}

/** Node rows for a version from plain node data, depth-first ordered. */
export function nodeRows(versionId: string, nodes: readonly (CatalogNodeData & { origin?: string; changeReason?: string | null })[]): NewNodeRow[] {
  return orderTree(nodes).map(({ node, depth }, ordinal) => ({
    id: newId(),
    versionId,
    ...toRowFields(node),
    depth,
    ordinal,
    origin: node.origin ?? 'own',
    changeReason: node.changeReason ?? null,
  }));
}

function toRowFields(n: CatalogNodeData) {
  return {
    code: n.code,
    parentCode: n.parentCode,
    title: n.title,
    text: n.text,
    points: n.points,
    method: n.method,
    rule: n.rule,
    evidence: n.evidence,
    isVeto: n.isVeto,
    appliesTo: n.appliesTo,
    guidance: n.guidance,
  };
}

function nodeOut(n: NodeRow, leafCodes: Set<string>) {
  return { ...toNodeData(n), depth: n.depth, origin: n.origin, changeReason: n.changeReason, isItem: leafCodes.has(n.code) };
}

const canManage = (actor: Actor) => actor.permissions.has('catalog.manage');

function versionActions(actor: Actor, v: VersionRow): string[] {
  if (!canManage(actor)) return ['export'];
  const a = ['export', 'newDraft'];
  if (v.status === 'draft') a.push('edit', 'publish');
  return a;
}

function summarize(nodes: readonly NodeRow[]) {
  const items = leaves(nodes);
  return {
    aspectCount: nodes.filter((n) => n.parentCode === null).length,
    itemCount: items.length,
    totalPoints: Math.round(items.reduce((s, n) => s + (n.points ?? 0), 0) * 100) / 100,
    vetoCount: items.filter((n) => n.isVeto).length,
  };
}

export function invalidTree(issues: TreeIssue[], code = 'catalog.invalid_tree'): AppError {
  return new AppError(400, code, `${issues.length} problem(s) in the catalog: ${issues.slice(0, 3).map((i) => `${i.row ? `row ${i.row} ` : ''}${i.nodeCode} ${i.field}: ${i.message}`).join('; ')}`, { issues });
}

export function createCatalogService({ database, clock, ruleChecker }: Deps) {
  const { db } = database;

  async function loadVersion(tx: DbOrTx, id: string): Promise<VersionRow> {
    const v = await catalogRepository.findVersion(tx, id);
    if (!v) throw notFound('catalog.version_not_found', 'Standard version not found');
    return v;
  }

  async function loadDraft(tx: DbOrTx, actor: Actor, id: string): Promise<VersionRow> {
    if (!canManage(actor)) throw forbidden('auth.forbidden', 'Only bureau staff maintain the catalog');
    const v = await loadVersion(tx, id);
    if (v.status !== 'draft') throw conflict('catalog.version_immutable', `Version ${v.label} is ${v.status} and cannot be changed; create a new draft`);
    return v;
  }

  async function versionView(actor: Actor, v: VersionRow) {
    const std = await catalogRepository.findStandard(db, v.standardId);
    const nodes = await catalogRepository.nodesOf(db, v.id);
    const leafCodes = new Set(leaves(nodes).map((n) => n.code));
    return {
      id: v.id,
      standardId: v.standardId,
      standardCode: std?.code ?? '',
      standardName: std?.name ?? '',
      standardKind: std?.kind ?? '',
      label: v.label,
      status: v.status,
      baseVersionId: v.baseVersionId,
      note: v.note,
      isDemo: v.isDemo,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      version: v.version,
      ...summarize(nodes),
      actions: versionActions(actor, v),
      nodes: nodes.map((n) => nodeOut(n, leafCodes)),
    };
  }

  return {
    async listStandards(actor: Actor) {
      const [standards, versions] = await Promise.all([catalogRepository.listStandards(db), catalogRepository.listVersions(db)]);
      const nodes = await catalogRepository.nodesOfVersions(db, versions.map((v) => v.id));
      const byVersion = new Map<string, NodeRow[]>();
      for (const n of nodes) byVersion.set(n.versionId, [...(byVersion.get(n.versionId) ?? []), n]);
      return {
        actions: canManage(actor) ? ['createStandard', 'import'] : [],
        items: standards.map((s) => ({
          id: s.id,
          code: s.code,
          name: s.name,
          issuer: s.issuer,
          kind: s.kind,
          isDemo: s.isDemo,
          versions: versions
            .filter((v) => v.standardId === s.id)
            .map((v) => ({
              id: v.id,
              label: v.label,
              status: v.status,
              baseVersionId: v.baseVersionId,
              isDemo: v.isDemo,
              publishedAt: v.publishedAt?.toISOString() ?? null,
              ...summarize(byVersion.get(v.id) ?? []),
              actions: versionActions(actor, v),
            })),
        })),
      };
    },

    getVersion: async (actor: Actor, id: string) => versionView(actor, await loadVersion(db, id)),

    async createStandard(actor: Actor, body: { code: string; name: string; issuer: string; kind: 'provincial' | 'local_profile' }) {
      if (!canManage(actor)) throw forbidden('auth.forbidden', 'Only bureau staff maintain the catalog');
      if (await catalogRepository.findStandardByCode(db, body.code)) throw conflict('catalog.code_taken', `Standard code ${body.code} is already used`, { issues: [{ field: 'code', message: `Standard code ${body.code} is already used` }] });
      const row = { id: newId(), ...body, orgUnitId: actor.orgUnitId, isDemo: false, createdAt: clock.now() };
      await db.transaction(async (tx) => {
        await catalogRepository.insertStandard(tx, row);
        await recordAudit(tx, clock, actor, { action: 'catalog.standard.create', entityType: 'standard', entityId: row.id, orgUnitId: actor.orgUnitId, after: row });
      });
      return { id: row.id };
    },

    /**
     * A new draft: empty, a copy of an earlier version of the same standard, or (for a local profile)
     * derived from a published provincial version whose nodes it inherits as 'base'.
     */
    async createDraft(actor: Actor, body: { standardId: string; label: string; copyFromVersionId?: string | undefined; baseVersionId?: string | undefined; note?: string | undefined }) {
      if (!canManage(actor)) throw forbidden('auth.forbidden', 'Only bureau staff maintain the catalog');
      const std = await catalogRepository.findStandard(db, body.standardId);
      if (!std) throw notFound('catalog.standard_not_found', 'Standard not found');
      if (await catalogRepository.findVersionByLabel(db, std.id, body.label)) throw conflict('catalog.label_taken', `Version ${body.label} exists`, { issues: [{ field: 'label', message: `Version ${body.label} exists` }] });
      let nodes: NewNodeRow[] = [];
      const id = newId();
      let baseVersionId: string | null = null;
      if (body.copyFromVersionId) {
        const from = await loadVersion(db, body.copyFromVersionId);
        if (from.standardId !== std.id) throw badRequest('catalog.wrong_standard', 'Copy from a version of the same standard', { issues: [{ field: 'copyFromVersionId', message: 'Copy from a version of the same standard' }] });
        baseVersionId = from.baseVersionId;
        nodes = (await catalogRepository.nodesOf(db, from.id)).map((n) => ({ ...n, id: newId(), versionId: id }));
      } else if (body.baseVersionId) {
        const base = await loadVersion(db, body.baseVersionId);
        if (base.status !== 'published') throw badRequest('catalog.base_not_published', 'A profile derives from a published version', { issues: [{ field: 'baseVersionId', message: 'A profile derives from a published version' }] });
        baseVersionId = base.id;
        nodes = (await catalogRepository.nodesOf(db, base.id)).map((n) => ({ ...n, id: newId(), versionId: id, origin: 'base', changeReason: null }));
      }
      if (std.kind === 'local_profile' && !baseVersionId) throw badRequest('catalog.profile_needs_base', 'A local profile derives from a published provincial version', { issues: [{ field: 'baseVersionId', message: 'A local profile derives from a published provincial version' }] });
      const now = clock.now();
      const row: VersionRow = { id, standardId: std.id, label: body.label, status: 'draft', baseVersionId, note: body.note ?? null, orgUnitId: actor.orgUnitId, isDemo: false, publishedAt: null, createdAt: now, updatedAt: now, version: 1 };
      await db.transaction(async (tx) => {
        await catalogRepository.insertVersion(tx, row);
        await catalogRepository.insertNodes(tx, nodes);
        await recordAudit(tx, clock, actor, { action: 'catalog.version.create', entityType: 'standard_version', entityId: id, orgUnitId: actor.orgUnitId, after: { standard: std.code, label: row.label, baseVersionId, copyFrom: body.copyFromVersionId ?? null, nodes: nodes.length } });
      });
      return versionView(actor, row);
    },

    /** Adds or changes one node of a draft. In a profile, changing an inherited node marks it tightened. */
    async saveNode(actor: Actor, versionId: string, code: string, data: Omit<CatalogNodeData, 'code'> & { changeReason?: string | null | undefined }) {
      return db.transaction(async (tx) => {
        const v = await loadDraft(tx, actor, versionId);
        const nodes = await catalogRepository.nodesOf(tx, v.id);
        const existing = nodes.find((n) => n.code === code);
        const proposed = nodes.map(toNodeData).filter((n) => n.code !== code);
        const { changeReason, ...fields } = data;
        proposed.push({ ...fields, code });
        // Only the structural problems this edit could cause block saving; completeness is checked at publish.
        const issues = treeIssues(proposed, ruleChecker).filter((i) => i.nodeCode === code && ['code', 'parentCode', 'rule'].includes(i.field));
        if (issues.length) throw invalidTree(issues);
        const origin = existing ? (existing.origin === 'base' ? 'tightened' : existing.origin) : v.baseVersionId ? 'added' : 'own';
        if (existing) {
          await catalogRepository.updateNode(tx, existing.id, { ...toRowFields({ ...fields, code }), origin, changeReason: changeReason ?? existing.changeReason });
        } else {
          const parent = nodes.find((n) => n.code === fields.parentCode);
          await catalogRepository.insertNodes(tx, [
            { id: newId(), versionId: v.id, ...toRowFields({ ...fields, code }), depth: parent ? parent.depth + 1 : 0, ordinal: nodes.length, origin, changeReason: changeReason ?? null },
          ]);
        }
        await recordAudit(tx, clock, actor, {
          action: existing ? 'catalog.node.update' : 'catalog.node.create',
          entityType: 'catalog_node',
          entityId: `${v.id}:${code}`,
          orgUnitId: v.orgUnitId,
          before: existing ? toNodeData(existing) : null,
          after: { ...fields, code, origin },
        });
        await reorder(tx, v.id);
        return { code, origin };
      });
    },

    async deleteNode(actor: Actor, versionId: string, code: string) {
      await db.transaction(async (tx) => {
        const v = await loadDraft(tx, actor, versionId);
        const nodes = await catalogRepository.nodesOf(tx, v.id);
        const node = nodes.find((n) => n.code === code);
        if (!node) throw notFound('catalog.node_not_found', `No node ${code}`);
        if (nodes.some((n) => n.parentCode === code)) throw conflict('catalog.node_has_children', `Node ${code} has children; remove them first`);
        await catalogRepository.deleteNodes(tx, [node.id]);
        await recordAudit(tx, clock, actor, { action: 'catalog.node.delete', entityType: 'catalog_node', entityId: `${v.id}:${code}`, orgUnitId: v.orgUnitId, before: toNodeData(node) });
      });
    },

    /** Publishing freezes the version (and supersedes the previously published one of the same standard). */
    async publish(actor: Actor, versionId: string) {
      // The view is read after commit: on PGlite a query outside the open transaction would wait for it forever.
      const published = await db.transaction(async (tx) => {
        const v = await loadDraft(tx, actor, versionId);
        const nodes = await catalogRepository.nodesOf(tx, v.id);
        if (nodes.length === 0) throw badRequest('catalog.empty', 'An empty version cannot be published');
        const issues = treeIssues(nodes.map(toNodeData), ruleChecker);
        if (issues.length) throw invalidTree(issues);
        const now = clock.now();
        for (const old of await catalogRepository.publishedVersionsOf(tx, v.standardId)) {
          await catalogRepository.setVersionStatus(tx, old.id, 'superseded', { updatedAt: now });
        }
        const published = await catalogRepository.setVersionStatus(tx, v.id, 'published', { publishedAt: now, updatedAt: now, version: v.version + 1 });
        await recordAudit(tx, clock, actor, { action: 'catalog.version.publish', entityType: 'standard_version', entityId: v.id, orgUnitId: v.orgUnitId, after: { label: v.label, ...summarize(nodes) } });
        return published!;
      });
      return versionView(actor, published);
    },

    async compare(fromId: string, toId: string) {
      const [from, to] = await Promise.all([loadVersion(db, fromId), loadVersion(db, toId)]);
      const [a, b] = await Promise.all([catalogRepository.nodesOf(db, from.id), catalogRepository.nodesOf(db, to.id)]);
      return { from: { id: from.id, label: from.label }, to: { id: to.id, label: to.label }, ...diffVersions(a.map(toNodeData), b.map(toNodeData)) };
    },

    async exportWorkbook(versionId: string): Promise<{ fileName: string; data: Buffer }> {
      const v = await loadVersion(db, versionId);
      const std = await catalogRepository.findStandard(db, v.standardId);
      const nodes = await catalogRepository.nodesOf(db, v.id);
      const data = await writeCatalogWorkbook(
        { standardCode: std?.code ?? '', standardName: std?.name ?? '', issuer: std?.issuer ?? '', versionLabel: v.label, status: v.status, note: v.note },
        nodes.map(toNodeData),
      );
      return { fileName: `${std?.code ?? 'catalog'}-${v.label}.xlsx`, data };
    },

    /**
     * Imports a workbook as a new draft version of a standard. Every row is checked first; on any
     * problem nothing is written and all problems come back with their row and column.
     */
    async importWorkbook(actor: Actor, params: { standardId: string; label: string; note?: string | undefined; dryRun?: boolean | undefined }, file: Buffer) {
      if (!canManage(actor)) throw forbidden('auth.forbidden', 'Only bureau staff maintain the catalog');
      const std = await catalogRepository.findStandard(db, params.standardId);
      if (!std) throw notFound('catalog.standard_not_found', 'Standard not found');
      let parsed;
      try {
        parsed = await readCatalogWorkbook(file);
      } catch (e) {
        if (e instanceof MissingSheetError) {
          const issue: TreeIssue = { row: 0, column: '', nodeCode: '', field: 'file', message: e.message, code: 'sheet_missing', params: { sheet: e.sheet, sheets: e.sheets.join('、') || '-' } };
          throw badRequest('catalog.import_unreadable', e.message, { issues: [issue] });
        }
        if (e instanceof WorkbookError) throw badRequest('catalog.import_unreadable', e.message);
        throw e;
      }
      // A cell already reported as unreadable is not reported again as missing by the tree check.
      const seen = new Set(parsed.issues.map((i) => `${i.row}:${i.field}`));
      const treeProblems = parsed.issues.some((i) => i.row === 1) ? [] : placeIssues(parsed, treeIssues(parsed.nodes, ruleChecker).filter((i) => !seen.has(`${i.row}:${i.field}`)));
      const issues = [...parsed.issues, ...treeProblems];
      if (parsed.nodes.length === 0 && issues.length === 0) issues.push({ row: 2, column: '', nodeCode: '', field: 'code', message: 'the sheet has no rows', code: 'sheet_empty' });
      if (issues.length) throw invalidTree(issues, 'catalog.import_invalid');
      const summary = { nodes: parsed.nodes.length, items: leaves(parsed.nodes).length, totalPoints: leaves(parsed.nodes).reduce((s, n) => s + (n.points ?? 0), 0) };
      if (params.dryRun) return { dryRun: true, ...summary, version: null };
      if (await catalogRepository.findVersionByLabel(db, std.id, params.label)) throw conflict('catalog.label_taken', `Version ${params.label} exists`, { issues: [{ field: 'label', message: 'a version with this label exists' }] });
      const id = newId();
      const now = clock.now();
      const row: VersionRow = { id, standardId: std.id, label: params.label, status: 'draft', baseVersionId: null, note: params.note ?? null, orgUnitId: actor.orgUnitId, isDemo: false, publishedAt: null, createdAt: now, updatedAt: now, version: 1 };
      await db.transaction(async (tx) => {
        await catalogRepository.insertVersion(tx, row);
        await catalogRepository.insertNodes(tx, nodeRows(id, parsed.nodes.map(({ row: _r, ...n }) => n)));
        await recordAudit(tx, clock, actor, { action: 'catalog.version.import', entityType: 'standard_version', entityId: id, orgUnitId: actor.orgUnitId, after: { standard: std.code, label: params.label, ...summary } });
      });
      return { dryRun: false, ...summary, version: await versionView(actor, row) };
    },
  };

  /** Keeps `ordinal` and `depth` depth-first after an edit so reads stay a single ordered scan. */
  async function reorder(tx: DbOrTx, versionId: string) {
    const nodes = await catalogRepository.nodesOf(tx, versionId);
    const ordered = orderTree(nodes);
    for (const [i, { node, depth }] of ordered.entries()) {
      if (node.ordinal !== i || node.depth !== depth) await catalogRepository.updateNode(tx, node.id, { ordinal: i, depth });
    }
  }
}
export type CatalogService = ReturnType<typeof createCatalogService>;

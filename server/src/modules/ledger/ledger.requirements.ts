import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { desc, eq, and } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { notFound } from '../../platform/errors';
import { actorOf, errorResponses } from '../../platform/http';
import { catalogRepository, standard, standardVersion } from '../catalog';
import { orgUnit } from '../org';
import type { ComputedItemEvaluator, ComputedOutcome } from '../assessment';
import { shanghaiDay } from '../assessment';
import { evaluateRule } from './domain/rule';
import { loadRuleData } from './ledger.facts';
import { canReadLedger } from './ledger.policy';
import { RequirementsOut } from './ledger.schemas';

/**
 * Computed standard items evaluated on a team's ledgers: the bridge between the rule language, the
 * ledger facts and the assessment module (which takes it as its ComputedItemEvaluator).
 */
export function createComputedItemEvaluator(database: Database, clock: Clock): ComputedItemEvaluator {
  return {
    async evaluate(orgUnitId, rules) {
      const data = await loadRuleData(database.db, orgUnitId, shanghaiDay(clock.now()));
      const out = new Map<string, ComputedOutcome>();
      for (const r of rules) {
        const e = evaluateRule(r.rule, data);
        out.set(r.code, { value: e.value, explanation: e.explanation, terms: e.terms, missing: e.missing });
      }
      return out;
    },
  };
}

/** `GET /api/ledger/requirements?orgUnitId=`: every computed item of the current published local profile, evaluated for one team. */
export function ledgerRequirementsRoutes(database: Database, clock: Clock): FastifyPluginAsyncTypebox {
  const evaluator = createComputedItemEvaluator(database, clock);
  return async (app) => {
    app.get(
      '/requirements',
      {
        config: { permission: 'ledger.read' },
        schema: {
          tags: ['ledger'],
          summary: "Computed requirements of the current standard evaluated on a team's ledgers (执法保障 overview)",
          querystring: Type.Object({ orgUnitId: Type.String({ format: 'uuid' }), versionId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
          response: { 200: RequirementsOut, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const { db } = database;
        const unit = (await db.select({ id: orgUnit.id, path: orgUnit.path, name: orgUnit.name }).from(orgUnit).where(eq(orgUnit.id, req.query.orgUnitId)))[0];
        if (!unit || !canReadLedger(actor, unit.path)) throw notFound('org.unit_not_found', 'Org unit not found');
        // The version teams are held to: the requested one, else the newest published local profile, else the newest published standard.
        const version = req.query.versionId
          ? await catalogRepository.findVersion(db, req.query.versionId)
          : ((
              await db
                .select({ v: standardVersion })
                .from(standardVersion)
                .innerJoin(standard, eq(standard.id, standardVersion.standardId))
                .where(and(eq(standardVersion.status, 'published'), eq(standard.kind, 'local_profile')))
                .orderBy(desc(standardVersion.publishedAt))
                .limit(1)
            )[0]?.v ?? (await db.select().from(standardVersion).where(eq(standardVersion.status, 'published')).orderBy(desc(standardVersion.publishedAt)).limit(1))[0]);
        if (!version) throw notFound('catalog.version_not_found', 'No published standard version');
        const std = await catalogRepository.findStandard(db, version.standardId);
        const nodes = (await catalogRepository.nodesOf(db, version.id)).filter((n) => n.method === 'computed' && n.rule && n.appliesTo !== 'department');
        const outcomes = await evaluator.evaluate(unit.id, nodes.map((n) => ({ code: n.code, rule: n.rule! })));
        return {
          orgUnitId: unit.id,
          orgUnitName: unit.name,
          versionId: version.id,
          versionLabel: version.label,
          standardName: std?.name ?? '',
          items: nodes.map((n) => {
            const o = outcomes.get(n.code)!;
            return { code: n.code, title: n.title, rule: n.rule, points: n.points, isVeto: n.isVeto, value: o.value, result: o.value === null ? null : o.value ? ('compliant' as const) : ('non_compliant' as const), explanation: o.explanation, terms: o.terms, missing: o.missing };
          }),
        };
      },
    );
  };
}

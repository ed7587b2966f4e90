import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { notFound } from '../../platform/errors';
import { actorOf, errorResponses } from '../../platform/http';
import { catalogRepository } from '../catalog';
import type { ComputedItemEvaluator, ComputedOutcome } from '../assessment';
import { shanghaiDay } from '../assessment';
import { evaluateRule } from './domain/rule';
import { requirementWords } from './domain/rule-words';
import { loadRuleData, type TeamMetricsProvider } from './ledger.facts';
import { ledgerRepository } from './ledger.repository';
import { canReadLedger } from './ledger.policy';
import { RequirementsOut } from './ledger.schemas';

/**
 * Computed standard items evaluated on a team's ledgers: the bridge between the rule language, the
 * ledger facts and the assessment module (which takes it as its ComputedItemEvaluator). Metrics other
 * modules compute (tracking's patrol coverage …) come from the injected providers: the ledger module does
 * not depend on them.
 */
export function createComputedItemEvaluator(database: Database, clock: Clock, metrics: readonly TeamMetricsProvider[] = []): ComputedItemEvaluator {
  return {
    async evaluate(orgUnitId, rules) {
      const data = await loadRuleData(database.db, orgUnitId, shanghaiDay(clock.now()), metrics);
      const out = new Map<string, ComputedOutcome>();
      for (const r of rules) {
        const e = evaluateRule(r.rule, data);
        out.set(r.code, { value: e.value, explanation: e.explanation, terms: e.terms, missing: e.missing });
      }
      return out;
    },
  };
}

/**
 * The overview is read by team leaders: the explanation leads with the requirement and the team's standing in words
 * ("要求：在用执法车辆数量不少于 2 辆" / "实际：1 辆，未达标，差 1 辆"), then the evaluator's line with the rule and
 * its values ("计算：count(asset where …) = 1 ≥ 2 → 不符合"), which the page shows on demand. One line per part, so
 * the response keeps its shape; a rule that does not type-check keeps the evaluator's message alone.
 */
function explain(rule: string, o: ComputedOutcome): string {
  const words = requirementWords(rule, o);
  return words ? `要求：${words.requirement}\n实际：${words.actual}\n计算：${o.explanation}` : o.explanation;
}

/** `GET /api/ledger/requirements?orgUnitId=`: every computed item of the current published local profile, evaluated for one team. */
export function ledgerRequirementsRoutes(database: Database, clock: Clock, evaluator: ComputedItemEvaluator = createComputedItemEvaluator(database, clock)): FastifyPluginAsyncTypebox {
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
        const unit = await ledgerRepository.findUnit(db, req.query.orgUnitId);
        if (!unit || !canReadLedger(actor, unit.path)) throw notFound('org.unit_not_found', 'Org unit not found');
        // The version teams are held to: the requested one, else the newest published local profile, else the newest published standard.
        const version = req.query.versionId ? await catalogRepository.findVersion(db, req.query.versionId) : await catalogRepository.currentPublishedVersion(db);
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
            return { code: n.code, title: n.title, rule: n.rule, points: n.points, isVeto: n.isVeto, value: o.value, result: o.value === null ? null : o.value ? ('compliant' as const) : ('non_compliant' as const), explanation: explain(n.rule!, o), terms: o.terms, missing: o.missing };
          }),
        };
      },
    );
  };
}

import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config';
import type { Database } from './db/client';
import type { Clock } from './platform/clock';
import { registerErrorHandler } from './platform/error-handler';
import { registerInputHardening, registerValidation } from './platform/validation';
import { ErrorBody, registerAuth, registerSecurityHeaders } from './platform/http';
import { logSerializers } from './platform/redact';
import { auditRoutes } from './modules/audit';
import { createIdentityService, identityRoutes, identitySharedSchemas } from './modules/identity';
import { areaImportRoutes, createAreaImport, createOrgService, orgRoutes, orgSharedSchemas } from './modules/org';
import { catalogRoutes, createCatalogService } from './modules/catalog';
import { createLegalCalculator, createLegalService, legalRoutes } from './modules/legal';
import { createViolationService, violationRoutes } from './modules/violation';
import { caseRoutes, createCaseMetrics, createCaseService, legalSourceOf, violationSourceOf } from './modules/case';
import { createDocumentService, createRecordService, createRenderService, createTemplateService, documentRoutes, recordRoutes, renderRoutes, templateRoutes } from './modules/document';
import { clipStepHook, createClipService, createEvidenceService, evidenceRoutes } from './modules/evidence';
import { createOnsiteService, onsiteRoutes } from './modules/onsite';
import { createPublicationService, publicationRoutes, publicDecisionRoutes } from './modules/publication';
import { ruleProblem } from './modules/ledger/domain/rule';
import { createProgressService, progressRoutes } from './modules/progress';
import { assessmentRoutes, createAssessmentService } from './modules/assessment';
import { createFsBlobStore } from './platform/blob-store';
import { createComputedItemEvaluator, createLedgerService, ledgerRequirementsRoutes, ledgerRoutes } from './modules/ledger';
import { createIngest, createLiveHub, createTeamMetrics, createTrackingService, trackingRoutes, type Ingest, type LiveHub, type TrackingService } from './modules/tracking';
import { archiveRoutes, createArchiveService, dossierComposerOf } from './modules/archive';
import { createOpen311Service, createServiceRequests, loadWorkingHours, open311KeyRoutes, open311Routes, requestRoutes } from './modules/service';
import { boardRoutes, categoryRoutes, createServiceBoard, createServiceCategories } from './modules/service';
import { createServiceMetrics } from './modules/service';
import { createHotlineService, hotlineRoutes } from './modules/service';
import { createDuplicateService, duplicateRoutes } from './modules/service';
import { createPublicService, publicServiceRoutes } from './modules/service';
import { pingDatabase } from './db/health';

declare module 'fastify' {
  interface FastifyInstance {
    /** Field tracking parts the composition root shares with the device gateways and background jobs. */
    tracking: { ingest: Ingest; live: LiveHub; service: TrackingService };
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  /** Serve the built web app (production); tests of the API leave it off. */
  serveWeb?: boolean;
  logger?: boolean | { level: string };
  /** Where log lines go (tests read them back); stdout when unset. */
  logStream?: { write(line: string): void };
}

export const APP_VERSION = '0.1.0';

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, clock } = deps;
  const logger = deps.logger ?? { level: config.logLevel };
  // Errors are logged through serializers that drop query parameters and values: no password hash or
  // 身份证号 reaches a log line through a failed statement.
  const loggerOptions: FastifyServerOptions['logger'] =
    logger === false ? false : { ...(logger === true ? {} : logger), serializers: logSerializers, ...(deps.logStream ? { stream: deps.logStream } : {}) };
  const app = Fastify({
    logger: loggerOptions,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    genReqId: () => Math.random().toString(36).slice(2, 10),
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app);
  registerValidation(app);
  registerInputHardening(app);
  registerSecurityHeaders(app, { secureCookies: config.secureCookies, tileUrl: config.tileUrl });
  await app.register(cookie);
  // Before any route: access is decided on the route that matched (see registerAuth).
  const identity = createIdentityService({ database, clock, sessionTtlHours: config.sessionTtlHours });
  registerAuth(app, (token) => identity.resolveSession(token));
  // Uploads (workbooks, evidence) are streamed; each route sets its own size limit below this ceiling.
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 20 } });
  // Shared $ref schemas live at the root: a plugin that adds schemas gets its own schema
  // controller and would silently lose the validator compiler set above.
  for (const schema of [ErrorBody, ...identitySharedSchemas, ...orgSharedSchemas]) app.addSchema(schema);

  await app.register(swagger, {
    openapi: {
      info: { title: 'guifan API', version: APP_VERSION, description: '规范: standardization and on-line enforcement platform' },
      tags: [
        { name: 'platform', description: 'health and client configuration' },
        { name: 'identity', description: 'users, sessions, roles' },
        { name: 'org', description: 'org units and grids' },
        { name: 'audit', description: '全过程记录: hash-chained audit trail' },
        { name: 'catalog', description: '标准库: standards, versions, Excel import/export' },
        { name: 'progress', description: '目标与差距: targets, daily snapshots, dashboard, forecasts, meeting reports' },
        { name: 'assessment', description: '达标评估与整改: campaigns, assessments, evidence, rectification' },
        { name: 'ledger', description: '执法保障台账: personnel, premises, function rooms, signage, equipment; Excel import/export' },
        { name: 'legal', description: '法律规则: versioned legal rule set, working-day calendar, 期限计算器' },
        { name: 'violation', description: '违法行为与裁量基准: violation catalogue versions, discretion bands, the penalty check, Excel' },
        { name: 'case', description: '执法办案: leads, 立案, simple and general procedure, seizures, deadlines watched (期限预警)' },
        { name: 'document', description: '执法文书: document types, 文号 numbering (per team, type and year; gapless; 作废 kept)' },
        { name: 'archive', description: '卷宗: the whole case as one PDF in the legal order, the evidence ZIP with its SHA-256 manifest, 保管期限' },
        { name: 'evidence', description: '案件证据: evidence of a case (行政处罚法 第四十六条) by SHA-256, photo EXIF, custody log, supersede with reason' },
        { name: 'onsite', description: '现场核验: on-site case steps checked against the officers’ trajectories (distance to the case location, flag)' },
        { name: 'service', description: '便民服务: residents’ reports (public page, 12345 hotline, Open311, staff), routed by area, working-hour time limits, replies, satisfaction' },
        { name: 'open311', description: 'Open311 GeoReport v2 (/open311/v2): services, service definitions, POST requests with api_key, GET requests; JSON and XML' },
        { name: 'publication', description: '公示: penalty decisions published redacted (行政处罚法 第四十八条), withdrawal with reason; the public page API' },
        { name: 'tracking', description: '执法轨迹: devices, OsmAnd ingest, live feed, replay, patrol statistics, duty schedules, alerts' },
      ],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'guifan_session' } } },
      security: [{ session: [] }],
    },
    // Shared schemas keep their $id as their name in the document (ErrorBody, Me …), not a position (def-0), so
    // the generated web types (npm run gen:api) name them stably.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['platform'], response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }) } } },
    async () => {
      await pingDatabase(database);
      return { status: 'ok' as const, database: database.kind };
    },
  );
  app.get(
    '/api/platform/config',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        response: {
          200: Type.Object({
            tileUrl: Type.Union([Type.String(), Type.Null()]),
            tileAttribution: Type.Union([Type.String(), Type.Null()]),
            tileCrs: Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')]),
            version: Type.String(),
          }),
        },
      },
    },
    async () => ({ tileUrl: config.tileUrl, tileAttribution: config.tileAttribution, tileCrs: config.tileCrs, version: APP_VERSION }),
  );

  await app.register(identityRoutes(identity, { secureCookies: config.secureCookies }), { prefix: '/api/identity' });
  await app.register(orgRoutes(createOrgService({ database, clock })), { prefix: '/api/org' });
  await app.register(areaImportRoutes(createAreaImport({ database, clock })), { prefix: '/api/org' });
  await app.register(auditRoutes(database), { prefix: '/api/audit' });
  await app.register(catalogRoutes(createCatalogService({ database, clock, ruleChecker: ruleProblem })), { prefix: '/api/catalog' });
  const legal = createLegalService({ database, clock });
  await app.register(legalRoutes(legal, createLegalCalculator({ service: legal, clock })), { prefix: '/api/legal' });
  const violations = createViolationService({ database, clock });
  await app.register(violationRoutes(violations), { prefix: '/api/violation' });
  // Cases count their deadlines with the published rule set and the stored calendars, and check penalties against the
  // violation catalogue: both injected (the case module defines the small interfaces it needs).
  const cases = createCaseService({ database, clock, legal: legalSourceOf(legal), violations: violationSourceOf(violations) });
  // 查封/扣押 needs a covering body-camera clip; every step with its time on the spot gets its officers' clips linked.
  cases.addStepHook(clipStepHook(clock));
  const onsite = createOnsiteService({ database, clock });
  cases.addStepHook(onsite.stepHook);
  // 公示 (行政处罚法 第四十八条): a decided penalty that meets the criteria gets its 待公示 record in the decision's transaction.
  const publications = createPublicationService({ database, clock, legal });
  cases.addStepHook(publications.stepHook);
  // Serving the decision needs it numbered and signed; 结案/归档 need the required documents (the document module's check).
  const records = createRecordService({ database, clock, cases });
  cases.addStepHook(records.stepHook);
  // A calendar correction or a published rule set recomputes the stored due days of open cases before the change's
  // request returns (the legal module does not know the cases: it calls its listeners).
  legal.onChange(() => cases.syncDeadlines());
  await app.register(caseRoutes(cases), { prefix: '/api/cases' });
  await app.register(publicationRoutes(publications), { prefix: '/api/publications' });
  await app.register(publicDecisionRoutes(publications), { prefix: '/api/public/decisions' });
  await app.register(documentRoutes(createDocumentService({ database, clock })), { prefix: '/api/documents' });
  await app.register(recordRoutes(records), { prefix: '/api/documents' });
  const templateService = createTemplateService({ database, clock });
  await app.register(templateRoutes(templateService), { prefix: '/api/documents/templates' });
  await app.register(renderRoutes(createRenderService({ database, clock, templates: templateService, signatures: records.signatures })), { prefix: '/api/documents' });
  await app.register(progressRoutes(createProgressService({ database, clock, config })), { prefix: '/api/progress' });
  const blobs = createFsBlobStore(path.join(config.dataDir, 'evidence'));
  // Computed standard items are evaluated on the team's ledgers and on the metrics tracking computes (injected: the
  // ledger module does not import tracking); a ledger change recomputes that team's open assessments.
  const computed = createComputedItemEvaluator(database, clock, [createTeamMetrics({ database, clock }), createCaseMetrics({ database, clock }), createServiceMetrics({ database, clock })]);
  const assessments = createAssessmentService({ database, clock, blobs, computed });
  await app.register(assessmentRoutes(assessments), { prefix: '/api/assessment' });
  await app.register(evidenceRoutes(createEvidenceService({ database, clock, blobs }), createClipService({ database, clock, blobs })), { prefix: '/api/evidence' });
  // 卷宗: the evidence ZIP reads files through the evidence module (verified, each export in the custody log); the PDF is
  // composed on the document module's render path; 归档 keeps both (by SHA-256) in the step's transaction.
  const archive = createArchiveService({ database, clock, blobs, evidence: createEvidenceService({ database, clock, blobs }), dossier: dossierComposerOf(database, clock) });
  cases.addStepHook(archive.hook);
  await app.register(archiveRoutes(archive), { prefix: '/api/archive' });
  await app.register(onsiteRoutes(onsite), { prefix: '/api/onsite' });
  // 便民服务: reports are routed by the org module's team areas and grids, timed in working hours on the legal
  // calendar, and may open an enforcement case through the case module (each injected, see request.service.ts).
  const orgLocator = createOrgService({ database, clock });
  // 重复诉求: suggestions for the desk; requests merged into another close with its reply (afterStep, in the step's transaction).
  const duplicates = createDuplicateService({ database, clock });
  const serviceRequests = createServiceRequests({
    database,
    clock,
    blobs,
    locate: (lon, lat) => orgLocator.locate(lon, lat),
    workingTime: async () => ({ calendar: await legal.calendar(), hours: await loadWorkingHours(database.db) }),
    cases,
    afterStep: (tx, actor, step) => duplicates.afterStep(tx, actor, step),
  });
  await app.register(requestRoutes(serviceRequests), { prefix: '/api/service/requests' });
  // 我要反映 / 办理进度 (no login): human check, limits per address and phone, photos published without their metadata.
  await app.register(publicServiceRoutes(createPublicService({ database, clock, blobs, core: serviceRequests, dataDir: config.dataDir })), { prefix: '/api/public/service' });
  // 12345 work orders: the hotline's Excel export imported through the same submit (source hotline, idempotent on 工单编号), replies exported back.
  await app.register(hotlineRoutes(createHotlineService({ database, clock, requests: serviceRequests })), { prefix: '/api/service' });
  await app.register(duplicateRoutes(duplicates), { prefix: '/api/service' });
  // Categories with their working-hour limits and the bureau's working hours; the 期限预警 board counts in both.
  const serviceCategories = createServiceCategories({ database, clock });
  await app.register(categoryRoutes(serviceCategories), { prefix: '/api/service' });
  await app.register(boardRoutes(createServiceBoard({ database, clock, calendar: () => legal.calendar(), hours: () => serviceCategories.hours() })), { prefix: '/api/service/board' });
  // Open311 GeoReport v2 at /open311/v2 (no session; a POST carries its api_key): other platforms' reports go through the
  // same submit (source open311), each key with its hourly limit; the keys are administered under /api/service.
  const open311 = createOpen311Service({ database, clock, jurisdictionId: config.open311JurisdictionId, requests: serviceRequests });
  await app.register(open311Routes(open311), { prefix: '/open311/v2' });
  await app.register(open311KeyRoutes(open311), { prefix: '/api/service/open311-keys' });
  await app.register(
    ledgerRoutes(
      createLedgerService({
        database,
        clock,
        blobs,
        onChanged: async (unitIds) => {
          await assessments.recomputeForUnits(unitIds);
        },
      }),
    ),
    { prefix: '/api/ledger' },
  );
  await app.register(ledgerRequirementsRoutes(database, clock, computed), { prefix: '/api/ledger' });

  // Field tracking: one ingest (device cache + batched position writer) shared by the HTTP route here and the
  // device gateways started by main.ts; closing the app flushes positions still waiting for their commit.
  const live = createLiveHub();
  const ingest = createIngest({ database, clock, config: config.tracking, live, log: app.log });
  const tracking = createTrackingService({ database, clock, ingest, live });
  app.decorate('tracking', { ingest, live, service: tracking });
  // Live streams never end by themselves: end them before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    live.closeAll();
  });
  app.addHook('onClose', async () => {
    await ingest.close();
  });
  await app.register(trackingRoutes({ service: tracking, ingest, live, clock, osmandNaiveOffsetMinutes: config.tracking.osmandNaiveOffsetMinutes }), { prefix: '/api/tracking' });

  if (deps.serveWeb) await serveWebApp(app, config.webDistDir);
  return app;
}

/** The built SPA at `/`; unknown non-API paths fall back to index.html for client-side routes. */
async function serveWebApp(app: FastifyInstance, dir: string): Promise<void> {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`web app not built (${index} missing): run npm run build:web`);
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // scripts/compress-web.mjs writes .br and .gz beside each text asset at build time.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, filePath) => res.header('cache-control', webCacheControl(path.relative(dir, filePath))),
  });
  // The JSON not-found handler is already set by registerErrorHandler (fastify allows one per prefix), so the
  // SPA fallback is a catch-all GET route: specific routes (API, static files) still win over it.
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    if (!req.url.startsWith('/api/')) return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    return reply.code(404).send({ code: 'route.not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` });
  });
}

/** Vite's content-hashed files under assets/ never change under their name; everything else is revalidated. */
export function webCacheControl(relativePath: string): string {
  return /^assets[\\/]/.test(relativePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

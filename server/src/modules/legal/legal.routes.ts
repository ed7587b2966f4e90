import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { badRequest } from '../../platform/errors';
import { actorOf, errorResponses, noContent } from '../../platform/http';
import { binaryFile, XLSX } from '../../platform/openapi';
import type { LegalCalculator } from './legal.calculator';
import type { LegalService } from './legal.service';
import {
  CalculateBody,
  CalculateResult,
  CalendarImportResult,
  CalendarList,
  CalendarYearOut,
  CreateDraftBody,
  ImportQuery,
  NoticeBody,
  ReplaceQuery,
  RuleParams,
  RuleRowQuery,
  DeleteRuleQuery,
  RulesInForce,
  RulesQuery,
  SaveRuleBody,
  StepList,
  VersionList,
  VersionOut,
  VersionParams,
  YearParams,
} from './legal.schemas';

/** A holiday notice is a few dozen rows: a workbook of more than 1 MB is not one. */
export const MAX_CALENDAR_WORKBOOK_BYTES = 1024 * 1024;
const ExpectedVersion = Type.Object({ expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) });

export function legalRoutes(service: LegalService, calculator: LegalCalculator): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['legal'];
    const read = { permission: 'legal.read' as const };
    const manage = { permission: 'legal.manage' as const };
    const sendXlsx = (reply: { header(k: string, v: string): unknown; send(d: Buffer): unknown }, f: { fileName: string; data: Buffer }) => {
      reply.header('content-type', XLSX);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
      return reply.send(f.data);
    };

    // ---- rules ----
    app.get('/rules', { config: read, schema: { tags, summary: 'Rules of the published set in force on a day, found by title, law, article or quote', querystring: RulesQuery, response: { 200: RulesInForce, ...errorResponses(400, 401, 403) } } }, (req) =>
      service.listRulesInForce(req.query.onDate, req.query.q),
    );
    app.get('/versions', { config: read, schema: { tags, summary: 'Rule set versions (draft, published, superseded)', response: { 200: VersionList, ...errorResponses(401, 403) } } }, (req) => service.listVersions(actorOf(req)));
    app.get('/versions/:id', { config: read, schema: { tags, summary: 'A version with its rules', params: VersionParams, response: { 200: VersionOut, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.getVersion(actorOf(req), req.params.id),
    );
    app.post('/versions', { config: manage, schema: { tags, summary: 'New draft copied from the published version', body: CreateDraftBody, response: { 201: VersionOut, ...errorResponses(400, 401, 403, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.createDraft(actorOf(req), req.body)),
    );
    app.put('/versions/:id/rules/:ruleId', { config: manage, schema: { tags, summary: 'Add a local rule to a draft, or change a local or ministerial one', params: RuleParams, querystring: RuleRowQuery, body: SaveRuleBody, response: { 200: VersionOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.saveRule(actorOf(req), req.params.id, req.params.ruleId, req.body, req.query.effectiveFrom),
    );
    app.delete('/versions/:id/rules/:ruleId', { config: manage, schema: { tags, summary: 'Remove a local rule from a draft', params: RuleParams, querystring: DeleteRuleQuery, response: { 200: VersionOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.deleteRule(actorOf(req), req.params.id, req.params.ruleId, req.query),
    );
    app.post('/versions/:id/publish', { config: manage, schema: { tags, summary: 'Publish (freeze) the draft; the published version so far is superseded', params: VersionParams, body: Type.Optional(ExpectedVersion), response: { 200: VersionOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.publish(actorOf(req), req.params.id, req.body?.expectedVersion),
    );
    app.delete('/versions/:id', { config: manage, schema: { tags, summary: 'Discard a draft', params: VersionParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) } } }, async (req, reply) => {
      await service.discardDraft(actorOf(req), req.params.id);
      return noContent(reply);
    });

    // ---- calendar ----
    app.get('/calendars', { config: read, schema: { tags, summary: 'Years of the working-day calendar', response: { 200: CalendarList, ...errorResponses(401, 403) } } }, (req) => service.listCalendars(actorOf(req)));
    app.get('/calendars/template.xlsx', { config: read, schema: { tags, summary: 'The calendar workbook template (sheets 通知 and 日期)', querystring: Type.Object({ year: Type.Optional(YearParams.properties.year) }), response: { 200: binaryFile(XLSX, 'Holiday notice workbook (.xlsx)'), ...errorResponses(401, 403) } } }, async (req, reply) =>
      sendXlsx(reply, await service.calendarWorkbook(req.query.year ?? new Date().getUTCFullYear() + 1)),
    );
    app.get('/calendars/:year', { config: read, schema: { tags, summary: 'A year: the notice, its holidays and makeup days, and every day with its kind', params: YearParams, response: { 200: CalendarYearOut, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.getCalendar(actorOf(req), req.params.year),
    );
    app.get('/calendars/:year/export.xlsx', { config: read, schema: { tags, summary: 'A year as the calendar workbook', params: YearParams, response: { 200: binaryFile(XLSX, 'Holiday notice workbook (.xlsx)'), ...errorResponses(401, 403) } } }, async (req, reply) =>
      sendXlsx(reply, await service.calendarWorkbook(req.params.year)),
    );
    app.put('/calendars/:year', { config: manage, schema: { tags, summary: "Enter a year's holiday notice (validated); replacing an existing year needs ?replace=true", params: YearParams, querystring: ReplaceQuery, body: NoticeBody, response: { 200: CalendarImportResult, ...errorResponses(400, 401, 403, 409) } } }, (req) =>
      service.saveCalendar(actorOf(req), req.params.year, req.body, req.query.replace ?? false),
    );
    app.post(
      '/calendars/import',
      { config: manage, schema: { tags, summary: 'Import a notice workbook (multipart field "file"); dryRun only checks; replacing a year needs replace=true', querystring: ImportQuery, response: { 200: CalendarImportResult, ...errorResponses(400, 401, 403, 409, 413) } } },
      async (req) => {
        if (!req.isMultipart()) throw badRequest('request.multipart_expected', 'Send the workbook as multipart/form-data, field "file"');
        const part = await req.file({ limits: { fileSize: MAX_CALENDAR_WORKBOOK_BYTES, files: 1 } });
        if (!part) throw badRequest('legal.import_no_file', 'No file in the upload (field "file")');
        const buf = await part.toBuffer();
        return service.importCalendar(actorOf(req), buf, { replace: req.query.replace ?? false, dryRun: req.query.dryRun ?? false });
      },
    );

    // ---- calculator ----
    app.get('/steps', { config: read, schema: { tags, summary: 'Procedure steps the calculator accepts instead of a rule id', response: { 200: StepList, ...errorResponses(401, 403) } } }, () => calculator.steps());
    app.post('/calculate', { config: read, schema: { tags, summary: '期限计算器: due date / amount / allowed-or-refused with the explanation steps', body: CalculateBody, response: { 200: CalculateResult, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      calculator.calculate(req.body),
    );
  };
}

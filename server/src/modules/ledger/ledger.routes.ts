import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { badRequest } from '../../platform/errors';
import { actorOf, errorResponses, sendStoredFile } from '../../platform/http';
import { binaryFile, XLSX } from '../../platform/openapi';
import type { Ledger } from './domain/ledger-kinds';
import { MAX_PHOTO_BYTES, type LedgerService } from './ledger.service';
import {
  AssetOut,
  CreateAssetBody,
  CreateOfficeBody,
  CreatePersonBody,
  CreateRoomBody,
  CreateRoomTypeBody,
  CreateSignageBody,
  IdParams,
  LedgerOverviewOut,
  ImportOut,
  ImportQuery,
  listQueryOf,
  OfficeOut,
  PatchAssetBody,
  PatchOfficeBody,
  PatchPersonBody,
  PatchRoomBody,
  PatchSignageBody,
  PersonOut,
  PhotoLedgerParam,
  PhotoOut,
  PhotoQuery,
  ReminderQuery,
  RevealQuery,
  RoomOut,
  RoomTypeOut,
  SignageOut,
  TransferBody,
  TransferOut,
  UnitQuery,
  listOf,
} from './ledger.schemas';

export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

function sendFile(reply: FastifyReply, f: { fileName: string; data: Buffer }) {
  return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).send(f.data);
}

export function ledgerRoutes(service: LedgerService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['ledger'];
    const read = { permission: 'ledger.read' as const };
    const manage = { permission: 'ledger.manage' as const };

    // Fixed paths first (fastify prefers static segments anyway).
    const Reminders = Type.Object({ today: Type.String(), withinDays: Type.Integer(), items: Type.Array(Type.Object({ ...PersonOut.properties, daysLeft: Type.Integer(), expired: Type.Boolean() })) });
    app.get('/persons/certificate-reminders', { config: read, schema: { tags, summary: 'Active persons whose 执法证 expires within N days or has expired', querystring: ReminderQuery, response: { 200: Reminders, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.certificateReminders(actorOf(req), req.query) as Promise<Static<typeof Reminders>>,
    );
    app.get('/room-types', { config: read, schema: { tags, summary: 'Configured function-room types', response: { 200: Type.Object({ items: Type.Array(RoomTypeOut), actions: Type.Array(Type.String()) }), ...errorResponses(401, 403) } } }, (req) => service.roomTypes(actorOf(req)));
    app.post('/room-types', { config: manage, schema: { tags, summary: 'Add a room type (city administrator)', body: CreateRoomTypeBody, response: { 201: RoomTypeOut, ...errorResponses(400, 401, 403, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.addRoomType(actorOf(req), req.body.name)),
    );
    app.get('/overview', { config: read, schema: { tags, summary: '执法保障 overview of a team or subtree', querystring: UnitQuery, response: { 200: LedgerOverviewOut, ...errorResponses(400, 401, 403, 404) } } }, (req) => service.overview(actorOf(req), req.query.orgUnitId));
    app.get('/imports/:id', { config: read, schema: { tags, summary: 'Progress and result of an import', params: IdParams, response: { 200: ImportOut, ...errorResponses(401, 403, 404) } } }, (req) => service.getImport(actorOf(req), req.params.id));
    app.get('/photos/:id', { config: read, schema: { tags, summary: 'A room or sign photo, after verifying its SHA-256', params: IdParams, response: { 200: binaryFile('application/octet-stream', 'The photo, served with its own content type (image/jpeg, image/png …) inline'), ...errorResponses(401, 403, 404, 500) } } }, async (req, reply) => {
      const { meta, data } = await service.readPhoto(actorOf(req), req.params.id);
      return sendStoredFile(reply, meta, data, { inline: true });
    });
    app.post('/assets/:id/transfer', { config: manage, schema: { tags, summary: 'Transfer an asset to another team (both in your scope; audited)', params: IdParams, body: TransferBody, response: { 200: AssetOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.transfer(actorOf(req), req.params.id, req.body) as Promise<Static<typeof AssetOut>>,
    );
    app.get('/assets/:id/transfers', { config: read, schema: { tags, summary: 'Transfer history of an asset', params: IdParams, response: { 200: Type.Object({ items: Type.Array(TransferOut) }), ...errorResponses(401, 403, 404) } } }, (req) =>
      service.transfers(actorOf(req), req.params.id),
    );

    // CRUD per ledger.
    const crud = (ledger: Ledger, out: TSchema, createBody: TSchema, patchBody: TSchema, extraGetQuery?: TSchema) => {
      // Fixed paths of the ledger before `/:id`, which would otherwise take them.
      app.get(`/${ledger}/template.xlsx`, { config: read, schema: { tags, summary: 'Empty import template with instructions', response: { 200: binaryFile(XLSX, 'The import template (.xlsx)'), ...errorResponses(401, 403) } } }, async (_req, reply) => sendFile(reply, await service.template(ledger)));
      app.get(`/${ledger}/export.xlsx`, { config: read, schema: { tags, summary: 'The ledger of a subtree in the template layout', querystring: UnitQuery, response: { 200: binaryFile(XLSX, 'The ledger as an Excel workbook (.xlsx)'), ...errorResponses(400, 401, 403, 404) } } }, async (req, reply) =>
        sendFile(reply, await service.exportWorkbook(actorOf(req), ledger, req.query.orgUnitId)),
      );
      app.post(`/${ledger}/import`, { config: manage, schema: { tags, summary: 'Import a workbook (multipart "file") in the background; poll GET /imports/:id', querystring: ImportQuery, response: { 202: Type.Object({ importId: Type.String() }), ...errorResponses(400, 401, 403, 413) } } }, async (req, reply) => {
        if (!req.isMultipart()) throw badRequest('request.multipart_expected', 'Send the workbook as multipart/form-data, field "file"');
        const part = await req.file({ limits: { fileSize: MAX_WORKBOOK_BYTES, files: 1 } });
        if (!part) throw badRequest('ledger.import_no_file', 'No file in the upload (field "file")');
        let buf: Buffer;
        try {
          buf = await part.toBuffer();
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw badRequest('ledger.import_too_large', `Workbooks are limited to ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB`);
          throw e;
        }
        return reply.code(202).send(await service.startImport(actorOf(req), ledger, req.query.mode ?? 'all_or_nothing', part.filename, buf));
      });
      app.get(`/${ledger}`, { config: read, schema: { tags, summary: `List ${ledger} of a subtree (default: your unit)`, querystring: listQueryOf(ledger), response: { 200: listOf(out), ...errorResponses(400, 401, 403, 404) } } }, (req) =>
        service.list(actorOf(req), ledger, req.query as Parameters<LedgerService['list']>[2]),
      );
      app.get(`/${ledger}/:id`, { config: read, schema: { tags, params: IdParams, ...(extraGetQuery ? { querystring: extraGetQuery } : {}), response: { 200: out, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
        service.get(actorOf(req), ledger, (req.params as { id: string }).id, (req.query as { reveal?: string } | undefined)?.reveal === 'idNumber'),
      );
      app.post(`/${ledger}`, { config: manage, schema: { tags, body: createBody, response: { 201: out, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req, reply) =>
        reply.code(201).send(await service.create(actorOf(req), ledger, req.body as { orgUnitId: string })),
      );
      app.patch(`/${ledger}/:id`, { config: manage, schema: { tags, summary: 'Change fields (optimistic version)', params: IdParams, body: patchBody, response: { 200: out, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
        service.update(actorOf(req), ledger, (req.params as { id: string }).id, req.body as { version: number }),
      );
    };
    crud('persons', PersonOut, CreatePersonBody, PatchPersonBody, RevealQuery);
    crud('offices', OfficeOut, CreateOfficeBody, PatchOfficeBody);
    crud('rooms', RoomOut, CreateRoomBody, PatchRoomBody);
    crud('signage', SignageOut, CreateSignageBody, PatchSignageBody);
    crud('assets', AssetOut, CreateAssetBody, PatchAssetBody);

    app.post('/:ledger/photos', { config: manage, schema: { tags, summary: 'Upload a photo of a room or sign (multipart field "file"; ?id= the record)', params: PhotoLedgerParam, querystring: PhotoQuery, response: { 201: PhotoOut, ...errorResponses(400, 401, 403, 404, 413, 415) } } }, async (req, reply) => {
      if (!req.isMultipart()) throw badRequest('request.multipart_expected', 'Send the photo as multipart/form-data, field "file"');
      const part = await req.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } });
      if (!part) throw badRequest('ledger.photo_no_file', 'No file in the upload (field "file")');
      return reply.code(201).send(await service.uploadPhoto(actorOf(req), req.params.ledger, req.query.id, part));
    });
  };
}

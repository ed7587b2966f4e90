import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Clock } from '../../platform/clock';
import { actorOf, errorResponses, noContent } from '../../platform/http';
import { eventStream, textResponse } from '../../platform/openapi';
import { acceptRawBodies, handleOsmAnd } from './tracking.osmand';
import type { Ingest } from './tracking.ingest';
import type { LiveHub } from './tracking.live';
import type { TrackingService } from './tracking.service';
import {
  AckBody,
  AlertListQuery,
  AlertOut,
  BindBody,
  BindingOut,
  CheckpointOut,
  CreateCheckpointBody,
  CreateDeviceBody,
  CreateShiftBody,
  DeviceDetailOut,
  DeviceListQuery,
  DeviceOut,
  DeviceStatsOut,
  DeviceStatsQuery,
  IdParams,
  LiveQuery,
  PatchDeviceBody,
  PatchShiftBody,
  PositionsOut,
  PositionsQuery,
  ReplayOut,
  ReplayQuery,
  ShiftListQuery,
  ShiftOut,
  ShiftWithCompliance,
  TeamStatsOut,
  TeamStatsQuery,
  UnbindBody,
  UnitQuery,
  VersionQuery,
  listOf,
} from './tracking.schemas';

/** Keep-alive comment on the live stream: proxies close idle connections after 30–60 s. */
const LIVE_PING_MS = 15_000;
/** Bytes a live subscriber may leave unread before it is dropped (a tab in the background on a slow link). */
const LIVE_MAX_BUFFER = 1024 * 1024;

export function trackingRoutes(deps: { service: TrackingService; ingest: Ingest; live: LiveHub; clock: Clock; osmandNaiveOffsetMinutes: number }): FastifyPluginAsyncTypebox {
  const { service, ingest, live, clock } = deps;
  return async (app) => {
    const tags = ['tracking'];
    const read = { permission: 'tracking.read' as const };
    const manage = { permission: 'tracking.manage' as const };
    const duty = { permission: 'tracking.duty' as const };

    // OsmAnd protocol on the main port too (phones that can only reach the web server, e.g. through its proxy).
    acceptRawBodies(app);
    app.route({
      method: ['GET', 'POST'],
      url: '/osmand',
      config: { public: true },
      schema: {
        tags,
        summary: 'OsmAnd / Traccar Client position report (also on GUIFAN_OSMAND_PORT); 200 only after commit',
        hide: false,
        response: {
          200: textResponse('Stored (committed); the body is empty'),
          400: textResponse('The report does not parse: "<field>: <reason>"'),
          403: textResponse('The device is unknown, disabled or over its registration limit'),
          503: textResponse('Not stored (the database did not commit): the device resends'),
        },
      },
      handler: (req, reply) => handleOsmAnd(ingest, clock, deps.osmandNaiveOffsetMinutes, req, reply),
    });

    app.get('/devices', { config: read, schema: { tags, summary: 'Devices in scope (status online/offline, last position, current binding)', querystring: DeviceListQuery, response: { 200: listOf(DeviceOut), ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.listDevices(actorOf(req), req.query) as Promise<Static<ReturnType<typeof listOf<typeof DeviceOut>>>>,
    );
    app.post('/devices', { config: manage, schema: { tags, summary: 'Register a device', body: CreateDeviceBody, response: { 201: DeviceDetailOut, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req, reply) =>
      reply.code(201).send((await service.createDevice(actorOf(req), req.body)) as Static<typeof DeviceDetailOut>),
    );
    app.get('/devices/:id', { config: read, schema: { tags, summary: 'A device with its binding history', params: IdParams, response: { 200: DeviceDetailOut, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.getDevice(actorOf(req), req.params.id) as Promise<Static<typeof DeviceDetailOut>>,
    );
    app.patch('/devices/:id', { config: manage, schema: { tags, summary: 'Edit, assign (unassigned → team), disable or enable a device', params: IdParams, body: PatchDeviceBody, response: { 200: DeviceDetailOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.patchDevice(actorOf(req), req.params.id, req.body) as Promise<Static<typeof DeviceDetailOut>>,
    );
    app.post('/devices/:id/reset-auth-code', { config: manage, schema: { tags, summary: 'JT/T 808: forget the terminal’s authentication code so that it may register again (audited)', params: IdParams, response: { 200: DeviceDetailOut, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.resetAuthCode(actorOf(req), req.params.id) as Promise<Static<typeof DeviceDetailOut>>,
    );
    app.post('/devices/:id/bindings', { config: manage, schema: { tags, summary: 'Bind the device to an officer or a vehicle from a time on', params: IdParams, body: BindBody, response: { 201: BindingOut, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.bind(actorOf(req), req.params.id, req.body)),
    );
    app.post('/devices/:id/unbind', { config: manage, schema: { tags, summary: 'End the current binding', params: IdParams, body: UnbindBody, response: { 200: DeviceDetailOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.unbind(actorOf(req), req.params.id, req.body) as Promise<Static<typeof DeviceDetailOut>>,
    );

    app.get('/positions', { config: read, schema: { tags, summary: 'Raw positions of a device in a period (≤ 7 days), flags included', querystring: PositionsQuery, response: { 200: PositionsOut, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.positions(actorOf(req), req.query),
    );
    app.get('/replay', { config: read, schema: { tags, summary: 'Tracks and statistics of a device or a whole team for a period', querystring: ReplayQuery, response: { 200: ReplayOut, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.replay(actorOf(req), req.query),
    );
    app.get('/stats', { config: read, schema: { tags, summary: 'Patrol statistics of a team for a day, per device / officer', querystring: TeamStatsQuery, response: { 200: TeamStatsOut, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.teamStats(actorOf(req), req.query),
    );
    app.get('/stats/device', { config: read, schema: { tags, summary: 'One device-day: statistics, grid coverage, checkpoint visits, shift compliance', querystring: DeviceStatsQuery, response: { 200: DeviceStatsOut, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.deviceStats(actorOf(req), req.query) as Promise<Static<typeof DeviceStatsOut>>,
    );

    app.get('/shifts', { config: read, schema: { tags, summary: '排班: shifts of a team in a period, with compliance once started', querystring: ShiftListQuery, response: { 200: listOf(ShiftWithCompliance), ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.listShifts(actorOf(req), req.query) as Promise<Static<ReturnType<typeof listOf<typeof ShiftWithCompliance>>>>,
    );
    app.post('/shifts', { config: duty, schema: { tags, summary: 'Schedule an officer on duty in an area', body: CreateShiftBody, response: { 201: ShiftOut, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req, reply) =>
      reply.code(201).send((await service.createShift(actorOf(req), req.body)) as Static<typeof ShiftOut>),
    );
    app.patch('/shifts/:id', { config: duty, schema: { tags, summary: 'Change a shift', params: IdParams, body: PatchShiftBody, response: { 200: ShiftOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.patchShift(actorOf(req), req.params.id, req.body) as Promise<Static<typeof ShiftOut>>,
    );
    app.delete('/shifts/:id', { config: duty, schema: { tags, summary: 'Delete a shift that raised no alert', params: IdParams, querystring: VersionQuery, response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) } } }, async (req, reply) => {
      await service.deleteShift(actorOf(req), req.params.id, req.query.version);
      return noContent(reply);
    });

    app.get('/checkpoints', { config: read, schema: { tags, summary: '巡查点 of a team', querystring: UnitQuery, response: { 200: listOf(CheckpointOut), ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.listCheckpoints(actorOf(req), req.query),
    );
    app.post('/checkpoints', { config: duty, schema: { tags, summary: 'Add a checkpoint', body: CreateCheckpointBody, response: { 201: CheckpointOut, ...errorResponses(400, 401, 403, 404) } } }, async (req, reply) =>
      reply.code(201).send(await service.createCheckpoint(actorOf(req), req.body)),
    );
    app.delete('/checkpoints/:id', { config: duty, schema: { tags, summary: 'Retire a checkpoint (kept for past statistics)', params: IdParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404) } } }, async (req, reply) => {
      await service.deleteCheckpoint(actorOf(req), req.params.id);
      return noContent(reply);
    });

    app.get('/alerts', { config: read, schema: { tags, summary: 'Duty alerts (offline, no movement, out of area)', querystring: AlertListQuery, response: { 200: listOf(AlertOut), ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.listAlerts(actorOf(req), req.query),
    );
    app.post('/alerts/:id/acknowledge', { config: duty, schema: { tags, summary: 'Acknowledge an alert with a note', params: IdParams, body: AckBody, response: { 200: AlertOut, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req) =>
      (await service.acknowledgeAlert(actorOf(req), req.params.id, req.body)) as Static<typeof AlertOut>,
    );

    app.get('/live', { config: read, schema: { tags, summary: 'Server-Sent Events: position, status and alert events of the devices in scope', querystring: LiveQuery, response: { 200: eventStream('Events `position`, `status` and `alert`, each with a JSON `data` line; the stream stays open'), ...errorResponses(400, 401, 403, 404) } } }, async (req, reply) => {
      const path = await service.livePath(actorOf(req), req.query.orgUnitId);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(`retry: 3000\n\n`);
      let open = true;
      const close = () => {
        if (!open) return;
        open = false;
        clearInterval(ping);
        unsubscribe();
        res.end();
      };
      const unsubscribe = live.subscribe({
        path,
        send(event, data) {
          if (!open || res.destroyed || res.writableEnded) return false;
          if (res.writableLength > LIVE_MAX_BUFFER) return false;
          res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
          return true;
        },
        close,
      });
      const ping = setInterval(() => {
        if (open && !res.destroyed) res.write(`: ping\n\n`);
      }, LIVE_PING_MS);
      req.raw.on('close', close);
      // A browser that vanishes mid-write must end this stream, never the process (an unhandled 'error' would).
      res.on('error', close);
      res.on('close', close);
    });
  };
}

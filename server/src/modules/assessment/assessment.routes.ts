import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { badRequest } from '../../platform/errors';
import { actorOf, errorResponses, sendStoredFile } from '../../platform/http';
import { binaryFile } from '../../platform/openapi';
import { MAX_EVIDENCE_BYTES, type AssessmentService } from './assessment.service';
import { AssessmentDetail, CampaignCreated, CampaignDetail, CampaignList, CreateCampaignBody, Recomputed, RectificationList, RectificationMoved, RectificationOpened, ReviewCommentSaved, SavedItem, UploadedEvidence, IdParams, ItemParams, OpenRectificationBody, RectificationQuery, RectificationTransitionBody, ReviewCommentBody, SaveItemBody, TransitionBody } from './assessment.schemas';

export function assessmentRoutes(service: AssessmentService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['assessment'];
    const read = { permission: 'assessment.read' as const };

    app.get('/campaigns', { config: read, schema: { tags, summary: 'Campaigns with progress counts in your scope', response: { 200: CampaignList, ...errorResponses(401, 403) } } }, (req) => service.listCampaigns(actorOf(req)));
    app.post('/campaigns', { config: { permission: 'campaign.manage' }, schema: { tags, summary: 'Apply a published version to teams', body: CreateCampaignBody, response: { 201: CampaignCreated, ...errorResponses(400, 401, 403, 404) } } }, async (req, reply) =>
      reply.code(201).send(await service.createCampaign(actorOf(req), req.body)),
    );
    app.get('/campaigns/:id', { config: read, schema: { tags, params: IdParams, response: { 200: CampaignDetail, ...errorResponses(401, 403, 404) } } }, (req) => service.getCampaign(actorOf(req), req.params.id));
    app.get('/assessments/:id', { config: read, schema: { tags, summary: 'One team assessment: items, evidence, grading with reasons, history', params: IdParams, response: { 200: AssessmentDetail, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.getAssessment(actorOf(req), req.params.id),
    );
    app.patch('/assessments/:id/items/:code', { config: { permission: 'assessment.edit' }, schema: { tags, summary: 'Record an item result (team, draft only; optimistic version)', params: ItemParams, body: SaveItemBody, response: { 200: SavedItem, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.saveItem(actorOf(req), req.params.id, req.params.code, req.body),
    );
    app.post('/assessments/:id/items/:code/review-comment', { config: { permission: 'assessment.review' }, schema: { tags, params: ItemParams, body: ReviewCommentBody, response: { 200: ReviewCommentSaved, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.reviewComment(actorOf(req), req.params.id, req.params.code, req.body.comment),
    );
    app.post('/assessments/:id/transitions', { config: read, schema: { tags, summary: 'submit, district_accept/return, city_accept/return, reopen', params: IdParams, body: TransitionBody, response: { 200: AssessmentDetail, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.transition(actorOf(req), req.params.id, req.body.action, req.body.comment),
    );
    // Recomputing rewrites results of a draft: who may edit the assessment may ask for it, a reader (an officer) may not.
    app.post('/assessments/:id/recompute', { config: { permission: 'assessment.edit' }, schema: { tags, summary: 'Re-evaluate computed items from the ledgers (draft only)', params: IdParams, response: { 200: Recomputed, ...errorResponses(401, 403, 404) } } }, async (req) => {
      await service.getAssessment(actorOf(req), req.params.id); // scope check
      return { changed: await service.recompute(req.params.id) };
    });
    app.post('/assessments/:id/items/:code/evidence', { config: { permission: 'assessment.edit' }, schema: { tags, summary: 'Upload an evidence file (multipart field "file"), stored by SHA-256', params: ItemParams, response: { 201: UploadedEvidence, ...errorResponses(400, 401, 403, 404, 413, 415) } } }, async (req, reply) => {
      if (!req.isMultipart()) throw badRequest('request.multipart_expected', 'Send the file as multipart/form-data, field "file"');
      const part = await req.file({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } });
      if (!part) throw badRequest('evidence.no_file', 'No file in the upload (field "file")');
      return reply.code(201).send(await service.uploadEvidence(actorOf(req), req.params.id, req.params.code, part));
    });
    app.get('/evidence/:id', { config: read, schema: { tags, summary: 'Download evidence after verifying its SHA-256', params: IdParams, response: { 200: binaryFile('application/octet-stream', 'The evidence file, served with its own content type (images inline, everything else as an attachment)'), ...errorResponses(401, 403, 404, 500, 503) } } }, async (req, reply) => {
      const { meta, data } = await service.readEvidence(actorOf(req), req.params.id);
      return sendStoredFile(reply, meta, data, { inline: true });
    });
    app.get('/rectifications', { config: { permission: 'rectification.work' }, schema: { tags, summary: 'Rectification tasks in your scope, with overdue flags', querystring: RectificationQuery, response: { 200: RectificationList, ...errorResponses(400, 401, 403) } } }, (req) =>
      service.listRectifications(actorOf(req), req.query),
    );
    app.post('/rectifications', { config: { permission: 'assessment.review' }, schema: { tags, body: OpenRectificationBody, response: { 201: RectificationOpened, ...errorResponses(400, 401, 403, 404) } } }, async (req, reply) =>
      reply.code(201).send(await service.openRectification(actorOf(req), req.body)),
    );
    app.post('/rectifications/:id/transitions', { config: { permission: 'rectification.work' }, schema: { tags, summary: 'start, submit, verify (re-check: item becomes 符合), reopen', params: IdParams, body: RectificationTransitionBody, response: { 200: RectificationMoved, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.rectificationTransition(actorOf(req), req.params.id, req.body),
    );
  };
}

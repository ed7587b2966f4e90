import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, errorResponses, noContent } from '../../platform/http';
import type { TemplateService } from './template.service';
import {
  CreateTemplateDraftBody,
  PublishTemplateBody,
  SaveDocumentTemplateBody,
  SaveTemplateSettingsBody,
  TemplateTypeParams,
  TemplateVersionList,
  TemplateVersionOut,
  TemplateVersionParams,
} from './template.schemas';

/** 文书模板 administration, mounted at /api/documents/templates. */
export function templateRoutes(service: TemplateService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['document'];
    const read = { permission: 'case.read' as const };
    // The permission that drafts and publishes the legal rule set and the violation catalogue (see template.service.ts).
    const manage = { permission: 'legal.manage' as const };
    app.get('/versions', { config: read, schema: { tags, summary: '文书 template set versions (draft, published, superseded)', response: { 200: TemplateVersionList, ...errorResponses(401, 403) } } }, (req) => service.listVersions(actorOf(req)));
    app.get('/versions/:id', { config: read, schema: { tags, summary: 'A template set version with its content (and, for a draft, what stops it from being published)', params: TemplateVersionParams, response: { 200: TemplateVersionOut, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.getVersion(actorOf(req), req.params.id),
    );
    app.post('/versions', { config: manage, schema: { tags, summary: 'New draft copied from the published template set', body: CreateTemplateDraftBody, response: { 201: TemplateVersionOut, ...errorResponses(400, 401, 403, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.createDraft(actorOf(req), req.body)),
    );
    app.put('/versions/:id/settings', { config: manage, schema: { tags, summary: "The draft's header, 文号 prefix, pattern and words", params: TemplateVersionParams, body: SaveTemplateSettingsBody, response: { 200: TemplateVersionOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.saveSettings(actorOf(req), req.params.id, req.body),
    );
    app.put('/versions/:id/templates/:docType', { config: manage, schema: { tags, summary: "One type's template in the draft: title, body blocks, signatures, seal", params: TemplateTypeParams, body: SaveDocumentTemplateBody, response: { 200: TemplateVersionOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.saveTemplate(actorOf(req), req.params.id, req.params.docType, req.body),
    );
    app.post('/versions/:id/publish', { config: manage, schema: { tags, summary: 'Publish (freeze) the draft; the set published so far is superseded; refused with every problem of the set', params: TemplateVersionParams, body: Type.Optional(PublishTemplateBody), response: { 200: TemplateVersionOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.publish(actorOf(req), req.params.id, req.body?.expectedVersion),
    );
    app.delete('/versions/:id', { config: manage, schema: { tags, summary: 'Discard a draft', params: TemplateVersionParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) } } }, async (req, reply) => {
      await service.discardDraft(actorOf(req), req.params.id);
      return noContent(reply);
    });
  };
}

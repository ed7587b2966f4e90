import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest, tooMany } from '../../platform/errors';
import { errorResponses } from '../../platform/http';
import { binaryFile } from '../../platform/openapi';
import { createWindowCounter } from './domain/abuse-limits';
import { isFormField, type FormFields, type FormFile, type PublicService } from './public.service';
import { Challenge, CodeParams, PhotoParams, PUBLIC_FORM, PublicCategories, PublicStatus, RatingBody, Submitted } from './public.schemas';

/** Reads (status pages, photos, categories, new questions) per address and minute: plenty for people, a wall for scrapers. */
const READS_PER_MINUTE = 120;

/**
 * The report form as multipart/form-data: text fields (category, description, lat, lon, address, contactName,
 * contactPhone, challengeToken, challengeAnswer) and up to 6 files in field "photos". Files are read into memory
 * (bounded: 6 × 10 MB) so that nothing is stored before the whole report is known good.
 */
async function readForm(req: FastifyRequest): Promise<{ fields: FormFields; files: FormFile[] }> {
  if (!req.isMultipart()) throw badRequest('request.multipart_expected', 'Send the report as multipart/form-data');
  const fields: FormFields = {};
  const files: FormFile[] = [];
  try {
    // One file more than allowed is read as far as its header, so the refusal can say "too many" rather than fail.
    for await (const part of req.parts({ limits: { files: PUBLIC_FORM.maxPhotos + 1, fileSize: PUBLIC_FORM.maxPhotoBytes, fields: 20, fieldSize: 16 * 1024 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'photos') {
          part.file.resume();
          throw badRequest('request.validation', 'Unknown file field', { issues: [{ field: part.fieldname, code: 'unknown', message: 'files go in field "photos"' }] });
        }
        if (files.length >= PUBLIC_FORM.maxPhotos) {
          part.file.resume();
          throw badRequest('service.too_many_photos', `At most ${PUBLIC_FORM.maxPhotos} photos`, { max: PUBLIC_FORM.maxPhotos });
        }
        const name = (part.filename || `photo-${files.length + 1}`).slice(0, 200);
        try {
          files.push({ fileName: name, data: await part.toBuffer() });
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError(413, 'service.photo_too_large', `Photo ${files.length + 1} (${name}) is larger than ${PUBLIC_FORM.maxPhotoBytes / 1024 / 1024} MB`, { file: name, index: files.length, maxBytes: PUBLIC_FORM.maxPhotoBytes });
          }
          throw e;
        }
      } else if (isFormField(part.fieldname)) {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
      } else {
        throw badRequest('request.validation', 'Unknown field', { issues: [{ field: part.fieldname, code: 'unknown', message: 'not a field of the report form' }] });
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') throw badRequest('service.too_many_photos', `At most ${PUBLIC_FORM.maxPhotos} photos`, { max: PUBLIC_FORM.maxPhotos });
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw badRequest('request.validation', 'Too many fields', { issues: [{ field: '', code: 'unknown', message: 'too many fields' }] });
    throw e;
  }
  return { fields, files };
}

/** `/api/public/service`: what a resident uses, no login. */
export function publicServiceRoutes(service: PublicService, opts: { readsPerMinute?: number } = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['service'];
    const config = { public: true };
    const reads = createWindowCounter(opts.readsPerMinute ?? READS_PER_MINUTE, 60_000);
    const readLimit = async (req: FastifyRequest) => {
      if (!reads.take(req.ip, Date.now())) throw tooMany('service.rate_limited', 'Too many requests; try again in a minute', { limit: 'reads', retryAfterSeconds: 60 });
    };

    app.get('/categories', { config, onRequest: readLimit, schema: { tags, summary: '便民服务: the categories one can report (active ones, in order)', response: { 200: PublicCategories, ...errorResponses(429) } } }, () => service.categories());
    app.post('/challenge', { config, onRequest: readLimit, schema: { tags, summary: 'A new human check: a small sum in Chinese as an SVG picture, and its token (one answer, 15 minutes)', response: { 200: Challenge, ...errorResponses(429) } } }, () =>
      service.challenge(),
    );
    app.post(
      '/reports',
      {
        config,
        // A flooding address is refused before its body is read.
        onRequest: async (req) => service.precheck(req.ip),
        schema: {
          tags,
          summary: '我要反映: a report (multipart/form-data: category, description, lat, lon (WGS-84), address, contactName, contactPhone, challengeToken, challengeAnswer; up to 6 files in "photos")',
          description: 'Photos are recognised by their bytes (JPEG, PNG, WebP; 10 MB each); the public sees a copy without EXIF/GPS. Limits per address and per phone answer 429 service.rate_limited with details.retryAt.',
          response: { 201: Submitted, ...errorResponses(400, 413, 415, 429) },
        },
      },
      async (req, reply) => {
        const { fields, files } = await readForm(req);
        return reply.code(201).send(await service.submit(req.ip, fields, files));
      },
    );
    app.get('/reports/:code', { config, onRequest: readLimit, schema: { tags, summary: '办理进度: the status of a report by its tracking code (no staff names, no phone)', params: CodeParams, response: { 200: PublicStatus, ...errorResponses(400, 404, 429) } } }, (req) =>
      service.status(req.params.code),
    );
    app.post(
      '/reports/:code/rating',
      { config, onRequest: readLimit, schema: { tags, summary: 'The reporter’s rating once replied (满意 / 基本满意 / 不满意 + comment; 不满意 may reopen once)', params: CodeParams, body: RatingBody, response: { 200: PublicStatus, ...errorResponses(400, 404, 409, 429) } } },
      (req) => service.rate(req.params.code, req.body),
    );
    app.get(
      '/photos/:id',
      { config, onRequest: readLimit, schema: { tags, summary: 'A report’s public photo (the copy without metadata)', params: PhotoParams, response: { 200: binaryFile('image/jpeg', 'the photo (image/jpeg, image/png or image/webp)'), ...errorResponses(400, 404, 429) } } },
      async (req, reply) => {
        const p = await service.photo(req.params.id);
        // Content-addressed and public: it never changes under its id.
        return reply.header('content-type', p.mime).header('cache-control', 'public, max-age=86400').header('x-content-type-options', 'nosniff').send(p.data);
      },
    );
  };
}

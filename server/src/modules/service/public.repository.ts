import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { serviceCategory, serviceEvent, servicePhoto, serviceRequest } from './request.tables';

export type PhotoInsert = typeof servicePhoto.$inferInsert;

/** The public slice's reads (and its photo rows): what a resident may see, nothing about staff. */
export const publicRepository = {
  activeCategories: (db: DbOrTx) =>
    db
      // Whole rows: the report hands its category (limits included) to the core, which then need not read it again.
      .select()
      .from(serviceCategory)
      .where(eq(serviceCategory.active, true))
      .orderBy(asc(serviceCategory.sortOrder), asc(serviceCategory.code)),

  async requestByCode(db: DbOrTx, trackingCode: string) {
    const [r] = await db
      .select({ r: serviceRequest, c: { code: serviceCategory.code, name: serviceCategory.name, nameEn: serviceCategory.nameEn, bigClass: serviceCategory.bigClass } })
      .from(serviceRequest)
      .innerJoin(serviceCategory, eq(serviceCategory.id, serviceRequest.categoryId))
      .where(eq(serviceRequest.trackingCode, trackingCode));
    return r ?? null;
  },

  async requestById(db: DbOrTx, id: string) {
    const [r] = await db.select().from(serviceRequest).where(eq(serviceRequest.id, id));
    return r ?? null;
  },

  events: (db: DbOrTx, requestId: string) =>
    db
      .select({ at: serviceEvent.at, action: serviceEvent.action, toState: serviceEvent.toState, reason: serviceEvent.reason })
      .from(serviceEvent)
      .where(eq(serviceEvent.requestId, requestId))
      .orderBy(asc(serviceEvent.at), asc(serviceEvent.id)),

  publicPhotos: (db: DbOrTx, requestId: string) =>
    db
      .select({ id: servicePhoto.id, stage: servicePhoto.stage, width: servicePhoto.width, height: servicePhoto.height })
      .from(servicePhoto)
      .where(and(eq(servicePhoto.requestId, requestId), eq(servicePhoto.public, true)))
      .orderBy(asc(servicePhoto.uploadedAt), asc(servicePhoto.id)),

  /** A photo the public may see: its stripped copy when it has one. */
  async publicPhoto(db: DbOrTx, id: string) {
    const [r] = await db
      .select({ sha256: servicePhoto.sha256, publicSha256: servicePhoto.publicSha256, mime: servicePhoto.mime })
      .from(servicePhoto)
      .where(and(eq(servicePhoto.id, id), eq(servicePhoto.public, true)));
    return r ?? null;
  },

  insertPhotos: async (db: DbOrTx, rows: PhotoInsert[]) => {
    if (rows.length) await db.insert(servicePhoto).values(rows);
  },
};

import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import { appUser } from '../identity/identity.tables';

/**
 * 执法保障 ledgers (domain.md §1.3, §6.1): personnel, office sites, function rooms, signage, equipment.
 * Every row belongs to a street team (`org_unit_id`); scope checks are a prefix match on the unit's path.
 */

const audited = {
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  version: integer('version').notNull().default(1),
};

/** 执法人员 and 协管员. The ID number is stored in full and only ever returned masked, except on an audited reveal. */
export const ledgerPerson = pgTable(
  'ledger_person',
  {
    id: uuid('id').primaryKey(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    kind: text('kind').notNull(), // 'officer' | 'auxiliary'
    position: text('position'),
    certificateNo: text('certificate_no'),
    certificateIssuedOn: date('certificate_issued_on', { mode: 'string' }),
    certificateExpiresOn: date('certificate_expires_on', { mode: 'string' }),
    trainingHours: doublePrecision('training_hours').notNull().default(0),
    partyMember: boolean('party_member').notNull().default(false),
    /** Date of the latest 制式服装 issue; null when none was issued. */
    uniformIssuedOn: date('uniform_issued_on', { mode: 'string' }),
    status: text('status').notNull(), // 'active' | 'left'
    userId: uuid('user_id').references(() => appUser.id),
    note: text('note'),
    ...audited,
  },
  (t) => [
    uniqueIndex('ledger_person_id_number_uq').on(t.idNumber),
    uniqueIndex('ledger_person_certificate_uq').on(t.certificateNo).where(sql`${t.certificateNo} is not null`),
    index('ledger_person_unit_idx').on(t.orgUnitId),
  ],
);

/**
 * Function-room types added by the city administrator. The built-in ones (违章处理室 …) live in code
 * (BUILTIN_ROOM_TYPES) so that a freshly migrated database holds no rows (backup/restore relies on that).
 */
export const roomType = pgTable(
  'room_type',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    ordinal: integer('ordinal').notNull(),
    builtin: boolean('builtin').notNull().default(false),
    /** The unit that added it (null for built-in types); types apply city-wide. */
    orgUnitId: uuid('org_unit_id').references(() => orgUnit.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('room_type_name_uq').on(t.name)],
);

/** An office site (办公场所) of a team. Location in raw WGS-84. */
export const ledgerOffice = pgTable(
  'ledger_office',
  {
    id: uuid('id').primaryKey(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    area: doublePrecision('area').notNull(),
    floor: integer('floor').notNull().default(1),
    independent: boolean('independent').notNull().default(false),
    note: text('note'),
    ...audited,
  },
  (t) => [uniqueIndex('ledger_office_unit_name_uq').on(t.orgUnitId, t.name)],
);

/** A function room (功能用房) of a team, of one configured type. */
export const ledgerRoom = pgTable(
  'ledger_room',
  {
    id: uuid('id').primaryKey(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    officeId: uuid('office_id').references(() => ledgerOffice.id),
    name: text('name').notNull(),
    /** A built-in type (BUILTIN_ROOM_TYPES) or one added to `room_type`; checked by the service. */
    type: text('type').notNull(),
    area: doublePrecision('area').notNull(),
    note: text('note'),
    ...audited,
  },
  (t) => [uniqueIndex('ledger_room_unit_name_uq').on(t.orgUnitId, t.name)],
);

/** A sign (标识标牌): type, where it hangs and whether it conforms to the unified design. */
export const ledgerSignage = pgTable(
  'ledger_signage',
  {
    id: uuid('id').primaryKey(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    type: text('type').notNull(),
    location: text('location').notNull(),
    conforms: boolean('conforms').notNull(),
    note: text('note'),
    ...audited,
  },
  (t) => [uniqueIndex('ledger_signage_unit_type_location_uq').on(t.orgUnitId, t.type, t.location)],
);

/** Equipment and vehicles. The serial is the natural key across the city (a transfer keeps it). */
export const ledgerAsset = pgTable(
  'ledger_asset',
  {
    id: uuid('id').primaryKey(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    type: text('type').notNull(), // 'vehicle' | 'ebike' | 'computer' | 'body_camera' | 'radio' | 'other'
    serial: text('serial').notNull(),
    model: text('model'),
    /** Vehicles: plate number and the JT/T 808 terminal phone number. */
    plate: text('plate'),
    terminalNo: text('terminal_no'),
    /** Body cameras: device id (GB/T 28181 20-digit id where known). */
    deviceId: text('device_id'),
    assignedPersonId: uuid('assigned_person_id').references(() => ledgerPerson.id),
    status: text('status').notNull(), // 'in_use' | 'in_repair' | 'retired'
    acquiredOn: date('acquired_on', { mode: 'string' }),
    note: text('note'),
    ...audited,
  },
  (t) => [uniqueIndex('ledger_asset_serial_uq').on(t.serial), index('ledger_asset_unit_idx').on(t.orgUnitId, t.type)],
);

/** Transfers of an asset between teams (the audit trail has them too; this is for the asset's page). */
export const ledgerAssetTransfer = pgTable(
  'ledger_asset_transfer',
  {
    id: uuid('id').primaryKey(),
    assetId: uuid('asset_id').notNull().references(() => ledgerAsset.id),
    /** The destination team (the row is org-scoped like every business table). */
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    fromUnitId: uuid('from_unit_id').notNull().references(() => orgUnit.id),
    toUnitId: uuid('to_unit_id').notNull().references(() => orgUnit.id),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('ledger_asset_transfer_asset_idx').on(t.assetId, t.at)],
);

/** Photos of rooms and signs, stored in the blob store by SHA-256. */
export const ledgerPhoto = pgTable(
  'ledger_photo',
  {
    id: uuid('id').primaryKey(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    entityType: text('entity_type').notNull(), // 'room' | 'signage'
    entityId: uuid('entity_id').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('ledger_photo_entity_idx').on(t.entityType, t.entityId)],
);

/** An Excel import job: validated and written in the background; the page polls its progress. */
export const ledgerImport = pgTable(
  'ledger_import',
  {
    id: uuid('id').primaryKey(),
    /** The importing actor's unit. */
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    ledger: text('ledger').notNull(),
    mode: text('mode').notNull(), // 'all_or_nothing' | 'valid_only'
    fileName: text('file_name').notNull(),
    status: text('status').notNull(), // 'queued' | 'running' | 'done' | 'failed'
    progress: integer('progress').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    totalRows: integer('total_rows').notNull().default(0),
    issues: jsonb('issues').notNull().default([]),
    created: integer('created').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('ledger_import_unit_idx').on(t.orgUnitId, t.createdAt)],
);

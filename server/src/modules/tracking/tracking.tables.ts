import { boolean, doublePrecision, index, integer, jsonb, pgTable, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import { appUser } from '../identity/identity.tables';
import { ledgerAsset, ledgerPerson } from '../ledger/ledger.tables';

/**
 * 执法轨迹: devices, their bindings to officers / vehicles, raw positions, duty schedules (排班), checkpoints and
 * duty alerts. Positions are raw WGS-84 as the device sent them (domain.md §5.4); nothing here is shifted.
 */

const audited = {
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  version: integer('version').notNull().default(1),
};

/**
 * A positioning device. `identifier` is the OsmAnd `id` as the phone sends it, or the JT/T 808 terminal number
 * with leading zeros removed (2013 headers pad it to 12 BCD digits, 2019 headers to 20).
 * status: active (bound to a team) | unassigned (auto-registered, awaiting a team) | disabled (refused).
 */
export const trackingDevice = pgTable(
  'tracking_device',
  {
    id: uuid('id').primaryKey(),
    identifier: text('identifier').notNull(),
    protocol: text('protocol').notNull(), // 'osmand' | 'jt808'
    kind: text('kind').notNull(), // 'phone' | 'vehicle_terminal' | 'body_camera'
    name: text('name').notNull(),
    orgUnitId: uuid('org_unit_id').references(() => orgUnit.id),
    status: text('status').notNull(),
    /** JT/T 808 authentication code issued in 0x8100 (or learnt from the first 0x0102 of a pre-configured terminal). */
    authCode: text('auth_code'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
    lastFixTime: timestamp('last_fix_time', { withTimezone: true, mode: 'date' }),
    lastLat: doublePrecision('last_lat'),
    lastLon: doublePrecision('last_lon'),
    lastSpeedKmh: real('last_speed_kmh'),
    lastCourse: real('last_course'),
    lastFlags: integer('last_flags'),
    note: text('note'),
    ...audited,
  },
  (t) => [uniqueIndex('tracking_device_identifier_uq').on(t.protocol, t.identifier), index('tracking_device_unit_idx').on(t.orgUnitId)],
);

/** Who carried the device when: exactly one of person / asset, over [validFrom, validTo). Periods never overlap. */
export const trackingBinding = pgTable(
  'tracking_binding',
  {
    id: uuid('id').primaryKey(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => trackingDevice.id),
    personId: uuid('person_id').references(() => ledgerPerson.id),
    assetId: uuid('asset_id').references(() => ledgerAsset.id),
    validFrom: timestamp('valid_from', { withTimezone: true, mode: 'date' }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true, mode: 'date' }),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('tracking_binding_device_idx').on(t.deviceId, t.validFrom), index('tracking_binding_person_idx').on(t.personId), index('tracking_binding_asset_idx').on(t.assetId)],
);

/**
 * Raw positions. Partitioned by day of `fix_time` (see migration 0005: the parent is PARTITION BY RANGE with a
 * DEFAULT partition; partitions are created ahead and retention drops whole days). No primary key: a device may
 * legitimately send two fixes with the same time (flagged `duplicate`, still kept as evidence).
 * `flags` is a bit set of FixFlag (domain/position-flags.ts); 0 = clean.
 */
export const trackingPosition = pgTable(
  'tracking_position',
  {
    deviceId: uuid('device_id').notNull(),
    fixTime: timestamp('fix_time', { withTimezone: true, mode: 'date' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    altitude: real('altitude'),
    speedKmh: real('speed_kmh'),
    course: real('course'),
    accuracyM: real('accuracy_m'),
    battery: real('battery'),
    valid: boolean('valid').notNull(),
    flags: integer('flags').notNull(),
    /** 1 = OsmAnd HTTP, 2 = JT/T 808. */
    source: smallint('source').notNull(),
    /** JT/T 808 alarm and status words. */
    alarm: integer('alarm'),
    status: integer('status'),
    /** Anything else the device sent (OsmAnd extra keys, 808 TLVs such as mileage). */
    attributes: jsonb('attributes'),
  },
  (t) => [index('tracking_position_device_time_idx').on(t.deviceId, t.fixTime)],
);

/** 排班: an officer on duty in an area (team / community / grid org unit) over [startsAt, endsAt). */
export const trackingShift = pgTable(
  'tracking_shift',
  {
    id: uuid('id').primaryKey(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => ledgerPerson.id),
    areaUnitId: uuid('area_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => appUser.id),
    ...audited,
  },
  (t) => [index('tracking_shift_unit_idx').on(t.orgUnitId, t.startsAt), index('tracking_shift_person_idx').on(t.personId, t.startsAt)],
);

/** 巡查点: a place a team must visit (market entrance, school gate …), a circle of radiusM metres. */
export const trackingCheckpoint = pgTable(
  'tracking_checkpoint',
  {
    id: uuid('id').primaryKey(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    name: text('name').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    radiusM: real('radius_m').notNull(),
    active: boolean('active').notNull().default(true),
    ...audited,
  },
  (t) => [index('tracking_checkpoint_unit_idx').on(t.orgUnitId)],
);

/**
 * Duty alerts raised by the evaluator from a shift and the officer's positions. One row per (shift, kind, since);
 * `until` fills in when the condition ends. Acknowledging keeps the row (who, when, note).
 */
export const trackingAlert = pgTable(
  'tracking_alert',
  {
    id: uuid('id').primaryKey(),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => trackingShift.id),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => ledgerPerson.id),
    kind: text('kind').notNull(), // 'offline' | 'no_movement' | 'out_of_area'
    since: timestamp('since', { withTimezone: true, mode: 'date' }).notNull(),
    until: timestamp('until', { withTimezone: true, mode: 'date' }),
    durationMs: integer('duration_ms').notNull(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    acknowledgedBy: uuid('acknowledged_by').references(() => appUser.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'date' }),
    ackNote: text('ack_note'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('tracking_alert_key_uq').on(t.shiftId, t.kind, t.since), index('tracking_alert_unit_idx').on(t.orgUnitId, t.since)],
);


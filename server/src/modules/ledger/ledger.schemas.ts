import { Type, type TSchema } from 'typebox';
import { Enum, Nullable, Opt, Str, Uuid } from '../../platform/schema';
import { ASSET_STATUSES, ASSET_TYPES, LEDGERS, PERSON_KINDS, PERSON_STATUSES, type AssetStatus, type AssetType, type Ledger, type PersonKind, type PersonStatus } from './domain/ledger-kinds';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Area = Type.Number({ minimum: 0, maximum: 1_000_000, description: 'm²' });

export const LedgerParam = Type.Object({ ledger: Enum<Ledger>(LEDGERS) });
export const PhotoLedgerParam = Type.Object({ ledger: Enum<'rooms' | 'signage'>(['rooms', 'signage']) });
export const IdParams = Type.Object({ id: Uuid });
export const RevealQuery = Type.Object({ reveal: Type.Optional(Type.Literal('idNumber')) }, { additionalProperties: false });

/** Status filter values per ledger (signage: whether it conforms); offices and rooms have no status. */
const LIST_STATUSES: Record<Ledger, readonly string[]> = {
  persons: PERSON_STATUSES,
  offices: [],
  rooms: [],
  signage: ['conforming', 'non_conforming'],
  assets: ASSET_STATUSES,
};

const listFields = {
  orgUnitId: Type.Optional(Uuid),
  type: Type.Optional(Type.String({ maxLength: 40, description: 'persons: kind; rooms, signage, assets: type' })),
  q: Type.Optional(Type.String({ maxLength: 60 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};

/** The list query of one ledger: an unknown status value is refused, not silently ignored. */
export function listQueryOf(ledger: Ledger) {
  const statuses = LIST_STATUSES[ledger];
  return Type.Object(
    { ...listFields, ...(statuses.length ? { status: Type.Optional(Type.String({ enum: [...statuses] })) } : {}) },
    { additionalProperties: false },
  );
}

export const ReminderQuery = Type.Object({ orgUnitId: Type.Optional(Uuid), withinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, default: 60 })) }, { additionalProperties: false });
export const UnitQuery = Type.Object({ orgUnitId: Type.Optional(Uuid) }, { additionalProperties: false });
export const ImportQuery = Type.Object({ mode: Type.Optional(Enum<'all_or_nothing' | 'valid_only'>(['all_or_nothing', 'valid_only'])) }, { additionalProperties: false });
export const PhotoQuery = Type.Object({ id: Uuid }, { additionalProperties: false });

// ---- bodies ----
const personFields = {
  name: Str(40),
  idNumber: Type.String({ pattern: '^\\d{17}[\\dXx]$', description: '18-character 公民身份号码 (GB 11643)' }),
  kind: Enum<PersonKind>(PERSON_KINDS),
  position: Opt(Str(40)),
  certificateNo: Opt(Str(40)),
  certificateIssuedOn: Opt(Day),
  certificateExpiresOn: Opt(Day),
  trainingHours: Type.Optional(Type.Number({ minimum: 0, maximum: 2000 })),
  partyMember: Type.Optional(Type.Boolean()),
  uniformIssuedOn: Opt(Day),
  status: Type.Optional(Enum<PersonStatus>(PERSON_STATUSES)),
  userId: Opt(Uuid),
  note: Opt(Type.String({ maxLength: 500 })),
};
const officeFields = {
  name: Str(60),
  address: Str(200),
  lon: Opt(Type.Number({ minimum: -180, maximum: 180 })),
  lat: Opt(Type.Number({ minimum: -90, maximum: 90 })),
  area: Area,
  floor: Type.Optional(Type.Integer({ minimum: -5, maximum: 200 })),
  independent: Type.Optional(Type.Boolean()),
  note: Opt(Type.String({ maxLength: 500 })),
};
const roomFields = {
  name: Str(60),
  type: Str(40),
  area: Area,
  officeId: Opt(Uuid),
  note: Opt(Type.String({ maxLength: 500 })),
};
const signageFields = {
  type: Str(40),
  location: Str(100),
  conforms: Type.Boolean(),
  note: Opt(Type.String({ maxLength: 500 })),
};
const assetFields = {
  type: Enum<AssetType>(ASSET_TYPES),
  serial: Str(60),
  model: Opt(Str(100)),
  plate: Opt(Str(20)),
  terminalNo: Opt(Type.String({ pattern: '^\\d{11,20}$', description: 'JT/T 808 terminal phone number' })),
  deviceId: Opt(Str(40)),
  assignedPersonId: Opt(Uuid),
  status: Type.Optional(Enum<AssetStatus>(ASSET_STATUSES)),
  acquiredOn: Opt(Day),
  note: Opt(Type.String({ maxLength: 500 })),
};

function optionalAll<T extends Record<string, TSchema>>(fields: T) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>> };
}
const create = <T extends Record<string, TSchema>>(fields: T) => Type.Object({ orgUnitId: Uuid, ...fields }, { additionalProperties: false });
const patch = <T extends Record<string, TSchema>>(fields: T) => Type.Object({ version: Type.Integer({ minimum: 1 }), ...optionalAll(fields) }, { additionalProperties: false });

export const CreatePersonBody = create(personFields);
export const PatchPersonBody = patch(personFields);
export const CreateOfficeBody = create(officeFields);
export const PatchOfficeBody = patch(officeFields);
export const CreateRoomBody = create(roomFields);
export const PatchRoomBody = patch(roomFields);
export const CreateSignageBody = create(signageFields);
export const PatchSignageBody = patch(signageFields);
export const CreateAssetBody = create(assetFields);
export const PatchAssetBody = patch(assetFields);
export const TransferBody = Type.Object({ toUnitId: Uuid, reason: Str(500) }, { additionalProperties: false });
export const CreateRoomTypeBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 40, pattern: '^\\S(.*\\S)?$' }) }, { additionalProperties: false });

// ---- responses ----
const common = {
  id: Type.String(),
  orgUnitId: Type.String(),
  orgUnitName: Type.String(),
  orgUnitCode: Type.String(),
  isDemo: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: Type.String(),
  actions: Type.Array(Type.String()),
};
const Photo = Type.Object({ id: Type.String(), fileName: Type.String(), mimeType: Type.String(), sha256: Type.String(), sizeBytes: Type.Integer(), uploadedAt: Type.String(), url: Type.String() });
const N = <T extends TSchema>(t: T) => Nullable(t);

export const PersonOut = Type.Object({
  ...common,
  name: Type.String(),
  idNumber: Type.String({ description: 'masked (3206**********1234) unless revealed' }),
  idNumberMasked: Type.Boolean(),
  kind: Type.String(),
  position: N(Type.String()),
  certificateNo: N(Type.String()),
  certificateIssuedOn: N(Type.String()),
  certificateExpiresOn: N(Type.String()),
  certificateState: Type.String({ description: 'valid | expiring (within 60 days) | expired | none' }),
  trainingHours: Type.Number(),
  partyMember: Type.Boolean(),
  uniformIssuedOn: N(Type.String()),
  status: Type.String(),
  userId: N(Type.String()),
  note: N(Type.String()),
});
export const OfficeOut = Type.Object({ ...common, name: Type.String(), address: Type.String(), lon: N(Type.Number()), lat: N(Type.Number()), area: Type.Number(), floor: Type.Integer(), independent: Type.Boolean(), note: N(Type.String()) });
export const RoomOut = Type.Object({ ...common, name: Type.String(), type: Type.String(), area: Type.Number(), officeId: N(Type.String()), officeName: N(Type.String()), note: N(Type.String()), photos: Type.Array(Photo) });
export const SignageOut = Type.Object({ ...common, type: Type.String(), location: Type.String(), conforms: Type.Boolean(), note: N(Type.String()), photos: Type.Array(Photo) });
export const AssetOut = Type.Object({
  ...common,
  type: Type.String(),
  serial: Type.String(),
  model: N(Type.String()),
  plate: N(Type.String()),
  terminalNo: N(Type.String()),
  deviceId: N(Type.String()),
  assignedPersonId: N(Type.String()),
  assignedPersonName: N(Type.String()),
  status: Type.String(),
  acquiredOn: N(Type.String()),
  note: N(Type.String()),
});
export const listOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer(), actions: Type.Array(Type.String()) });
export const PhotoOut = Photo;
export const TransferOut = Type.Object({ id: Type.String(), assetId: Type.String(), fromUnitId: Type.String(), fromUnitName: Type.String(), toUnitId: Type.String(), toUnitName: Type.String(), reason: Type.String(), actorName: Type.String(), at: Type.String() });
export const RoomTypeOut = Type.Object({ id: Type.String(), name: Type.String(), ordinal: Type.Integer(), builtin: Type.Boolean() });
/** `code` and `params` are what the web translates (fieldErrors.<code>); reports stored before codes existed lack them. */
export const ImportIssue = Type.Object({
  row: Type.Integer(),
  column: Type.String(),
  field: Type.String(),
  message: Type.String(),
  code: Type.Optional(Type.String()),
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
});
export const ImportOut = Type.Object({
  id: Type.String(),
  ledger: Type.String(),
  mode: Type.String(),
  fileName: Type.String(),
  status: Type.String({ description: 'queued | running | done | failed' }),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  processedRows: Type.Integer(),
  totalRows: Type.Integer(),
  issues: Type.Array(ImportIssue),
  created: Type.Integer(),
  skipped: Type.Integer(),
  error: N(Type.String()),
  createdAt: Type.String(),
  finishedAt: N(Type.String()),
});

const Ratio = N(Type.Number({ description: 'rounded to 2 decimals; null when the denominator is 0' }));
const Count = Type.Integer();
/** `GET /overview`: the 执法保障 figures of a team or subtree (domain/rule-data buildOverview). */
export const LedgerOverviewOut = Type.Object({
  orgUnitId: Type.String(),
  orgUnitName: Type.String(),
  today: Type.String({ description: 'YYYY-MM-DD (Asia/Shanghai)' }),
  persons: Type.Object({
    officersActive: Count,
    auxiliariesActive: Count,
    left: Count,
    certificates: Type.Object({ valid: Count, expiring: Count, expired: Count, none: Count }),
    certificateRate: Ratio,
    partyMembers: Count,
    uniformIssued: Count,
    avgTrainingHours: N(Type.Number()),
  }),
  assets: Type.Array(Type.Object({ type: Type.String(), label: Type.String(), total: Count, in_use: Count, in_repair: Count, retired: Count })),
  perOfficer: Type.Object({ computers: Ratio, bodyCameras: Ratio, radios: Ratio, ebikes: Ratio }),
  offices: Type.Object({ count: Count, totalArea: Type.Number(), areaPerPerson: Ratio, independent: Type.Boolean() }),
  rooms: Type.Array(Type.Object({ type: Type.String(), count: Count, area: Type.Number() })),
  missingRequiredRooms: Type.Array(Type.String()),
  signage: Type.Object({ total: Count, conforming: Count, nonConforming: Count }),
});

/** One aggregate or metric of a rule, as evaluated (domain/rule RuleTerm). */
const RuleTermOut = Type.Object({
  text: Type.String(),
  value: Type.Union([Type.Number(), Type.Boolean(), Type.Null()]),
  matched: Type.Optional(Type.Integer()),
  rowIds: Type.Optional(Type.Array(Type.String(), { description: 'at most 50' })),
  start: Type.Integer(),
  end: Type.Integer(),
});
/** `GET /requirements`: the computed items of a version evaluated for one team. */
export const RequirementsOut = Type.Object({
  orgUnitId: Type.String(),
  orgUnitName: Type.String(),
  versionId: Type.String(),
  versionLabel: Type.String(),
  standardName: Type.String(),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      title: Type.String(),
      rule: N(Type.String()),
      points: N(Type.Number()),
      isVeto: Type.Boolean(),
      value: N(Type.Boolean()),
      result: N(Type.Unsafe<'compliant' | 'non_compliant'>(Type.String({ enum: ['compliant', 'non_compliant'] }))),
      explanation: Type.String(),
      terms: Type.Array(RuleTermOut),
      missing: Type.Array(Type.String()),
    }),
  ),
});

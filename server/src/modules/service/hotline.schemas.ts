import { Type } from 'typebox';
import { DateTime, Enum, Nullable, Str, Uuid } from '../../platform/schema';
import { HOTLINE_ISSUE_CODES } from './domain/hotline-rows';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' });

export const HotlineImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ description: 'true (the default): only check and preview; false: create the requests' })) },
  { additionalProperties: false },
);

export const HotlineIssueOut = Type.Object({
  sheet: Type.String(),
  row: Type.Integer({ description: '1-based sheet row (1 = header); 0 for the whole file' }),
  column: Type.String({ description: "column letter; '' for the whole row or file" }),
  orderNo: Type.String({ description: '工单编号 of the row, when it has one' }),
  code: Enum(HOTLINE_ISSUE_CODES),
  message: Type.String(),
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
});

export const HotlineRowOut = Type.Object({
  row: Type.Integer(),
  orderNo: Type.String(),
  calledAt: DateTime,
  categoryWord: Type.String(),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  address: Type.String(),
  /** `create`: a new request; `exists`: this 工单编号 was imported before and is left as it is. */
  action: Type.Union([Type.Literal('create'), Type.Literal('exists')]),
  /** `location`: routed by its 经纬度 to the team whose area holds it (or the desk); `city_desk`: no 经纬度, the desk dispatches it. */
  routing: Type.Union([Type.Literal('location'), Type.Literal('city_desk')]),
  /** The request (existing, or created by this import). */
  requestId: Nullable(Uuid),
  trackingCode: Nullable(Type.String()),
});

export const HotlineImportResult = Type.Object({
  dryRun: Type.Boolean({ description: 'true: checked only, nothing written' }),
  sheet: Type.String(),
  /** Orders in the file (blank rows not counted). */
  total: Type.Integer(),
  /** Orders new to guifan (created unless dryRun). */
  toCreate: Type.Integer(),
  /** Orders whose 工单编号 was imported before: nothing is created for them (a re-import is idempotent). */
  existing: Type.Integer(),
  /** New orders without 经纬度: they go to the city desk, which dispatches them. */
  toCityDesk: Type.Integer(),
  created: Type.Integer({ description: 'requests created by this call (0 for a preview)' }),
  /** The hotline's words that no category or mapping matched (add them to the mapping and check again). */
  unmappedWords: Type.Array(Type.String()),
  issues: Type.Array(HotlineIssueOut),
  rows: Type.Array(HotlineRowOut),
});

export const ExportQuery = Type.Object({ from: Day, to: Day }, { additionalProperties: false });

export const MappingItem = Type.Object({ word: Str(100), categoryId: Uuid });
export const MappingOut = Type.Object({
  version: Type.Integer({ description: '0 while nothing was saved' }),
  items: Type.Array(Type.Object({ word: Type.String(), categoryId: Uuid, categoryCode: Type.String(), categoryName: Type.String(), active: Type.Boolean() })),
  updatedAt: Nullable(DateTime),
  /** The active categories a word may be mapped to. */
  categories: Type.Array(Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), bigClass: Type.String() })),
});
export const MappingBody = Type.Object(
  { version: Type.Integer({ minimum: 0, description: 'the version read (0 when none was saved): a stale one is refused with 409' }), items: Type.Array(MappingItem, { maxItems: 500 }) },
  { additionalProperties: false },
);

export const MeasuresQuery = Type.Object({ orgUnitId: Type.Optional(Uuid), from: Day, to: Day }, { additionalProperties: false });
export const MeasuresOut = Type.Object({
  orgUnitId: Uuid,
  orgUnitName: Type.String(),
  from: Day,
  to: Day,
  onTime: Type.Integer({ description: 'replied with every stage within its limit' }),
  late: Type.Integer({ description: 'some stage done after its limit, or overdue and not suspended' }),
  pending: Type.Integer({ description: 'still inside its limits: not judged yet' }),
  rated: Type.Integer(),
  satisfied: Type.Integer(),
  basicallySatisfied: Type.Integer(),
  dissatisfied: Type.Integer(),
  responseOnTimeRate: Nullable(Type.Number({ description: 'onTime / (onTime + late); null when none was judged' })),
  satisfactionRate: Nullable(Type.Number({ description: '(satisfied + basicallySatisfied) / rated; null when none was rated' })),
});

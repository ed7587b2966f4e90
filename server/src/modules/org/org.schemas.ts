import { Type, type Static } from 'typebox';
import { ORG_KINDS, type OrgKind } from './domain/org-kinds';

const Kind = Type.Unsafe<OrgKind>(Type.String({ enum: [...ORG_KINDS] }));

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const OrgUnitOut = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    parentId: Type.Union([Type.String(), Type.Null()]),
    code: Type.String(),
    name: Type.String(),
    shortName: Type.Union([Type.String(), Type.Null()]),
    kind: Kind,
    validFrom: Day,
    validTo: Type.Union([Day, Type.Null()]),
    isDemo: Type.Boolean(),
    note: Type.Union([Type.String(), Type.Null()]),
    centerLon: Type.Union([Type.Number(), Type.Null()]),
    centerLat: Type.Union([Type.Number(), Type.Null()]),
    version: Type.Integer(),
    actions: Type.Array(Type.String(), { description: 'What the caller may do: update, createChild' }),
  },
  { $id: 'OrgUnit' },
);
export type OrgUnitOutT = Static<typeof OrgUnitOut>;

export const OrgUnitList = Type.Object({ items: Type.Array(Type.Ref('OrgUnit')), actions: Type.Array(Type.String()) });

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const UpdateOrgUnitBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    shortName: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    validTo: Type.Optional(Type.Union([Day, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateOrgUnitBodyT = Static<typeof UpdateOrgUnitBody>;

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
export const PolygonGeometry = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Position), { minItems: 1 }) }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Type.Array(Position)), { minItems: 1 }) },
    { additionalProperties: false },
  ),
]);

/** Stored for units placed at a point (e.g. a demo office) rather than drawn as an area. */
const PointGeometry = Type.Object({ type: Type.Literal('Point'), coordinates: Position });

export const CreateOrgUnitBody = Type.Object(
  {
    parentId: Type.String({ format: 'uuid' }),
    code: Type.String({ pattern: '^[0-9A-Za-z_.-]{1,40}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    shortName: Type.Optional(Type.String({ maxLength: 50 })),
    kind: Kind,
    validFrom: Day,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    geometry: Type.Optional(PolygonGeometry),
  },
  { additionalProperties: false },
);
export type CreateOrgUnitBodyT = Static<typeof CreateOrgUnitBody>;

export const MapQuery = Type.Object({ rootId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false });
export const FeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      properties: Type.Object({ id: Type.String(), parentId: Type.Union([Type.String(), Type.Null()]), name: Type.String(), kind: Kind, isDemo: Type.Boolean() }),
      geometry: Type.Union([PolygonGeometry, PointGeometry], { description: 'GeoJSON in WGS-84 (lon, lat)' }),
    }),
  ),
});

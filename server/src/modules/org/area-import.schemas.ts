import { Type, type Static } from 'typebox';

export const AreaImportQuery = Type.Object(
  {
    crs: Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')], { description: 'Coordinate system of the file: WGS-84 (also CGCS2000) or GCJ-02' }),
    codeProperty: Type.String({ minLength: 1, maxLength: 60, description: 'The property (attribute column) holding the org unit code' }),
    nameProperty: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'The property holding the name of a new grid' })),
    gridTeamCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'Features with unknown codes become unit grids under this team' })),
  },
  { additionalProperties: false },
);
export type AreaImportQueryT = Static<typeof AreaImportQuery>;

const Params = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]));

export const AreaProblemOut = Type.Object({
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  code: Type.String({ description: 'ring_not_closed, ring_self_intersects, overlap_between_teams, gap_in_district, … (see domain/area-check.ts)' }),
  featureIndex: Type.Union([Type.Integer(), Type.Null()], { description: 'From 0; null for the whole file' }),
  unitCode: Type.Union([Type.String(), Type.Null()]),
  property: Type.Union([Type.String(), Type.Null()]),
  params: Params,
});

export const AreaChangeOut = Type.Object({
  action: Type.Union([Type.Literal('update'), Type.Literal('create')]),
  featureIndex: Type.Integer(),
  unitCode: Type.String(),
  unitId: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  name: Type.String(),
  parentId: Type.String(),
});

const AreaGeometry = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Type.Array(Type.Number()))) }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Type.Array(Type.Array(Type.Number())))) }),
]);

export const AreaImportPreview = Type.Object({
  fileKind: Type.Union([Type.Literal('geojson'), Type.Literal('shapefile')]),
  featureCount: Type.Integer(),
  properties: Type.Array(Type.String(), { description: 'Attribute names found on the features' }),
  prj: Type.Union([Type.String(), Type.Null()]),
  problems: Type.Array(AreaProblemOut),
  changes: Type.Array(AreaChangeOut),
  errorCount: Type.Integer(),
  warningCount: Type.Integer(),
  map: Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      features: Type.Array(
        Type.Object({
          type: Type.Literal('Feature'),
          properties: Type.Object({ featureIndex: Type.Integer(), unitCode: Type.String(), name: Type.String(), kind: Type.String(), action: Type.String() }),
          geometry: AreaGeometry,
        }),
      ),
    },
    { description: 'The features that would be written, in WGS-84' },
  ),
});
export type AreaImportPreviewT = Static<typeof AreaImportPreview>;

export const AreaImportApplied = Type.Object({
  updated: Type.Integer(),
  created: Type.Integer(),
  warningCount: Type.Integer(),
});
export type AreaImportAppliedT = Static<typeof AreaImportApplied>;

import { Type } from 'typebox';
import { DateTime, Nullable, Str, Uuid } from '../../platform/schema';

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): the JSON forms of the spec's responses, field names exactly
 * the spec's. The XML form is the same data (Spark convention: arrays become `<services><service>`,
 * `<service_requests><request>`, `<errors><error>`).
 */

/** GET services: one service type per active category. */
export const Open311Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  /** guifan's categories need no extra form fields: always false. */
  metadata: Type.Boolean(),
  /** The service_request_id comes back at once. */
  type: Type.Literal('realtime'),
  keywords: Type.String(),
  /** The 数字城管 大类. */
  group: Type.String(),
});
export const Open311Services = Type.Array(Open311Service);

const AttributeValue = Type.Object({ key: Type.String(), name: Type.String() });
export const Open311Attribute = Type.Object({
  variable: Type.Boolean(),
  code: Type.String(),
  datatype: Type.String(),
  required: Type.Boolean(),
  datatype_description: Nullable(Type.String()),
  order: Type.Integer(),
  description: Type.String(),
  values: Type.Array(AttributeValue),
});
/** GET services/{code}: the service definition (guifan defines no attributes: the list is empty). */
export const Open311Definition = Type.Object({ service_code: Type.String(), attributes: Type.Array(Open311Attribute) });

/** POST requests: the id at once (type realtime, so no token), what will happen, the tracking code for the reporter. */
export const Open311Created = Type.Object({
  service_request_id: Type.String(),
  service_notice: Type.String(),
  account_id: Nullable(Type.String()),
});
export const Open311CreatedList = Type.Array(Open311Created);

/** GET requests / requests/{id}: every field the spec lists; those guifan does not hold are null. */
export const Open311Request = Type.Object({
  service_request_id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Nullable(Type.String()),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Type.String(),
  agency_responsible: Nullable(Type.String()),
  service_notice: Nullable(Type.String()),
  requested_datetime: Type.String({ description: 'w3 date-time with offset, Beijing time' }),
  updated_datetime: Type.String({ description: 'w3 date-time with offset, Beijing time' }),
  expected_datetime: Nullable(Type.String({ description: 'the reply due time, w3 date-time with offset' })),
  address: Nullable(Type.String()),
  address_id: Nullable(Type.String()),
  zipcode: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  long: Nullable(Type.Number()),
  media_url: Nullable(Type.String()),
});
export const Open311Requests = Type.Array(Open311Request);

/** The spec's error body. */
export const Open311Errors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }));

const Text = (max: number) => Type.String({ maxLength: max });

/** GET arguments: all optional; unknown ones (paging of other servers, api_key sent anyway) are ignored. */
export const ListQuery = Type.Object(
  {
    jurisdiction_id: Type.Optional(Text(200)),
    service_request_id: Type.Optional(Text(40_000)),
    service_code: Type.Optional(Text(2000)),
    start_date: Type.Optional(Text(40)),
    end_date: Type.Optional(Text(40)),
    status: Type.Optional(Text(40)),
  },
  { additionalProperties: true },
);
export const JurisdictionQuery = Type.Object({ jurisdiction_id: Type.Optional(Text(200)) }, { additionalProperties: true });
export const FileParams = Type.Object({ file: Type.String({ maxLength: 200 }) });

/**
 * POST requests, form-encoded (`application/x-www-form-urlencoded`, the spec's format; a flat XML document is also
 * read, see docs/open311.md). Every value is text. `attribute[…]` and other extra fields are accepted and ignored.
 */
export const SubmitForm = Type.Object(
  {
    api_key: Type.Optional(Text(200)),
    jurisdiction_id: Type.Optional(Text(200)),
    service_code: Type.Optional(Text(100)),
    lat: Type.Optional(Text(40)),
    long: Type.Optional(Text(40)),
    address_string: Type.Optional(Text(500)),
    address_id: Type.Optional(Text(200)),
    email: Type.Optional(Text(320)),
    device_id: Type.Optional(Text(200)),
    account_id: Type.Optional(Text(200)),
    first_name: Type.Optional(Text(100)),
    last_name: Type.Optional(Text(100)),
    phone: Type.Optional(Text(40)),
    /** The spec: free form text limited to 4,000 characters. */
    description: Type.Optional(Text(4000)),
    media_url: Type.Optional(Text(2000)),
  },
  { additionalProperties: true },
);

// ---------------------------------------------------------------------------------------------------------------
// Administration of the keys (/api/service/open311-keys)

export const ApiKeyOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** The key's first characters, to tell keys apart; the key itself is shown only once, when created. */
  keyPrefix: Type.String(),
  hourlyLimit: Type.Integer(),
  createdAt: DateTime,
  createdByName: Nullable(Type.String()),
  revokedAt: Nullable(DateTime),
  lastUsedAt: Nullable(DateTime),
  /** Requests submitted with this key in the last hour. */
  usedLastHour: Type.Integer(),
});
export const ApiKeyList = Type.Object({ items: Type.Array(ApiKeyOut), jurisdictionId: Type.String(), endpoint: Type.String() });
export const ApiKeyCreateBody = Type.Object(
  {
    name: Str(100),
    /** Requests in any rolling hour; default 60. */
    hourlyLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);
export const ApiKeyCreated = Type.Object({ key: ApiKeyOut, secret: Type.String({ description: 'the API key: shown this once, never again' }) });
export const ApiKeyParams = Type.Object({ id: Uuid });

import type { serviceOpen311AuditZh, serviceOpen311EntitiesZh, serviceOpen311ErrorsZh, serviceOpen311MenuZh, serviceOpen311Zh } from './service-open311.zh-CN';

/** 便民服务 开放接口 (Open311 GeoReport v2): the keys page, its errors and menu entry. Same shape as service-open311.zh-CN.ts. */
export const serviceOpen311En: typeof serviceOpen311Zh = {
  serviceOpen311: {
    title: 'Open interface (Open311)',
    intro: 'Other platforms (the 12345 hotline system, city service apps) can list the report types, submit reports and follow them through the standard Open311 GeoReport v2 interface. Submitting needs an API key; reading needs none and shows no contact details.',
    endpoint: 'Endpoint',
    jurisdiction: 'Jurisdiction (jurisdiction_id)',
    tryServices: 'Service list',
    tryRequests: 'Requests of the last 90 days',
    keys: 'API keys',
    create: 'New key',
    name: 'Holder',
    namePlaceholder: 'e.g. 12345 hotline platform',
    keyPrefix: 'Key starts with',
    hourlyLimit: 'Submissions per hour, at most',
    hourlyLimitHint: 'Submissions beyond the limit are refused (HTTP 429), against abuse',
    usedLastHour: 'Submitted in the last hour',
    createdAt: 'Created',
    createdBy: 'Created by',
    lastUsedAt: 'Last used',
    never: 'never',
    status: 'Status',
    active: 'Active',
    revoked: 'Revoked',
    revokedAt: 'revoked {{at}}',
    revoke: 'Revoke',
    revokeConfirm: 'Once revoked, submissions with this key are refused, for good. Revoke the key of “{{name}}”?',
    revokedDone: 'Key revoked',
    createdTitle: 'Key created',
    secretOnce: 'Copy it now and hand it to its holder. The key is shown this once only; if it is lost, revoke it and create a new one.',
    secret: 'API key',
    close: 'I have saved it',
    empty: 'No API keys yet',
  },
};

export const serviceOpen311MenuEn: typeof serviceOpen311MenuZh = {
  serviceOpen311: 'Open interface',
};

export const serviceOpen311ErrorsEn: typeof serviceOpen311ErrorsZh = {
  open311_key_not_found: 'No such API key',
  open311_key_revoked: 'This API key is already revoked',
};

export const serviceOpen311AuditEn: typeof serviceOpen311AuditZh = {
  service_api_key: { create: 'Open311 API key created', revoke: 'Open311 API key revoked' },
};
export const serviceOpen311EntitiesEn: typeof serviceOpen311EntitiesZh = {
  service_api_key: 'Open311 API key',
};

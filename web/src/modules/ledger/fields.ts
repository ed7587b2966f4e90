import type { TFunction } from 'i18next';
import { ASSET_STATUSES, ASSET_TYPES, PERSON_KINDS, PERSON_STATUSES, SIGNAGE_TYPES, type Ledger } from './api';

export type FieldKind = 'text' | 'textarea' | 'number' | 'integer' | 'date' | 'bool' | 'select' | 'roomType' | 'office' | 'person' | 'signageType';

export interface FieldDef {
  name: string;
  /** key under ledger.fields */
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** Empty → null (else the field is left out of the body). */
  nullable?: boolean;
  options?: (t: TFunction) => { value: string; label: string }[];
  min?: number;
  max?: number;
  pattern?: RegExp;
  maxLength?: number;
}

const opts = (values: readonly string[], prefix: string) => (t: TFunction) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
export const personKindOptions = opts(PERSON_KINDS, 'ledger.personKinds');
export const personStatusOptions = opts(PERSON_STATUSES, 'ledger.personStatuses');
export const assetTypeOptions = opts(ASSET_TYPES, 'ledger.assetTypes');
export const assetStatusOptions = opts(ASSET_STATUSES, 'ledger.assetStatuses');
export const signageStatusOptions = opts(['conforming', 'non_conforming'], 'ledger.signageStatuses');
export const signageTypeOptions = () => SIGNAGE_TYPES.map((v) => ({ value: v, label: v }));

export const FIELDS: Record<Ledger, FieldDef[]> = {
  persons: [
    { name: 'name', label: 'name', kind: 'text', required: true, maxLength: 40 },
    { name: 'idNumber', label: 'idNumber', kind: 'text', required: true, pattern: /^\d{17}[\dXx]$/ },
    { name: 'kind', label: 'kind', kind: 'select', required: true, options: personKindOptions },
    { name: 'position', label: 'position', kind: 'text', nullable: true, maxLength: 40 },
    { name: 'certificateNo', label: 'certificateNo', kind: 'text', nullable: true, maxLength: 40 },
    { name: 'certificateIssuedOn', label: 'certificateIssuedOn', kind: 'date', nullable: true },
    { name: 'certificateExpiresOn', label: 'certificateExpiresOn', kind: 'date', nullable: true },
    { name: 'trainingHours', label: 'trainingHours', kind: 'number', min: 0, max: 2000 },
    { name: 'partyMember', label: 'partyMember', kind: 'bool' },
    { name: 'uniformIssuedOn', label: 'uniformIssuedOn', kind: 'date', nullable: true },
    { name: 'status', label: 'status', kind: 'select', options: personStatusOptions },
    { name: 'note', label: 'note', kind: 'textarea', nullable: true, maxLength: 500 },
  ],
  offices: [
    { name: 'name', label: 'officeName', kind: 'text', required: true, maxLength: 60 },
    { name: 'address', label: 'address', kind: 'text', required: true, maxLength: 200 },
    { name: 'area', label: 'area', kind: 'number', required: true, min: 0, max: 1_000_000 },
    { name: 'floor', label: 'floor', kind: 'integer', min: -5, max: 200 },
    { name: 'independent', label: 'independent', kind: 'bool' },
    { name: 'lon', label: 'lon', kind: 'number', nullable: true, min: -180, max: 180 },
    { name: 'lat', label: 'lat', kind: 'number', nullable: true, min: -90, max: 90 },
    { name: 'note', label: 'note', kind: 'textarea', nullable: true, maxLength: 500 },
  ],
  rooms: [
    { name: 'name', label: 'roomName', kind: 'text', required: true, maxLength: 60 },
    { name: 'type', label: 'roomType', kind: 'roomType', required: true },
    { name: 'area', label: 'area', kind: 'number', required: true, min: 0, max: 1_000_000 },
    { name: 'officeId', label: 'officeId', kind: 'office', nullable: true },
    { name: 'note', label: 'note', kind: 'textarea', nullable: true, maxLength: 500 },
  ],
  signage: [
    { name: 'type', label: 'signageType', kind: 'signageType', required: true, maxLength: 40 },
    { name: 'location', label: 'location', kind: 'text', required: true, maxLength: 100 },
    { name: 'conforms', label: 'conforms', kind: 'bool' },
    { name: 'note', label: 'note', kind: 'textarea', nullable: true, maxLength: 500 },
  ],
  assets: [
    { name: 'type', label: 'assetType', kind: 'select', required: true, options: assetTypeOptions },
    { name: 'serial', label: 'serial', kind: 'text', required: true, maxLength: 60 },
    { name: 'model', label: 'model', kind: 'text', nullable: true, maxLength: 100 },
    { name: 'plate', label: 'plate', kind: 'text', nullable: true, maxLength: 20 },
    { name: 'terminalNo', label: 'terminalNo', kind: 'text', nullable: true, pattern: /^\d{11,20}$/ },
    { name: 'deviceId', label: 'deviceId', kind: 'text', nullable: true, maxLength: 40 },
    { name: 'assignedPersonId', label: 'assignedPersonId', kind: 'person', nullable: true },
    { name: 'status', label: 'status', kind: 'select', options: assetStatusOptions },
    { name: 'acquiredOn', label: 'acquiredOn', kind: 'date', nullable: true },
    { name: 'note', label: 'note', kind: 'textarea', nullable: true, maxLength: 500 },
  ],
};

/** Filters of a ledger's list: `type` means the person kind for persons. */
export const FILTERS: Record<Ledger, { type?: (t: TFunction) => { value: string; label: string }[]; status?: (t: TFunction) => { value: string; label: string }[] }> = {
  persons: { type: personKindOptions, status: personStatusOptions },
  offices: {},
  rooms: { type: undefined },
  signage: { type: signageTypeOptions, status: signageStatusOptions },
  assets: { type: assetTypeOptions, status: assetStatusOptions },
};

import type { serviceHotlineAuditZh, serviceHotlineEntitiesZh, serviceHotlineErrorsZh, serviceHotlineMenuZh, serviceHotlineZh } from './service-hotline.zh-CN';

/** English texts of the 12345 work-order import (same shape as service-hotline.zh-CN.ts). */
export const serviceHotlineEn: typeof serviceHotlineZh = {
  serviceHotline: {
    title: '12345 work orders',
    intro: "Import the 12345 hotline's Excel export: check and preview first, import once nothing is wrong. Order numbers imported before are not created again; orders without coordinates go to the city desk.",
    template: 'Download the template',
    choose: 'Choose the work-order file (.xlsx)',
    chooseFirst: 'Choose the work-order file first',
    check: 'Check and preview',
    apply: 'Import',
    summary: '{{total}} orders: {{toCreate}} new ({{toCityDesk}} without coordinates, to the city desk), {{existing}} imported before (not created again)',
    valid: 'No problems: ready to import',
    invalid: '{{count}} problem(s) found: nothing of the file will be imported; fix them and check again',
    nothingNew: 'Every order of the file was imported before: nothing to create',
    done: 'Imported: {{created}} orders created, {{existing}} imported before and not created again, {{toCityDesk}} without coordinates sent to the city desk',
    issues: 'Problems',
    sheet: 'Sheet',
    row: 'Row',
    column: 'Column',
    orderNo: 'Order no.',
    problem: 'Problem',
    rows: 'Orders',
    calledAt: 'Called at',
    categoryWord: 'Category (12345)',
    category: 'Category',
    address: 'Address',
    action: 'Action',
    routing: 'Dispatch',
    actions: { create: 'New', exists: 'Imported before' },
    routings: { location: 'By location', city_desk: 'City desk' },
    trackingCode: 'Tracking code',
    mapping: 'Category mapping',
    mappingIntro: "The hotline's category words become guifan categories through this mapping; unmapped words are matched by category code or name. The workbook's 类别对照 sheet comes first.",
    unmapped: 'These hotline categories have no mapping: pick a category for each, save, and check again:',
    word: '12345 category',
    pickCategory: 'Pick a category',
    saveMapping: 'Save mapping',
    saveAndCheck: 'Save mapping and check again',
    mappingSaved: 'Mapping saved',
    remove: 'Remove',
    noMapping: 'No mapping yet',
    export: 'Export the replies',
    exportIntro: 'The hotline orders called in the period, in the import format with state, result, reply time, handling unit and satisfaction filled, to send back to 12345.',
    period: 'Called between',
    exportButton: 'Export',
    issue: {
      sheet_missing: 'The workbook has no sheet "{{sheet}}" (sheets: {{sheets}})',
      column_missing: 'The header has no column "{{header}}"',
      no_rows: 'The sheet has no work orders',
      required: '"{{header}}" is required',
      too_long: 'At most {{max}} characters',
      text_invalid: 'Contains characters that cannot be stored',
      date_time_format: '"{{value}}" is not a date and time (YYYY-MM-DD HH:MM)',
      date_time_range: '{{value}} is before 2000 or in the future',
      deadline_before_call: 'The time limit is not after the call',
      duplicate_in_file: 'The order number is also in row {{firstRow}}',
      category_unknown: '"{{value}}" is no category and has no mapping',
      category_inactive: '"{{value}}" maps to the retired category "{{category}}"',
      mapping_target_unknown: 'No category has the code or name "{{value}}"',
      mapping_duplicate: '"{{value}}" is mapped already in row {{firstRow}}',
      coordinates_format: '"{{value}}" is not "longitude,latitude"',
      coordinates_outside_china: '{{value}} is outside China',
      coordinates_swapped: '{{value}} looks like "latitude,longitude": put the longitude first',
      phone_format: '"{{value}}" is not a phone number',
    },
  },
};

export const serviceHotlineMenuEn: typeof serviceHotlineMenuZh = {
  serviceHotline: '12345 work orders',
};

export const serviceHotlineErrorsEn: typeof serviceHotlineErrorsZh = {
  hotline_import_invalid: 'The work-order file has problems; nothing was imported',
  hotline_no_file: 'No work-order file was received',
  hotline_period_invalid: 'The export period is wrong (the end before the start, or longer than a year)',
  hotline_mapping_invalid: 'The mapping has an empty or repeated word, or an unknown category',
  hotline_mapping_stale: 'Someone changed the mapping meanwhile; reload and try again',
};

export const serviceHotlineAuditEn: typeof serviceHotlineAuditZh = {
  service_hotline: { import: 'Imported 12345 work orders', mapping: 'Changed the 12345 category mapping' },
};

export const serviceHotlineEntitiesEn: typeof serviceHotlineEntitiesZh = {
  service_hotline_import: '12345 work-order import',
};

import type { documentErrorsZh } from './document.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English twin of document.zh-CN.ts. */
export const documentErrorsEn: Shape<typeof documentErrorsZh> = {
  document: {
    case_closed: 'The case was not filed, was withdrawn or is archived: it takes no new documents',
    type_not_numbered: 'This kind of document carries no document number',
    already_numbered: 'This document already has the number {{number}}; void it first to number it again',
    number_not_found: 'Document number not found',
    void_reason_required: 'Say why the number is voided',
    number_void: 'The number {{number}} is already void',
    step_not_reached: 'The case has not reached the step this document belongs to',
    template_not_found: 'Template set version not found',
    template_immutable: 'This template set version is published or superseded and cannot be changed; create a new draft',
    template_draft_exists: 'The draft “{{label}}” exists; publish or discard it first',
    template_label_taken: 'A template set version with this label exists',
    template_invalid: 'The templates have problems; see the fields marked',
    numbering_invalid: 'The published templates’ numbering rule is broken: no number can be issued; ask the legal office to fix the templates',
  },
};

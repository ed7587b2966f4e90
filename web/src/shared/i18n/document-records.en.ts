import { documentErrorsEn } from './document.en';
import type { documentRecordsErrorsZh, documentRecordsZh } from './document-records.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English twin of document-records.zh-CN.ts. */
export const documentRecordsErrorsEn: Shape<typeof documentRecordsErrorsZh> = {
  document: {
    ...documentErrorsEn.document,
    number_required: 'Issue the document number first',
    role_not_on_document: 'This document has no such signature line',
    signer_not_officer: 'An officer signs as one of the officers named on the case’s steps',
    refusal_needs_witness: 'A party’s refusal to sign needs a note and a witness',
    already_signed: 'This person has already signed the document',
    not_served_type: 'This kind of document is not served on the party',
    witness_required: 'Leaving the document at the premises needs a witness (Civil Procedure Law Art. 89)',
    consent_required: 'Electronic service needs the party’s written consent (Administrative Penalty Law Art. 61(2))',
    unsigned: 'The document is not fully signed and cannot be served yet',
    already_served: 'The document has already been served',
    decision_unsigned: 'The penalty decision must be numbered and signed by both officers before it is served (see the Documents tab)',
    required_missing: 'Documents required before closing or archiving are missing or incomplete: see the Documents tab',
    service_not_recorded: 'The service was not recorded; try again',
  },
};

export const documentRecordsEn: Shape<typeof documentRecordsZh> = {
  caseDocuments: {
    tab: 'Documents',
    title: 'Documents of the case',
    check: {
      close: 'Documents required before closing',
      archive: 'Documents required before archiving',
      allPresent: 'The documents required to close and archive are complete',
      closeMissing: '{{count}} document(s) still needed before closing:',
      archiveMissing: '{{count}} document(s) still needed before archiving:',
    },
    problems: { missing: 'Missing', not_numbered: 'Not numbered', unsigned: 'Not signed', not_served: 'Not served' },
    status: { none: 'Not made', missing: 'Missing', to_number: 'To number', to_sign: 'To sign', to_serve: 'To serve', served: 'Served', complete: 'Complete' },
    roles: { officer: 'Officer', party: 'Party', witness: 'Witness', reviewer: 'Reviewer', leader: 'Leader' },
    columns: { name: 'Document', number: 'Number', status: 'Status', signatures: 'Signatures', service: 'Service', basis: 'Basis', actions: 'Actions' },
    requiredFor: { close: 'Required to close', archive: 'Required to archive' },
    localPractice: 'Local practice',
    ministerial: 'Ministerial rule (unverified)',
    voided: '{{count}} voided',
    refusedMark: 'refused',
    stillToSign: 'Still to sign: {{who}}',
    who: '{{role}} ×{{count}}',
    actions: { allocate: 'Number', void: 'Void', sign: 'Sign', serve: 'Serve', pdf: 'PDF', docx: 'Word' },
    voidTitle: 'Void number {{number}}',
    voidReason: 'Reason',
    signTitle: 'Sign “{{name}}”',
    serveTitle: 'Serve “{{name}}”',
    fields: {
      role: 'Signs as',
      officer: 'Officer',
      name: 'Name',
      idNumber: 'ID number',
      refused: 'The party refused to sign',
      note: 'Note',
      witnessName: 'Witness',
      witnessIdNumber: 'Witness ID number',
      signedOn: 'Signed on',
      method: 'Method',
      onDate: 'Served on',
      recipient: 'Recipient',
      consent: 'The party consented to electronic service in writing',
    },
    hints: {
      decisionServe: 'Serving the penalty decision records the case’s service step: the periods to pay and to appeal run from that day.',
      refused: 'When the party refuses, note how, with a witness present.',
    },
    ok: 'OK',
    cancel: 'Cancel',
    done: 'Saved',
  },
};

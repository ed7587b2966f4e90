/** Case file archive: the case page's archive tab and the archive module's server error messages. Spread into en.ts. */
import { caseExtraErrorsEn } from './case-extra.en';
import { standardizationErrorsEn } from './standardization.en';

export const archiveErrorsEn = {
  case: { ...caseExtraErrorsEn.case, archived: 'The case is archived: its file is read-only' },
  evidence: { ...standardizationErrorsEn.evidence, hash_mismatch: 'Some evidence files no longer match their SHA-256; nothing was exported (logged in the custody log)' },
  archive: {
    copy_corrupted: 'The archived copy no longer matches its recorded SHA-256 and is not served',
    composer_unavailable: 'The case file composer is not available',
    retention_invalid: 'The retention period must be permanent, 30 years or 10 years',
  },
};

export const archiveEn = {
  caseArchive: {
    tab: 'Case file',
    archived: 'The case is archived: the case file is the copy kept at archiving, and the case is read-only',
    archivedNoRecord: 'The case is archived (before case-file records existed, so no archived copy); the file built from the current records can be downloaded',
    notArchived: 'The case is not archived yet: preview the case file built from the current records',
    downloadDossier: 'Download case file (PDF)',
    previewDossier: 'Preview case file (PDF)',
    downloadZip: 'Download evidence (ZIP)',
    evidenceCount: '{{current}} evidence items, {{superseded}} superseded',
    evidenceFiles: '{{count}} evidence files, {{size}} MB',
    pages: '{{pages}} pages',
    permanent: 'permanent',
    years: '{{count}} years',
    keepUntil: 'kept until {{date}}',
    localDefault: 'local default, to be confirmed by the bureau',
    retentionIfArchived: 'Retention period if archived now',
    index: 'File index',
    order: 'Order of the file: {{stages}} (per {{citation}})',
    policy: {
      title: 'Retention period of case files for {{unit}} and the units below',
      choose: 'Choose a period',
      notePlaceholder: 'Basis (e.g. the bureau\'s archive rules)',
      save: 'Save',
      saved: 'Retention period saved',
      hint: 'Until set, cases are archived with the local default (30 years) marked as to be confirmed; a change applies to cases archived afterwards, archived ones keep theirs.',
    },
    fields: {
      archivedOn: 'Archived on',
      retention: 'Retention period',
      pdf: 'Case file PDF (SHA-256)',
      manifest: 'Evidence manifest (SHA-256)',
      title: 'Document',
      number: 'Number',
      pages: 'Pages',
    },
  },
};

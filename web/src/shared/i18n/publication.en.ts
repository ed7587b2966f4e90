import type { publicationErrorsZh, publicationMenuZh, publicationZh } from './publication.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English strings of 公示 (publication of penalty decisions), same shape as publication.zh-CN.ts. */
export const publicationEn: Shape<typeof publicationZh> = {
  publication: {
    publicTitle: 'Published administrative penalty decisions',
    publicIntro: 'Decisions with a certain social impact are made public under Article 48 of the Administrative Penalty Law. For natural persons, names, ID numbers, phone numbers and addresses are redacted.',
    search: 'Search decision number, violation, party (redacted)',
    allTeams: 'All enforcement units',
    decisionNo: 'Decision no.',
    violation: 'Violation',
    penalty: 'Penalty',
    decidedOn: 'Decided on',
    publishedOn: 'Published on',
    unit: 'Enforcement unit',
    party: 'Party',
    creditCode: 'Unified social credit code',
    address: 'Address',
    facts: 'Facts',
    basis: 'Legal basis',
    status: 'Status',
    statuses: { pending: 'To publish', published: 'Published', withdrawn: 'Withdrawn' },
    withdrawnNotice: 'This decision was withdrawn on {{date}}',
    withdrawReason: 'Reason for withdrawal',
    changeKinds: { changed: 'Decision changed', revoked: 'Decision revoked', illegal: 'Decision declared illegal', void: 'Decision declared void' },
    fine: 'Fine of {{amount}} yuan',
    details: 'Details',
    empty: 'No published decisions',
    total: '{{count}} in all',
    demo: 'Demo',
    back: 'Back to the list',
    adminTitle: 'Publication of penalty decisions',
    caseNo: 'Case no.',
    reasons: 'Why published',
    reasonKinds: { fine_threshold: 'Fine of {{amount}} yuan or more', penalty_kind: 'Penalty kind: {{kind}}', marked: 'Marked by the decider' },
    dueOn: 'Publish by',
    overdue: 'Overdue',
    calendarMissing: 'Holiday calendar missing: cannot be counted',
    late: 'Late',
    onTime: 'On time',
    onlyOverdue: 'Overdue only',
    publish: 'Publish',
    publishConfirm: 'Publish this decision (personal data redacted)?',
    published: 'Published',
    withdraw: 'Withdraw',
    withdrawTitle: 'Withdraw a published decision',
    changeKind: 'What happened to the decision',
    changedOn: 'Changed on',
    withdrawDue: 'Withdraw by',
    withdrawnOn: 'Withdrawn on',
    withdrawnDone: 'Withdrawn',
    openCase: 'Open case',
    preview: 'Published text',
    criteria: 'Publication criteria',
    criteriaText: 'Fines of {{individual}} yuan or more for individuals, {{organization}} yuan or more for organisations, or penalty kinds {{kinds}}; published within {{days}} working days of the decision.',
    localDefault: 'Local default, to be confirmed by the bureau',
    withdrawRule: 'Withdrawal: {{quote}} ({{law}} {{article}}{{paragraph}}; "three days" are working days, Art. 85)',
    publicPage: 'Open the public page',
  },
};

export const publicationMenuEn: Shape<typeof publicationMenuZh> = {
  casesPublications: 'Decision publication',
};

export const publicationErrorsEn: Shape<typeof publicationErrorsZh> = {
  publication: {
    not_found: 'Publication record not found',
    reason_required: 'Give the reason for the withdrawal (it is shown publicly)',
    changed_date_invalid: 'The day the decision changed lies between the decision and today',
    wrong_state: 'Not possible in the record’s current state',
    not_decided: 'Only a decided penalty is published',
    exists: 'This decision already has its publication record',
    rate_limited: 'Too many requests; try again in a minute',
  },
};

/** English twin of case-extra.zh-CN.ts (errors of 先行登记保存 and 公告送达), merged into `errors.case`. */
import { caseErrorsEn } from './case.en';

export const caseExtraErrorsEn = {
  case: {
    ...caseErrorsEn.case,
    evidence_not_held: 'No evidence registered for preservation under this id awaits a decision in this case',
    date_before_registration: 'The decision is dated before the registration',
    public_notice_not_published: 'Service by public notice begins with the notice; the decision is deemed served thirty days later (Civil Procedure Law Art. 95)',
    notice_period_running: 'The notice period is still running: deemed served on {{deemedOn}} (Civil Procedure Law Art. 95)',
  },
};

/**
 * Error messages of the case module's later steps (先行登记保存, 公告送达), kept apart from case.zh-CN.ts (owned by the
 * case pages). Spread into zh-CN.ts `errors` after caseErrorsZh: `case` is merged, not replaced.
 */
import { caseErrorsZh } from './case.zh-CN';

export const caseExtraErrorsZh = {
  case: {
    ...caseErrorsZh.case,
    evidence_not_held: '本案没有该项待处理的先行登记保存',
    date_before_registration: '处理决定日期早于先行登记保存日期',
    public_notice_not_published: '公告送达须先发出公告，自发出公告之日起经过三十日视为送达（民事诉讼法第九十五条）',
    notice_period_running: '公告期尚未届满，{{deemedOn}} 视为送达（民事诉讼法第九十五条）',
  },
};

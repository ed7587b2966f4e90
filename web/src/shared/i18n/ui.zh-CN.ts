/** Strings of the small UI fixes (保障概览 in words, org map, …). Spread into zh-CN.ts. */
export const uiFixesZh = {
  uiFixes: {
    overview: {
      requirement: '要求',
      actual: '实际情况',
      rule: '计算规则',
      calculation: '计算过程',
      showRule: '查看计算规则',
    },
    /** The metrics the rule language reads (server domain/rule/schema.ts DEFAULT_METRICS). */
    metrics: {
      case_on_time_rate: '案件按时办结率',
      legal_review_rate_major: '重大案件法制审核率',
      body_camera_coverage: '执法记录仪使用率',
      complaint_response_rate: '投诉按时回复率',
      satisfaction_rate: '群众满意率',
      patrol_coverage_rate: '巡查覆盖率',
      certificate_rate: '执法人员持证率',
      duty_compliance_rate: '排班在岗率',
      device_online_rate: '终端在线率',
    },
  },
};

import type { uiFixesZh } from './ui.zh-CN';

/** Strings of the small UI fixes (English). Same shape as ui.zh-CN.ts. Spread into en.ts. */
export const uiFixesEn: typeof uiFixesZh = {
  uiFixes: {
    overview: {
      requirement: 'Requirement',
      actual: 'Actual',
      rule: 'Rule',
      calculation: 'Calculation',
      showRule: 'Show the rule',
    },
    metrics: {
      case_on_time_rate: 'Cases closed on time',
      legal_review_rate_major: 'Legal review of major cases',
      body_camera_coverage: 'Body camera use',
      complaint_response_rate: 'Complaints answered on time',
      satisfaction_rate: 'Public satisfaction',
      patrol_coverage_rate: 'Patrol coverage',
      certificate_rate: 'Officers with a certificate',
      duty_compliance_rate: 'On duty in the assigned area',
      device_online_rate: 'Devices online on duty',
    },
  },
};

/**
 * What a rule may read: entities (ledger tables) with typed fields, and metrics (numbers 0..1).
 * The ledger module may pass an extended schema to the checker; DEFAULT_RULE_SCHEMA is the base.
 */

export type RuleType = 'number' | 'string' | 'boolean';

export type FieldSpec =
  | { type: 'number' }
  | { type: 'boolean' }
  /** `values`: a closed enumeration (comparing with any other literal is an error). `examples`: documentation only. */
  | { type: 'string'; values?: readonly string[]; examples?: readonly string[] };

export interface RuleSchema {
  entities: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>>;
  /** Metric names; values are rates in 0..1 (0.95 = 95 %). */
  metrics: readonly string[];
}

export const DEFAULT_ENTITIES = ['person', 'room', 'office', 'asset', 'signage'] as const;
export type DefaultEntity = (typeof DEFAULT_ENTITIES)[number];

export const DEFAULT_METRICS = [
  'case_on_time_rate',
  'legal_review_rate_major',
  'body_camera_coverage',
  'complaint_response_rate',
  'satisfaction_rate',
  'patrol_coverage_rate',
  'certificate_rate',
  'duty_compliance_rate',
  'device_online_rate',
] as const;

export const ROOM_TYPE_EXAMPLES = [
  '违章处理室',
  '业务受理室',
  '来访接待室',
  '投诉处理室',
  '调查询问室',
  '案件处理室',
  '指挥调度',
  '备勤室',
  '更衣室',
  '休息室',
  '活动室',
  '暂扣物品库',
] as const;

const NUM = { type: 'number' } as const;
const BOOL = { type: 'boolean' } as const;

export const DEFAULT_RULE_SCHEMA: RuleSchema = Object.freeze({
  entities: Object.freeze({
    person: Object.freeze({
      kind: { type: 'string', values: ['officer', 'auxiliary'] },
      status: { type: 'string', values: ['active', 'left'] },
      training_hours: NUM,
      has_certificate: BOOL,
      certificate_valid: BOOL,
      party_member: BOOL,
      uniform_issued: BOOL,
    } satisfies Record<string, FieldSpec>),
    room: Object.freeze({ type: { type: 'string', examples: ROOM_TYPE_EXAMPLES }, area: NUM } satisfies Record<string, FieldSpec>),
    office: Object.freeze({ area: NUM, independent: BOOL, floor: NUM } satisfies Record<string, FieldSpec>),
    asset: Object.freeze({
      type: { type: 'string', values: ['vehicle', 'ebike', 'computer', 'body_camera', 'radio'] },
      status: { type: 'string', values: ['in_use', 'in_repair', 'retired'] },
    } satisfies Record<string, FieldSpec>),
    signage: Object.freeze({ type: { type: 'string' }, conforms: BOOL } satisfies Record<string, FieldSpec>),
  }),
  metrics: DEFAULT_METRICS,
});

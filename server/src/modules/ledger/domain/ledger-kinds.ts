/** The ledgers of the 执法保障 module and their vocabularies (the same words in API, Excel and rules). */
export const LEDGERS = ['persons', 'offices', 'rooms', 'signage', 'assets'] as const;
export type Ledger = (typeof LEDGERS)[number];

/** Entity name of a ledger in the rule language and the audit trail. */
export const ENTITY_OF: Record<Ledger, 'person' | 'office' | 'room' | 'signage' | 'asset'> = {
  persons: 'person',
  offices: 'office',
  rooms: 'room',
  signage: 'signage',
  assets: 'asset',
};

export const PERSON_KINDS = ['officer', 'auxiliary'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];
export const PERSON_KIND_LABELS: Record<PersonKind, string> = { officer: '执法人员', auxiliary: '协管员' };

export const PERSON_STATUSES = ['active', 'left'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];
export const PERSON_STATUS_LABELS: Record<PersonStatus, string> = { active: '在岗', left: '离岗' };

export const ASSET_TYPES = ['vehicle', 'ebike', 'computer', 'body_camera', 'radio', 'other'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];
export const ASSET_TYPE_LABELS: Record<AssetType, string> = { vehicle: '执法车辆', ebike: '电动自行车', computer: '电脑', body_camera: '执法记录仪', radio: '对讲机', other: '其他' };

export const ASSET_STATUSES = ['in_use', 'in_repair', 'retired'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
export const ASSET_STATUS_LABELS: Record<AssetStatus, string> = { in_use: '在用', in_repair: '维修', retired: '报废' };

/** Signage types used by the Nantong profile (队名标牌 is checked by rule 2.1.1); free text is allowed too. */
export const SIGNAGE_TYPES = ['队名标牌', '门头标识', '公示栏', '科室门牌', '导向标识', '服务承诺牌'] as const;

/** Built-in function-room types (domain.md §6.1); the city administrator may add more (table room_type). */
export const BUILTIN_ROOM_TYPES = ['违章处理室', '业务受理室', '来访接待室', '投诉处理室', '调查询问室', '案件处理室', '指挥调度', '备勤室', '更衣室', '休息室', '活动室', '暂扣物品库'] as const;

/** Function-room types every team is expected to have (domain.md §1.3); used by the overview. */
export const REQUIRED_ROOM_TYPES = ['违章处理室', '业务受理室', '来访接待室', '投诉处理室'] as const;

/** Today's date on the bureau's calendar (Asia/Shanghai), YYYY-MM-DD. */
export const shanghaiDay = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** valid | expiring (within `withinDays`) | expired | none (no certificate). */
export function certificateState(p: { certificateNo: string | null; certificateExpiresOn: string | null }, today: string, withinDays = 60): 'valid' | 'expiring' | 'expired' | 'none' {
  if (!p.certificateNo || !p.certificateExpiresOn) return 'none';
  if (p.certificateExpiresOn < today) return 'expired';
  if (p.certificateExpiresOn <= addDays(today, withinDays)) return 'expiring';
  return 'valid';
}

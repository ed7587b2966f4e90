/**
 * Report categories (便民服务): the 数字城管 事件 classes a resident reports (domain.md §3.3: 市容环境, 宣传广告,
 * 施工管理, 突发事件, 街面秩序, 其他事件, each with small classes), as data the bureau edits. Each carries its time
 * limits in WORKING hours (the legal module's calendar and the bureau's working periods), all three counted from
 * the report's submission (due = submittedAt + limit, plus the time suspended): 受理 (accept), 处置 (handle) and
 * 回复 (reply), so accept ≤ handle ≤ reply.
 *
 * The shipped limits are local defaults (本地默认值，待本局确认) in the range of the published local tables cited in
 * domain.md §3.4 (暴露垃圾 1 工作日, 道路不洁 5 工作时, 积存渣土 4 工作日 …); the codes are this software's numbering
 * of the classes (大类-小类), not a standard's.
 */
import type { IssueProblem } from '../../../platform/validation';

export interface CategoryLimits {
  acceptHours: number;
  handleHours: number;
  replyHours: number;
}

export interface BaselineCategory extends CategoryLimits {
  code: string;
  name: string;
  nameEn: string;
  bigClass: string;
  sortOrder: number;
}

/** The mark every shipped limit carries until the bureau confirms or changes it. */
export const LOCAL_DEFAULT_NOTE = '本地默认值，待本局确认';

/** Highest limit accepted: 60 working days of 8 hours (a 拆除 is the longest in the local tables, 20 工作日). */
export const MAX_LIMIT_HOURS = 480;

type Row = [code: string, name: string, nameEn: string, accept: number, handle: number, reply: number];
const BIG_CLASSES: [code: string, name: string, rows: Row[]][] = [
  [
    '01',
    '市容环境',
    [
      ['01-01', '私搭乱建', 'Illegal structure', 2, 40, 48],
      ['01-02', '暴露垃圾', 'Exposed rubbish', 2, 8, 16],
      ['01-03', '积存渣土', 'Piled construction waste', 2, 32, 40],
      ['01-04', '道路不洁', 'Dirty road', 1, 5, 8],
      ['01-05', '水域不洁', 'Dirty water surface', 2, 40, 48],
      ['01-06', '绿地脏乱', 'Littered green space', 2, 16, 24],
      ['01-07', '乱涂乱画', 'Graffiti', 2, 16, 24],
    ],
  ],
  [
    '02',
    '宣传广告',
    [
      ['02-01', '非法小广告', 'Illegal flyers', 2, 8, 16],
      ['02-02', '违规户外广告', 'Unauthorised outdoor advertising', 2, 40, 48],
      ['02-03', '违规横幅标语', 'Unauthorised banner', 2, 16, 24],
      ['02-04', '占道广告牌', 'Sign board on the pavement', 2, 16, 24],
    ],
  ],
  [
    '03',
    '施工管理',
    [
      ['03-01', '施工扬尘', 'Construction dust', 1, 8, 16],
      ['03-02', '道路遗撒', 'Spillage on the road', 1, 4, 8],
      ['03-03', '违规挖掘', 'Unauthorised digging', 1, 8, 16],
      ['03-04', '施工占道', 'Construction occupying the road', 2, 16, 24],
      ['03-05', '夜间施工噪声', 'Construction noise at night', 1, 8, 16],
    ],
  ],
  [
    '04',
    '突发事件',
    [
      ['04-01', '路面塌陷', 'Road collapse', 1, 3, 8],
      ['04-02', '管道破裂', 'Burst pipe', 1, 3, 8],
      ['04-03', '道路积水', 'Flooded road', 1, 4, 8],
      ['04-04', '树木倒伏', 'Fallen tree', 1, 4, 8],
    ],
  ],
  [
    '05',
    '街面秩序',
    [
      ['05-01', '无照经营游商', 'Unlicensed street vendor', 1, 4, 8],
      ['05-02', '店外经营', 'Business outside the shop', 1, 8, 16],
      ['05-03', '占道经营', 'Stall on the pavement', 1, 8, 16],
      ['05-04', '非机动车乱停放', 'Bicycles parked in the way', 1, 8, 16],
      ['05-05', '露天烧烤', 'Open-air barbecue', 1, 4, 8],
      ['05-06', '商业噪声扰民', 'Commercial noise', 1, 8, 16],
    ],
  ],
  ['06', '其他事件', [['06-01', '其他事件', 'Other', 2, 40, 48]]],
];

/** The shipped categories, inserted at first start (category.service.ts ensureServiceCategoryBaseline). */
export const BASELINE_CATEGORIES: readonly BaselineCategory[] = BIG_CLASSES.flatMap(([, bigClass, rows], bi) =>
  rows.map(([code, name, nameEn, acceptHours, handleHours, replyHours], i) => ({ code, name, nameEn, bigClass, acceptHours, handleHours, replyHours, sortOrder: (bi + 1) * 100 + i + 1 })),
);

/** Every reason a category's limits are refused, by field: whole hours 1 … MAX_LIMIT_HOURS, accept ≤ handle ≤ reply. */
export function limitIssues(l: CategoryLimits): (IssueProblem & { field: keyof CategoryLimits })[] {
  const issues: (IssueProblem & { field: keyof CategoryLimits })[] = [];
  for (const field of ['acceptHours', 'handleHours', 'replyHours'] as const) {
    const v = l[field];
    if (!Number.isInteger(v)) issues.push({ field, code: 'type', message: `${field} is a whole number of working hours` });
    else if (v < 1) issues.push({ field, code: 'minimum', message: `${field} is at least 1 working hour`, params: { limit: 1 } });
    else if (v > MAX_LIMIT_HOURS) issues.push({ field, code: 'maximum', message: `${field} is at most ${MAX_LIMIT_HOURS} working hours`, params: { limit: MAX_LIMIT_HOURS } });
  }
  if (issues.length) return issues;
  // Every limit counts from the submission, so a later stage cannot be due before an earlier one.
  if (l.handleHours < l.acceptHours) issues.push({ field: 'handleHours', code: 'minimum', message: 'the handling limit is not shorter than the accepting one (both count from the submission)', params: { limit: l.acceptHours } });
  if (l.replyHours < l.handleHours) issues.push({ field: 'replyHours', code: 'minimum', message: 'the reply limit is not shorter than the handling one (both count from the submission)', params: { limit: l.handleHours } });
  return issues;
}

/** A category code: 大类-小类 digits (`02-03`), or a local extension with letters (`X-01`); 2–20 characters. */
export const CATEGORY_CODE = /^[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8}){0,2}$/;

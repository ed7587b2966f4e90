/**
 * 南通市区城市管理基层执法队伍执法保障建设指导意见 — local profile over the Jiangsu 2018 catalogue (DEMO).
 *
 * The Nantong guidance text is not public either; its measurable items are known from a news report
 * (domain.md §1.3): unified name “XX街道综合执法队” with signboard, unified 制式服装 and 标志标识,
 * standard office area, function rooms 违章处理室/业务受理室/来访接待室/投诉处理室, vehicles, e-bikes,
 * one computer per officer, 执法记录仪, 对讲机, signage; target ≥50% of the 21 street teams 达标 by end-2019
 * and all by end-2021. Numeric thresholds below (15 m²/人, ≥2 vehicles, 1 e-bike per 2 officers, 1 radio per
 * 2 officers, ≥3 party members) are demo values, not quoted from the document.
 *
 * Effect on the provincial catalogue (JS-CGZF-2018: 68 sub-items, 175 items, 1000 points):
 *   +1 sub-item (6.9), +5 items (2.10.4, 2.10.5, 5.3.4, 6.9.1, 6.9.2; 20 points), 5.5.1 raised 6 → 8 points
 *   ⇒ 69 sub-items, 180 items, 1022 points. Scores should be read as a percentage of the profile total.
 */
import type { ProfileSeed } from './types';

const OFFICERS = `count(person where kind = 'officer' and status = 'active')`;

export const NANTONG_PROFILE_DEMO: ProfileSeed = {
  standardCode: 'NT-CGZF-2019',
  name: '南通市区城市管理基层执法队伍执法保障建设指导意见 — 本地细则(示例)',
  issuer: '南通市城市管理局',
  versionLabel: '2019 (示例)',
  baseStandardCode: 'JS-CGZF-2018',
  note:
    '在江苏省标准(示例重建版)基础上，按南通市区指导意见公开报道的要点收紧和增补的本地细则；官方条文未公开获取，' +
    '所列阈值(人均办公面积15平方米、每队执法车辆不少于2辆、每2名执法人员至少1辆电动车和1台对讲机、党员不少于3名)均为示例值。' +
    '增补1个子项、5个小项(20分)，并将5.5.1调整为8分：本地细则合计69个子项、180个小项、总分1022分，得分按得分率折算。' +
    '达标目标：市区21个街道综合执法队2019年底前不少于11个(50%)达标，2021年底前全部达标。',
  tighten: [
    {
      code: '2.1.1',
      changes: {
        title: '统一命名“XX街道综合执法队”',
        text: '基层执法队伍统一命名为“XX街道综合执法队”，门头悬挂统一式样的队名标牌，对外文书、印章名称一致。',
        method: 'computed',
        rule: `exists(signage where type = '队名标牌' and conforms = true)`,
        evidence: '命名文件、队名标牌照片、印章印模',
        guidance: '系统核对符合规范的队名标牌；名称与文书、印章一致性由评估人员现场核对。',
      },
      reason: '指导意见要求统一队伍名称“XX街道综合执法队”并统一挂牌。',
    },
    {
      code: '2.9.1',
      changes: {
        title: '统一制式服装和标志标识',
        text: '在岗执法人员全部配发统一制式服装和标志标识(含胸号、臂章、帽徽)，配发登记到人。',
        evidence: '服装及标志标识配发登记台账、胸号登记表',
        guidance: '依据《城市管理执法办法》关于制式服装和标志标识全国统一的规定；抽查胸号与人员对应关系。',
      },
      reason: '指导意见要求统一制式服装和标志标识。',
    },
    {
      code: '4.1.1',
      changes: {
        title: '业务受理室和来访接待室',
        text: '分别设置业务受理室和来访接待室，标识清晰，方便群众办事、咨询和来访。',
        rule: `exists(room where type = '业务受理室') and exists(room where type = '来访接待室')`,
      },
      reason: '指导意见将业务受理室、来访接待室列为必备功能用房(省标准为二者有其一)。',
    },
    {
      code: '4.2.2',
      changes: {
        title: '投诉处理室',
        text: '设置独立的投诉处理室，配备投诉受理登记簿。',
        method: 'computed',
        rule: `exists(room where type = '投诉处理室')`,
        evidence: '投诉处理室照片、登记簿',
      },
      reason: '指导意见将投诉处理室列为必备功能用房。',
    },
    {
      code: '5.2.2',
      changes: {
        title: '违章处理室',
        text: '设置违章处理室，用于当事人接受处理、陈述申辩和文书送达。',
        rule: `exists(room where type = '违章处理室')`,
        evidence: '违章处理室照片',
      },
      reason: '指导意见将违章处理室列为必备功能用房(省标准为案件处理室或违章处理室)。',
    },
    {
      code: '5.1.2',
      changes: {
        text: '办公用房面积按在岗人员(含协管人员)人均不少于15平方米(示例阈值)。',
        rule: `sum(office.area) / count(person where status = 'active') >= 15`,
      },
      reason: '指导意见要求办公用房达到标准面积；示例阈值由省标准的12平方米/人提高到15平方米/人。',
    },
    {
      code: '5.3.1',
      changes: {
        text: '每个街道综合执法队配备在用执法车辆不少于2辆(示例阈值)，统一标识。',
        rule: `count(asset where type = 'vehicle' and status = 'in_use') >= 2`,
      },
      reason: '指导意见要求配齐执法车辆；示例阈值由1辆提高到2辆。',
    },
    {
      code: '5.4.1',
      changes: {
        text: '在用执法记录仪数量不少于在岗执法人员数量，确保每名上岗执法人员佩戴1台。',
        rule: `count(asset where type = 'body_camera' and status = 'in_use') >= ${OFFICERS}`,
        guidance: '以在岗执法人员数近似当班执法人员数；依据全过程记录要求，抽查当班人员佩戴情况。',
      },
      reason: '指导意见要求配备执法记录仪；由省标准的每2人1台提高到每名上岗执法人员1台。',
    },
    {
      code: '5.4.2',
      changes: {
        title: '对讲机配备',
        text: '在用对讲机数量不少于在岗执法人员数量的一半(示例阈值)，满足巡查联络和应急指挥需要。',
        method: 'computed',
        rule: `count(asset where type = 'radio' and status = 'in_use') * 2 >= ${OFFICERS}`,
      },
      reason: '指导意见将对讲机列为必配执法装备；由评分项改为按台账计算。',
    },
    {
      code: '5.5.1',
      changes: {
        title: '执法人员一人一机',
        text: '在用计算机数量不少于在岗执法人员数量，做到一人一台并接入执法办案系统。',
        points: 8,
        method: 'computed',
        rule: `count(asset where type = 'computer' and status = 'in_use') >= ${OFFICERS}`,
        evidence: '资产台账、设备照片',
      },
      reason: '指导意见明确每名执法人员配备1台电脑；由评分项改为按台账计算，分值由6分提高到8分。',
    },
    {
      code: '2.10.1',
      changes: {
        title: '街道综合执法队党支部',
        text: '每个街道综合执法队建立党支部；正式党员不足3人的，与街道机关等单位联合建立党支部。',
        evidence: '党支部成立批复、党员名册',
      },
      reason: '指导意见要求加强基层执法队伍党建，党支部建在队上。',
    },
  ],
  add: [
    {
      parentCode: '5.3',
      node: {
        code: '5.3.4',
        title: '执法电动车配备',
        text: '在用执法电动车数量不少于在岗执法人员数量的一半(示例阈值)，统一标识并规范停放充电。',
        points: 5,
        method: 'computed',
        rule: `count(asset where type = 'ebike' and status = 'in_use') * 2 >= ${OFFICERS}`,
        evidence: '资产台账、车辆照片',
        appliesTo: 'team',
        guidance: '按资产台账统计在用电动车；报修、报废车辆不计入。',
      },
      reason: '指导意见将电动车列为街巷巡查的必配装备，省标准未单列。',
    },
    {
      parentCode: '2.10',
      node: {
        code: '2.10.4',
        title: '党员骨干力量',
        text: '在岗执法人员中党员不少于3名(示例阈值)，具备单独建立党支部的条件。',
        points: 3,
        method: 'computed',
        rule: `count(person where kind = 'officer' and status = 'active' and party_member = true) >= 3`,
        evidence: '党员名册、人员花名册',
        appliesTo: 'team',
        guidance: '参照《中国共产党章程》关于正式党员三人以上成立党的基层组织的规定；人员台账不区分正式和预备党员，现场核对。',
      },
      reason: '指导意见要求以党建引领队伍建设。',
    },
    {
      parentCode: '2.10',
      node: {
        code: '2.10.5',
        title: '支部学习制度',
        text: '党支部制定政治理论和业务学习制度，每月至少组织1次集中学习(示例频次)，学习计划、记录和心得完整。',
        points: 3,
        method: 'graded',
        evidence: '学习制度、年度学习计划、学习记录',
        appliesTo: 'team',
      },
      reason: '指导意见要求党支部建立学习制度。',
    },
    {
      parentCode: '6',
      node: {
        code: '6.9',
        title: '达标创建',
        children: [
          {
            code: '6.9.1',
            title: '达标创建计划',
            text: '将市区21个街道综合执法队全部纳入达标创建计划，2019年底前不少于11个(50%)达标，2021年底前全部达标。',
            points: 4,
            method: 'pass_fail',
            evidence: '创建计划、年度达标名单',
            appliesTo: 'department',
            guidance: '按年度核对达标名单与计划进度。',
          },
          {
            code: '6.9.2',
            title: '未达标项整改',
            text: '对照本细则开展自评，未达标项制定整改计划、明确责任人和时限，并按期完成整改。',
            points: 5,
            method: 'graded',
            evidence: '自评表、整改计划、整改前后照片',
            appliesTo: 'team',
          },
        ],
      },
      reason: '指导意见设定了分阶段达标目标(2019年底不少于50%，2021年底全部达标)。',
    },
  ],
};

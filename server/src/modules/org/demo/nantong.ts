/**
 * DEMO DATA. Nantong's 2019 urban-management structure (domain.md §4): the bureau, its
 * enforcement detachment, the three districts of 市区 (崇川, 港闸, 开发区) and their 街道 teams.
 * Team names are from public sources; street codes, communities, grids and every polygon are
 * generated for demonstration and are NOT real boundaries. The 21st team is unconfirmed.
 */
export interface DemoTeam {
  key: string; // pinyin, used for demo usernames
  street: string;
  confirmed: boolean;
}
export interface DemoDistrict {
  key: string;
  code: string;
  name: string;
  /** Where the district's block of teams is drawn (south-west corner, degrees). */
  origin: [number, number];
  columns: number;
  teams: DemoTeam[];
}

const t = (key: string, street: string, confirmed = true): DemoTeam => ({ key, street, confirmed });

export const DEMO_DISTRICTS: DemoDistrict[] = [
  {
    key: 'chongchuan',
    code: '320602',
    name: '崇川区城市管理局',
    origin: [120.83, 31.98],
    columns: 5,
    teams: [
      t('chengdong', '城东'),
      t('hepingqiao', '和平桥'),
      t('rengang', '任港'),
      t('xinchengqiao', '新城桥'),
      t('hongqiao', '虹桥'),
      t('xuetian', '学田'),
      t('zhongxiu', '钟秀'),
      t('wenfeng', '文峰'),
      t('guanyinshan', '观音山'),
      t('langshanzhen', '狼山镇'),
    ],
  },
  {
    key: 'gangzha',
    code: '320611',
    name: '港闸区城市管理局',
    origin: [120.83, 32.04],
    columns: 3,
    teams: [t('tangzhazhen', '唐闸镇'), t('tianshenggangzhen', '天生港镇'), t('qinzao', '秦灶'), t('chenqiao', '陈桥'), t('xingfu', '幸福'), t('yongxing', '永兴')],
  },
  {
    key: 'kaifa',
    code: '320671',
    name: '南通经济技术开发区城市管理局',
    origin: [120.99, 31.92],
    columns: 3,
    teams: [t('zhongxing', '中兴'), t('xinkai', '新开'), t('zhuhang', '竹行'), t('xiaohai', '小海'), t('laohonggang', '老洪港', false)],
  },
];

/** Size of one team's demo area in degrees (about 2.8 km × 2.8 km at this latitude). */
export const TEAM_CELL: [number, number] = [0.03, 0.025];

export const DEMO_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑'];
export const DEMO_GIVEN = ['建国', '志强', '海燕', '晓东', '文杰', '丽华', '建华', '明', '伟', '敏', '静', '磊', '军', '洋', '勇', '艳', '杰', '涛', '超', '霞', '平'];

/**
 * The meeting report (推进会): one Excel workbook (汇总, 各队, 各方面, 差距清单, 整改) and one PDF in Chinese with
 * the burn-up and per-aspect charts, rendered server-side (ECharts SSR → SVG → pdfmake).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { AspectRow, BurnUpPoint, DistrictRow, GapRow, NowCounts, RankingRow } from './domain/rollup';
import type { Forecast } from './domain/forecast';

// exceljs, echarts and pdfmake take seconds to load: they are loaded on the first report, not at server start.
const importLibs = async () => {
  const [excel, echarts, pdf] = await Promise.all([import('exceljs'), import('echarts'), import('pdfmake')]);
  return { ExcelJS: excel.default, echarts, pdfmake: pdf.default };
};
type Libs = Awaited<ReturnType<typeof importLibs>>;
type EChartsModule = Libs['echarts'];
type PdfMakeModule = Libs['pdfmake'];
let libs: Libs | undefined;
async function loadLibs(): Promise<Libs> {
  libs ??= await importLibs();
  return libs;
}

export const CJK_FONT_DIR = '/usr/share/fonts/opentype/noto';
export const CJK_REGULAR = path.join(CJK_FONT_DIR, 'NotoSansCJK-Regular.ttc');
export const CJK_BOLD = path.join(CJK_FONT_DIR, 'NotoSansCJK-Bold.ttc');

export interface ReportData {
  campaign: { id: string; name: string; versionLabel: string; passPct: number; basicPct: number };
  scope: { id: string; name: string };
  today: string;
  generatedAt: Date;
  now: NowCounts;
  targets: { title: string; orgUnitName: string; relation: string; dueDate: string; requiredCount: number; ofCount: number; aspectCode: string | null; aspectMinPct: number | null; current: number; forecast: Forecast }[];
  burnUp: BurnUpPoint[];
  byDistrict: DistrictRow[];
  byAspect: AspectRow[];
  gaps: GapRow[];
  ranking: RankingRow[];
  teams: { name: string; districtName: string; status: string; pct: number; grade: string | null; failingCount: number; aspectPcts: Record<string, number> }[];
  rectifications: { teamName: string; nodeCode: string; itemTitle: string; title: string; ownerName: string | null; dueDate: string; status: string; overdue: boolean }[];
}

export const GRADE_ZH: Record<string, string> = { pass: '达标', basic_pass: '基本达标', fail: '未达标' };
// The words of the pages (web assessment.states, rectification.states, …): the report is read next to them in the
// meeting, so the same state must not have two names. progress.report-labels.test.ts compares them.
export const STATUS_ZH: Record<string, string> = { draft: '自评中', submitted: '待区审核', district_reviewed: '待市验收', accepted: '已验收' };
export const FORECAST_ZH: Record<string, string> = { met: '已达成', on_track: '正常', at_risk: '有风险', off_track: '滞后', missed: '未达成' };
export const RECT_ZH: Record<string, string> = { open: '待整改', in_progress: '整改中', submitted: '待复查', verified: '已通过', reopened: '退回' };
const gradeZh = (g: string | null) => (g ? (GRADE_ZH[g] ?? g) : '—');

type Progress = (pct: number, message: string) => Promise<void>;

export async function writeReportFiles(data: ReportData, dir: string, progress: Progress): Promise<{ xlsx: string; pdf: string }> {
  // Fail early and clearly when the CJK font is missing (before any work is done).
  for (const f of [CJK_REGULAR, CJK_BOLD]) {
    if (!fs.existsSync(f)) throw new Error(`缺少中文字体 ${f}：请安装 Debian 软件包 fonts-noto-cjk（apt-get install fonts-noto-cjk）后重新生成`);
  }
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.writeFile(path.join(dir, 'report.xlsx'), await reportWorkbook(data));
  await progress(45, '绘制图表');
  const charts = await renderCharts(data);
  await progress(60, '生成 PDF');
  await fs.promises.writeFile(path.join(dir, 'report.pdf'), await reportPdf(data, charts));
  await progress(95, '保存文件');
  return { xlsx: 'report.xlsx', pdf: 'report.pdf' };
}

// ---------------------------------------------------------------- Excel

export async function reportWorkbook(d: ReportData): Promise<Buffer> {
  const { ExcelJS } = await loadLibs();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'guifan';
  wb.created = d.generatedAt;
  const sheet = (name: string, columns: { header: string; key: string; width: number }[]) => {
    const s = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    s.columns = columns;
    s.getRow(1).font = { bold: true };
    return s;
  };

  const sum = wb.addWorksheet('汇总');
  sum.columns = [{ width: 28 }, { width: 16 }, { width: 14 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 60 }];
  sum.addRow([`${d.campaign.name} 推进会报告`]).font = { bold: true, size: 14 };
  sum.addRow(['范围', d.scope.name]);
  sum.addRow(['数据日期', d.today]);
  sum.addRow(['标准版本', d.campaign.versionLabel]);
  sum.addRow(['达标线 / 基本达标线', `${d.campaign.passPct}% / ${d.campaign.basicPct}%`]);
  sum.addRow([]);
  sum.addRow(['队伍总数', d.now.total]);
  sum.addRow(['达标', d.now.pass]);
  sum.addRow(['基本达标', d.now.basicPass]);
  sum.addRow(['未达标', d.now.fail]);
  sum.addRow(['未验收', d.now.notAccepted]);
  sum.addRow([]);
  sum.addRow(['目标', '范围', '截止日期', '要求', '当前', '预测', '状态', '预测方法']).font = { bold: true };
  for (const t of d.targets) {
    sum.addRow([
      t.aspectCode ? `${t.title}（方面 ${t.aspectCode} ≥ ${t.aspectMinPct}%）` : t.title,
      t.orgUnitName,
      t.dueDate,
      `${t.requiredCount} / ${t.ofCount}`,
      t.current,
      t.forecast.projected,
      FORECAST_ZH[t.forecast.status] ?? t.forecast.status,
      t.forecast.method,
    ]);
  }

  const teams = sheet('各队', [
    { header: '排名', key: 'rank', width: 6 },
    { header: '队伍', key: 'name', width: 16 },
    { header: '所属区', key: 'district', width: 28 },
    { header: '状态', key: 'status', width: 12 },
    { header: '得分率(%)', key: 'pct', width: 11 },
    { header: '等级', key: 'grade', width: 10 },
    { header: '不符合项数', key: 'failing', width: 11 },
  ]);
  const byName = new Map(d.teams.map((t) => [t.name, t]));
  for (const r of d.ranking) {
    const t = byName.get(r.name);
    teams.addRow({ rank: r.rank, name: r.name, district: t?.districtName ?? '', status: STATUS_ZH[r.status] ?? r.status, pct: r.pct, grade: gradeZh(r.grade), failing: t?.failingCount ?? 0 });
  }

  const aspects = sheet('各方面', [
    { header: '编码', key: 'code', width: 8 },
    { header: '方面', key: 'title', width: 20 },
    { header: '平均得分率(%)', key: 'avg', width: 14 },
    { header: `低于${d.campaign.passPct}%的队伍`, key: 'below', width: 60 },
  ]);
  for (const a of d.byAspect) aspects.addRow({ code: a.aspectCode, title: a.title, avg: a.avgPct, below: a.teamsBelow.join('、') });

  const gaps = sheet('差距清单', [
    { header: '队伍', key: 'name', width: 14 },
    { header: '所属区', key: 'district', width: 26 },
    { header: '状态', key: 'status', width: 12 },
    { header: '得分率(%)', key: 'pct', width: 10 },
    { header: '等级', key: 'grade', width: 10 },
    { header: '一票否决项', key: 'veto', width: 30 },
    { header: '不符合项', key: 'failing', width: 70 },
    { header: '未销号整改', key: 'open', width: 10 },
  ]);
  for (const g of d.gaps) {
    gaps.addRow({
      name: g.name,
      district: g.districtName,
      status: STATUS_ZH[g.status] ?? g.status,
      pct: g.pct,
      grade: gradeZh(g.grade),
      veto: g.vetoFailed.map((v) => `${v.code} ${v.title}`).join('；'),
      failing: g.failing.map((f) => `${f.code} ${f.title}（${f.points}分）`).join('；'),
      open: g.openRectifications,
    });
  }

  const rect = sheet('整改', [
    { header: '队伍', key: 'team', width: 14 },
    { header: '小项', key: 'item', width: 30 },
    { header: '整改任务', key: 'title', width: 36 },
    { header: '责任人', key: 'owner', width: 12 },
    { header: '期限', key: 'due', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '逾期', key: 'overdue', width: 6 },
  ]);
  for (const r of d.rectifications) {
    const row = rect.addRow({ team: r.teamName, item: `${r.nodeCode} ${r.itemTitle}`, title: r.title, owner: r.ownerName ?? '', due: r.dueDate, status: RECT_ZH[r.status] ?? r.status, overdue: r.overdue ? '是' : '' });
    if (r.overdue) row.getCell('overdue').font = { color: { argb: 'FFC0392B' }, bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- charts

/** The family name the SVG text asks for; mapped in pdfmake's fonts to the embedded CJK font. */
const SVG_FONT = 'NotoSvg';
const CHART_W = 515;
/**
 * ECharts draws label text with a white halo (stroke + `paint-order: stroke`); svg-to-pdfkit ignores
 * paint-order and would paint the white stroke over the glyphs, so labels go without the halo.
 */
const NO_HALO = { color: '#333', textBorderWidth: 0 };

function svgChart(echarts: EChartsModule, height: number, option: Record<string, unknown>): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_W, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: SVG_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export async function renderCharts(d: ReportData): Promise<{ burnUp: string; aspects: string }> {
  const { echarts } = await loadLibs();
  // Lines only for the scope's own grade targets: a target set above or inside it counts other teams.
  const required = d.targets.filter((t) => t.aspectCode === null && t.relation === 'this').map((t) => t.requiredCount);
  const burnUp = svgChart(echarts, 230, {
    title: { text: '达标进度（燃起图）', left: 'center', textStyle: { fontSize: 13 } },
    legend: { bottom: 0, data: ['达标', '基本达标', '已验收'] },
    grid: { left: 40, right: 20, top: 40, bottom: 50 },
    xAxis: { type: 'category', data: d.burnUp.map((p) => p.day), axisLabel: { fontSize: 9 } },
    yAxis: { type: 'value', minInterval: 1, max: d.now.total || undefined },
    series: [
      {
        name: '达标',
        type: 'line',
        data: d.burnUp.map((p) => p.pass),
        showSymbol: d.burnUp.length < 40,
        markLine: required.length ? { symbol: 'none', label: { formatter: '目标 {c}', position: 'insideEndTop', ...NO_HALO }, data: required.map((y) => ({ yAxis: y })) } : undefined,
      },
      { name: '基本达标', type: 'line', data: d.burnUp.map((p) => p.basicPass), showSymbol: d.burnUp.length < 40 },
      { name: '已验收', type: 'line', data: d.burnUp.map((p) => p.accepted), showSymbol: d.burnUp.length < 40, lineStyle: { type: 'dashed' } },
    ],
  });
  const aspects = svgChart(echarts, 210, {
    title: { text: '各方面平均得分率（%）', left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 40, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: d.byAspect.map((a) => a.title), axisLabel: { fontSize: 10, interval: 0 } },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      {
        type: 'bar',
        data: d.byAspect.map((a) => a.avgPct),
        label: { show: true, position: 'top', fontSize: 10, ...NO_HALO },
        markLine: { symbol: 'none', label: { formatter: `达标线 ${d.campaign.passPct}%`, position: 'insideEndTop', ...NO_HALO }, data: [{ yAxis: d.campaign.passPct }] },
      },
    ],
  });
  return { burnUp, aspects };
}

// ---------------------------------------------------------------- PDF

let fontsSet = false;
function setupPdfmake(pdfmake: PdfMakeModule): void {
  if (fontsSet) return;
  pdfmake.setFonts({
    // A TTC needs the PostScript name of the face inside it.
    NotoSansCJK: { normal: [CJK_REGULAR, 'NotoSansCJKsc-Regular'], bold: [CJK_BOLD, 'NotoSansCJKsc-Bold'], italics: [CJK_REGULAR, 'NotoSansCJKsc-Regular'], bolditalics: [CJK_BOLD, 'NotoSansCJKsc-Bold'] },
    // SVG text is drawn with pdfkit's font(name) (one argument): these names resolve to the faces above,
    // which pdfkit has already loaded by then (the report's first lines use both).
    [SVG_FONT]: { normal: 'NotoSansCJKsc-Regular', bold: 'NotoSansCJKsc-Bold', italics: 'NotoSansCJKsc-Regular', bolditalics: 'NotoSansCJKsc-Bold' },
  } as never);
  pdfmake.setUrlAccessPolicy(() => false);
  (pdfmake as unknown as { setLocalAccessPolicy(f: (p: string) => boolean): void }).setLocalAccessPolicy((p) => p.startsWith(`${CJK_FONT_DIR}/`));
  fontsSet = true;
}

const th = (texts: string[]) => texts.map((t) => ({ text: t, style: 'th' }));

export async function reportPdf(d: ReportData, charts: { burnUp: string; aspects: string }): Promise<Buffer> {
  const { pdfmake } = await loadLibs();
  setupPdfmake(pdfmake);
  const targets: Content = d.targets.length
    ? {
        table: {
          headerRows: 1,
          widths: ['*', 60, 62, 40, 34, 40, 44],
          body: [
            th(['目标', '范围', '截止日期', '要求', '当前', '预测', '状态']),
            ...d.targets.map((t) => [
              t.aspectCode ? `${t.title}（方面${t.aspectCode}≥${t.aspectMinPct}%）` : t.title,
              t.orgUnitName,
              t.dueDate,
              `${t.requiredCount}/${t.ofCount}`,
              String(t.current),
              String(t.forecast.projected),
              { text: FORECAST_ZH[t.forecast.status] ?? t.forecast.status, color: ({ on_track: '#1e8449', met: '#1e8449', at_risk: '#b9770e', off_track: '#c0392b', missed: '#c0392b' } as Record<string, string>)[t.forecast.status] ?? '#000', bold: true },
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      }
    : { text: '（未设置目标）', color: '#888' };
  const method = d.targets[0]?.forecast.method;
  const teamRows = d.ranking.map((r) => {
    const t = d.teams.find((x) => x.name === r.name);
    return [String(r.rank), r.name, t?.districtName ?? '', STATUS_ZH[r.status] ?? r.status, r.pct.toFixed(1), gradeZh(r.grade), String(t?.failingCount ?? 0)];
  });
  const gapRows = d.gaps.map((g) => [
    g.name,
    `${g.pct.toFixed(1)}%`,
    { text: g.vetoFailed.map((v) => `${v.code} ${v.title}`).join('；') || '—', color: g.vetoFailed.length ? '#c0392b' : '#000' },
    g.failing
      .slice(0, 6)
      .map((f) => `${f.code} ${f.title}`)
      .join('；') + (g.failing.length > 6 ? ` 等${g.failing.length}项` : ''),
    String(g.openRectifications),
  ]);
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    info: { title: `${d.campaign.name} 推进会报告`, creator: 'guifan' },
    defaultStyle: { font: 'NotoSansCJK', fontSize: 9, lineHeight: 1.2 },
    styles: { h1: { fontSize: 17, bold: true, alignment: 'center' }, h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 6] }, th: { bold: true, fillColor: '#eef2f7' }, muted: { color: '#666' } },
    footer: (page: number, pages: number) => ({ text: `第 ${page} 页 / 共 ${pages} 页`, alignment: 'center', fontSize: 8, color: '#888', margin: [0, 10, 0, 0] }),
    content: [
      { text: `${d.campaign.name}`, style: 'h1' },
      { text: `规范化建设推进会报告 · ${d.scope.name}`, alignment: 'center', fontSize: 11, margin: [0, 4, 0, 2] },
      { text: `数据日期 ${d.today}　标准版本 ${d.campaign.versionLabel}　达标线 ${d.campaign.passPct}%　基本达标线 ${d.campaign.basicPct}%`, alignment: 'center', style: 'muted', margin: [0, 0, 0, 10] },
      {
        table: {
          widths: ['*', '*', '*', '*', '*'],
          body: [
            th(['队伍总数', '达标', '基本达标', '未达标', '未验收']),
            [d.now.total, d.now.pass, d.now.basicPass, d.now.fail, d.now.notAccepted].map((n) => ({ text: String(n), fontSize: 16, bold: true, alignment: 'center' as const })),
          ],
        },
      },
      { text: '目标与预测', style: 'h2' },
      targets,
      ...(method ? [{ text: `预测方法：${method}`, style: 'muted', fontSize: 8, margin: [0, 4, 0, 0] } as Content] : []),
      { svg: charts.burnUp, width: CHART_W, font: SVG_FONT, margin: [0, 12, 0, 0] } as unknown as Content,
      { svg: charts.aspects, width: CHART_W, font: SVG_FONT, margin: [0, 8, 0, 0] } as unknown as Content,
      { text: '各队情况（按得分率排名）', style: 'h2', pageBreak: 'before' },
      {
        table: { headerRows: 1, widths: [24, 60, '*', 56, 44, 44, 40], body: [th(['排名', '队伍', '所属区', '状态', '得分率', '等级', '不符合']), ...teamRows] },
        layout: 'lightHorizontalLines',
      },
      { text: '分区情况', style: 'h2' },
      {
        table: {
          headerRows: 1,
          widths: ['*', 40, 50, 40, 40, 60],
          body: [th(['区', '达标', '基本达标', '未达标', '总数', '平均得分率']), ...d.byDistrict.map((r) => [r.name, String(r.pass), String(r.basicPass), String(r.fail), String(r.total), `${r.avgPct}%`])],
        },
        layout: 'lightHorizontalLines',
      },
      { text: '差距清单（未达标队伍及卡点）', style: 'h2' },
      d.gaps.length
        ? { table: { headerRows: 1, widths: [50, 40, 110, '*', 36], body: [th(['队伍', '得分率', '一票否决项', '主要不符合项', '未销号整改']), ...gapRows] }, layout: 'lightHorizontalLines' }
        : { text: '全部队伍已达标。' },
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}

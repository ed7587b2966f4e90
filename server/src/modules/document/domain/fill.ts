/**
 * Filling a 文书 template from a case (pure): the placeholder paths a template may use, the checks a template set
 * must pass before it is saved, and template + data → DocumentModel (no placeholder left).
 *
 * A value the case does not have yet prints as a ruled blank (________), as on the paper forms, so that the officer
 * can write it in by hand; it never prints "null" or an internal code.
 */
import { DOCUMENT_TYPES, documentType, patternIssue, type DocumentTypeCode } from './numbering';
import type { DocumentModel, DocumentTemplate, SignatureRole, TemplateBlock, TemplateSetContent } from './template-types';

/** Printed where the case has no value (yet). */
export const BLANK = '________';

type V = string | null;
interface PenaltyFill {
  /** 罚款、警告 … (labels). */
  kinds: V;
  /** The whole penalty in words: 罚款人民币500元 / 警告. */
  text: V;
  /** The fine in yuan, e.g. 500 or 1234.5 (from integer fen). */
  fineYuan: V;
  /** The fine in 大写, e.g. 人民币伍佰元整. */
  fineUpper: V;
}

/**
 * What a document is filled from. Dates are `YYYY-MM-DD` (printed as 2026年12月8日); the rest is printed as is; null
 * prints as a blank to write in (________), '' prints nothing.
 */
export interface FillData {
  unit: { bureau: V; name: V; shortName: V; address: V; phone: V; reviewOrgan: V };
  case: { number: V; cause: V; source: V; actPlace: V; summary: V };
  /** The ID number masked as the case module masks it (the full number never reaches a document). */
  party: { name: V; kind: V; idNumber: V; phone: V; address: V };
  violation: { name: V; basis: V; band: V };
  proposed: PenaltyFill;
  penalty: PenaltyFill;
  officers: { names: V; withCertificates: V };
  facts: {
    check: V;
    investigation: V;
    statements: V;
    hearing: V;
    hearingRightsWords: V;
    review: V;
    participants: V;
    discussion: V;
    decisionReason: V;
    evidenceItems: V;
    evidencePlace: V;
    seizureKind: V;
    seizureItems: V;
    seizurePlace: V;
    payment: V;
    closing: V;
  };
  service: { method: V };
  related: { served: V; decisionNumber: V };
  dates: {
    today: V;
    act: V;
    check: V;
    filed: V;
    evidence: V;
    seizure: V;
    investigationClosed: V;
    notice: V;
    hearingNotice: V;
    hearing: V;
    hearingHeld: V;
    review: V;
    discussion: V;
    decision: V;
    service: V;
    urge: V;
    closed: V;
  };
  /** The document's own 文号 (null: none issued yet, or a type without one). */
  doc: { number: V };
  /** Signatures as recorded (records module); null: blank lines for each role of the template. */
  signatures: DocumentModel['signatures'] | null;
}

type Group = Exclude<keyof FillData, 'signatures'>;

/** Every path a template may name, with the words an administrator sees in the template editor. */
export const FILL_PATHS = [
  { path: 'unit.bureau', label: '执法机关名称' },
  { path: 'unit.name', label: '承办执法队名称' },
  { path: 'unit.shortName', label: '执法队简称' },
  { path: 'unit.address', label: '机关地址' },
  { path: 'unit.phone', label: '机关联系电话' },
  { path: 'unit.reviewOrgan', label: '行政复议机关' },
  { path: 'case.number', label: '案号' },
  { path: 'case.cause', label: '案由' },
  { path: 'case.source', label: '案件来源' },
  { path: 'case.actPlace', label: '违法行为发生地点' },
  { path: 'case.summary', label: '简要案情' },
  { path: 'party.name', label: '当事人姓名或名称' },
  { path: 'party.kind', label: '当事人类型' },
  { path: 'party.idNumber', label: '身份证号码/统一社会信用代码（部分隐去）' },
  { path: 'party.phone', label: '当事人联系电话' },
  { path: 'party.address', label: '当事人住址（地址）' },
  { path: 'violation.name', label: '违法行为' },
  { path: 'violation.basis', label: '处罚依据' },
  { path: 'violation.band', label: '裁量档次' },
  { path: 'proposed.kinds', label: '拟处罚种类' },
  { path: 'proposed.text', label: '拟处罚内容' },
  { path: 'proposed.fineYuan', label: '拟罚款金额（元）' },
  { path: 'proposed.fineUpper', label: '拟罚款金额（大写）' },
  { path: 'penalty.kinds', label: '处罚种类' },
  { path: 'penalty.text', label: '处罚内容' },
  { path: 'penalty.fineYuan', label: '罚款金额（元）' },
  { path: 'penalty.fineUpper', label: '罚款金额（大写）' },
  { path: 'officers.names', label: '执法人员' },
  { path: 'officers.withCertificates', label: '执法人员及执法证号' },
  { path: 'facts.check', label: '检查（核查）情况' },
  { path: 'facts.investigation', label: '调查认定的事实' },
  { path: 'facts.statements', label: '陈述申辩情况' },
  { path: 'facts.hearing', label: '听证情况' },
  { path: 'facts.hearingRightsWords', label: '告知的听证权利（、要求听证）' },
  { path: 'facts.review', label: '法制审核意见' },
  { path: 'facts.participants', label: '集体讨论参加人员' },
  { path: 'facts.discussion', label: '集体讨论结论' },
  { path: 'facts.decisionReason', label: '决定理由' },
  { path: 'facts.evidenceItems', label: '先行登记保存物品' },
  { path: 'facts.evidencePlace', label: '先行登记保存地点' },
  { path: 'facts.seizureKind', label: '查封或扣押' },
  { path: 'facts.seizureItems', label: '查封（扣押）财物' },
  { path: 'facts.seizurePlace', label: '查封（扣押）存放地点' },
  { path: 'facts.payment', label: '执行情况' },
  { path: 'facts.closing', label: '结案理由' },
  { path: 'service.method', label: '送达方式' },
  { path: 'related.served', label: '送达文书名称及文号' },
  { path: 'related.decisionNumber', label: '行政处罚决定书文号' },
  { path: 'dates.today', label: '制作日期' },
  { path: 'dates.act', label: '违法行为发生日期' },
  { path: 'dates.check', label: '检查日期' },
  { path: 'dates.filed', label: '立案日期' },
  { path: 'dates.evidence', label: '先行登记保存日期' },
  { path: 'dates.seizure', label: '查封（扣押）日期' },
  { path: 'dates.investigationClosed', label: '调查终结日期' },
  { path: 'dates.notice', label: '告知日期' },
  { path: 'dates.hearingNotice', label: '听证通知日期' },
  { path: 'dates.hearing', label: '听证日期' },
  { path: 'dates.hearingHeld', label: '听证举行日期' },
  { path: 'dates.review', label: '法制审核日期' },
  { path: 'dates.discussion', label: '集体讨论日期' },
  { path: 'dates.decision', label: '处罚决定日期' },
  { path: 'dates.service', label: '送达日期' },
  { path: 'dates.urge', label: '催告日期' },
  { path: 'dates.closed', label: '结案日期' },
  { path: 'doc.number', label: '本文书文号' },
] as const satisfies readonly { path: `${Group}.${string}`; label: string }[];

export type FillPath = (typeof FILL_PATHS)[number]['path'];
const KNOWN_PATHS: ReadonlySet<string> = new Set(FILL_PATHS.map((f) => f.path));

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The paths named in a text, in order (`{{ party.name }}` → party.name). */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** `2026-12-08` → `2026年12月8日` (the way forms print dates); anything else is returned unchanged. */
export function dateZh(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** Integer fen → yuan as printed: 50000 → "500", 123450 → "1234.5", 5 → "0.05". */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`fen must be a non-negative integer, got ${fen}`);
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  if (cents === 0) return String(yuan);
  return `${yuan}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '兆'];

/** Integer fen → the amount in 大写 as receipts and decisions write it: 50000 → 人民币伍佰元整, 1005 → 人民币壹拾元零伍分. */
export function fenToUpper(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`fen must be a non-negative integer, got ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let intPart = '';
  if (yuan === 0) intPart = '零';
  else {
    // Groups of four digits from the right; zeros inside are read once (壹仟零伍), trailing zeros of a group silently.
    const groups: number[] = [];
    for (let n = yuan; n > 0; n = Math.floor(n / 10_000)) groups.push(n % 10_000);
    let needZero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g]!;
      if (group === 0) {
        needZero = intPart !== '';
        continue;
      }
      if (needZero || (intPart !== '' && group < 1000)) intPart += '零';
      needZero = false;
      let s = '';
      let zero = false;
      for (let i = 3; i >= 0; i--) {
        const d = Math.floor(group / 10 ** i) % 10;
        if (d === 0) {
          zero = s !== '';
          continue;
        }
        if (zero) s += '零';
        zero = false;
        s += DIGITS[d]! + SMALL_UNITS[i]!;
      }
      intPart += s + BIG_UNITS[g]!;
    }
  }
  if (jiao === 0 && fenDigit === 0) return `人民币${intPart}元整`;
  // Below one yuan the 元 part is left out (人民币伍角整); 整 after 元 or 角, never after 分 (会计基础工作规范).
  let out = yuan === 0 ? '人民币' : `人民币${intPart}元`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  if (fenDigit > 0) out += `${DIGITS[fenDigit]}分`;
  else out += '整';
  return out;
}

export interface TemplateIssue {
  /** The template the issue is in, or null for the set's own fields (header, pattern, words). */
  docType: DocumentTypeCode | null;
  /** Where: `header`, `numberPattern`, `words`, `title`, `body[2].text`, `body[0].rows[1].value`, `signatures`, `template`. */
  field: string;
  /** In Chinese: shown to the administrator who edits the set. */
  message: string;
}

function textIssues(docType: DocumentTypeCode | null, field: string, text: string): TemplateIssue[] {
  const out: TemplateIssue[] = [];
  for (const path of placeholdersOf(text)) {
    if (!KNOWN_PATHS.has(path)) out.push({ docType, field, message: `未知的填充项 {{${path}}}` });
  }
  // Braces left after the known placeholders are taken out: a typo ({{party.name}, {party.name}}) would print as is.
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) out.push({ docType, field, message: '填充项的花括号不成对（应写作 {{路径}}）' });
  return out;
}

const MAX_BLANK_LINES = 60;

function blockIssues(docType: DocumentTypeCode, block: TemplateBlock, at: string): TemplateIssue[] {
  switch (block.kind) {
    case 'paragraph':
    case 'heading':
      return textIssues(docType, `${at}.text`, block.text);
    case 'fields':
      if (block.rows.length === 0) return [{ docType, field: `${at}.rows`, message: '表格至少需要一行' }];
      return block.rows.flatMap((r, i) => [
        ...(r.label.trim() ? textIssues(docType, `${at}.rows[${i}].label`, r.label) : [{ docType, field: `${at}.rows[${i}].label`, message: '表格行缺少栏目名称' }]),
        ...textIssues(docType, `${at}.rows[${i}].value`, r.value),
      ]);
    case 'blank_lines':
      return Number.isInteger(block.count) && block.count >= 1 && block.count <= MAX_BLANK_LINES ? [] : [{ docType, field: `${at}.count`, message: `空白行数应为 1 至 ${MAX_BLANK_LINES} 的整数` }];
  }
}

/** Everything wrong with a template set, or [] when it can be saved and printed. */
export function templateIssues(content: TemplateSetContent): TemplateIssue[] {
  const issues: TemplateIssue[] = [...textIssues(null, 'header', content.header), ...textIssues(null, 'numberPrefix', content.numberPrefix)];
  if (!content.header.trim()) issues.push({ docType: null, field: 'header', message: '文书抬头不能为空' });
  const pattern = patternIssue(content.numberPattern);
  if (pattern) issues.push({ docType: null, field: 'numberPattern', message: `文号格式无法保证编号唯一：${pattern}` });
  for (const [code, word] of Object.entries(content.words)) {
    const t = documentType(code);
    if (!t) issues.push({ docType: null, field: `words.${code}`, message: `未知的文书种类 ${code}` });
    else if (t.word === null) issues.push({ docType: t.code, field: `words.${code}`, message: `${t.name}不编文号，不能设置文号字` });
    else if (!word?.trim()) issues.push({ docType: t.code, field: `words.${code}`, message: `${t.name}的文号字不能为空` });
  }
  const seen = new Set<string>();
  for (const tpl of content.templates) {
    const t = documentType(tpl.docType);
    if (!t) {
      issues.push({ docType: null, field: 'template', message: `未知的文书种类 ${String(tpl.docType)}` });
      continue;
    }
    if (seen.has(t.code)) issues.push({ docType: t.code, field: 'template', message: `${t.name}的模板重复` });
    seen.add(t.code);
    if (!tpl.title.trim()) issues.push({ docType: t.code, field: 'title', message: '文书标题不能为空' });
    issues.push(...textIssues(t.code, 'title', tpl.title));
    tpl.body.forEach((b, i) => issues.push(...blockIssues(t.code, b, `body[${i}]`)));
  }
  for (const t of DOCUMENT_TYPES) {
    if (!seen.has(t.code)) issues.push({ docType: t.code, field: 'template', message: `缺少${t.name}的模板` });
  }
  return issues;
}

/** The step date printed under the seal of each type (the day the document is made); the day of printing otherwise. */
const DATE_OF: Record<DocumentTypeCode, keyof FillData['dates']> = {
  filing_approval: 'check',
  inspection_record: 'check',
  inquiry_record: 'today',
  rectification_order: 'today',
  evidence_registration_notice: 'evidence',
  seizure_decision: 'seizure',
  seizure_list: 'seizure',
  penalty_notice: 'notice',
  hearing_rights_notice: 'notice',
  hearing_notice: 'hearingNotice',
  hearing_record: 'hearingHeld',
  investigation_report: 'investigationClosed',
  legal_review_opinion: 'review',
  collective_discussion_record: 'discussion',
  penalty_decision: 'decision',
  simple_penalty_decision: 'decision',
  service_receipt: 'service',
  payment_demand: 'urge',
  closing_report: 'closed',
  file_index: 'closed',
  file_note: 'closed',
};

function valueOf(data: FillData, path: string): string | null {
  const [group, key] = path.split('.') as [Group, string];
  const g = data[group] as Record<string, V> | undefined;
  const v = g?.[key];
  // null: unknown yet (a blank to fill in); '' is a value that prints nothing (a right not given, a reason not needed).
  if (v === undefined || v === null) return null;
  return group === 'dates' ? dateZh(v) : v;
}

function fillText(text: string, data: FillData): string {
  return text.replace(PLACEHOLDER, (_m, path: string) => {
    // templateIssues refuses unknown paths when a set is saved; one that slipped through prints blank, never raw.
    if (!KNOWN_PATHS.has(path)) return BLANK;
    return valueOf(data, path) ?? BLANK;
  });
}

function fillBlock(b: TemplateBlock, data: FillData): TemplateBlock {
  switch (b.kind) {
    case 'paragraph':
    case 'heading':
      return { kind: b.kind, text: fillText(b.text, data) };
    case 'fields':
      return { kind: 'fields', rows: b.rows.map((r) => ({ label: fillText(r.label, data), value: fillText(r.value, data) })) };
    case 'blank_lines':
      return { kind: 'blank_lines', count: b.count };
  }
}

/** Blank signature lines, one per role of the template (signed by hand on paper). */
export function blankSignatures(roles: readonly SignatureRole[]): DocumentModel['signatures'] {
  return roles.map((role) => ({ role, name: null, signedAt: null, refused: false, note: null }));
}

export class MissingTemplateError extends Error {
  constructor(readonly docType: string) {
    super(`the template set has no template for ${docType}`);
  }
}

/** The template of a type in a set; throws MissingTemplateError when the set has none (templateIssues reports it). */
export function templateOf(content: TemplateSetContent, docType: DocumentTypeCode): DocumentTemplate {
  const tpl = content.templates.find((t) => t.docType === docType);
  if (!tpl) throw new MissingTemplateError(docType);
  return tpl;
}

/** The filled document of a type (pure). */
export function fillDocument(content: TemplateSetContent, docType: DocumentTypeCode, data: FillData): DocumentModel {
  const tpl = templateOf(content, docType);
  const type = documentType(docType)!;
  return {
    docType,
    header: fillText(content.header, data),
    title: fillText(tpl.title, data),
    // Only types that carry a 文号 print one; a type without one never shows a stray number.
    number: type.word !== null ? valueOf(data, 'doc.number') : null,
    body: tpl.body.map((b) => fillBlock(b, data)),
    signatures: data.signatures ?? blankSignatures(tpl.signatures),
    seal: tpl.seal,
    issuer: valueOf(data, 'unit.bureau') ?? BLANK,
    date: data.dates[DATE_OF[docType]] ?? data.dates.today,
  };
}

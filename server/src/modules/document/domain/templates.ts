/**
 * The default 文书 template set: one template for each of the 21 types of numbering.ts, worded like the paper forms
 * a 城管 bureau prints (header with the bureau's name, title, 文号, 当事人 table, 违法事实, 依据, the rights and periods
 * the law requires, signatures, seal). A bureau starts from this set and edits its own versions ("templates admin").
 *
 * Every legal sentence is quoted or paraphrased from the texts in shared/domain/laws (never from memory):
 * - 行政处罚法 (2021-01-22) 第四十四条 (告知 拟作出的行政处罚内容及事实、理由、依据 and 陈述、申辩、要求听证等权利),
 *   第四十五条 (陈述申辩; no heavier penalty because of it), 第五十二条 (当场处罚决定书 contents, 拒绝签收 noted),
 *   第五十五条 (出示执法证件, 如实回答), 第五十六条 (先行登记保存, 七日内 处理决定), 第五十九条 (the six items of a
 *   decision and its seal), 第六十三条/第六十四条 (听证: 告知后五日内提出, 七日前通知, 公开, 回避, 委托一至二人代理,
 *   笔录 核对 签字), 第六十七条 (十五日内 缴纳罚款), 第七十二条 (每日百分之三 加处罚款).
 * - 民事诉讼法 (2023-09-01) 第八十九条 (留置送达, on the 送达回证).
 * - 行政复议法 (2023-09-01) 第二十条 (六十日内 行政复议), 行政诉讼法 (2017-06-27) 第四十六条 (六个月内 诉讼).
 * - 行政强制法 (2011-06-30) 第二十四条 (查封、扣押决定书 contents), 第二十五条 (三十日, extension 三十日),
 *   第三十五条 (催告书 contents), 第三十六条 (陈述和申辩 after 催告).
 */
import { DEFAULT_NUMBER_PATTERN, DOCUMENT_TYPES, type DocumentTypeCode } from './numbering';
import type { DocumentTemplate, TemplateBlock, TemplateSetContent } from './template-types';

const p = (text: string): TemplateBlock => ({ kind: 'paragraph', text });
const h = (text: string): TemplateBlock => ({ kind: 'heading', text });
const blank = (count: number): TemplateBlock => ({ kind: 'blank_lines', count });
const fields = (...rows: [string, string][]): TemplateBlock => ({ kind: 'fields', rows: rows.map(([label, value]) => ({ label, value })) });

/** The 当事人 rows every form that names the party carries (行政处罚法 第五十九条（一）: 姓名或者名称、地址). */
const PARTY_ROWS: [string, string][] = [
  ['当事人', '{{party.name}}'],
  ['当事人类型', '{{party.kind}}'],
  ['身份证号码/统一社会信用代码', '{{party.idNumber}}'],
  ['联系电话', '{{party.phone}}'],
  ['住址（地址）', '{{party.address}}'],
];

/** 行政复议法 (2023-09-01) 第二十条 and 行政诉讼法 (2017-06-27) 第四十六条: the remedies and their periods. */
const REMEDIES =
  '如不服本决定，可以自知道或者应当知道本决定之日起六十日内向{{unit.reviewOrgan}}申请行政复议，或者自知道或者应当知道本决定之日起六个月内直接向人民法院提起行政诉讼。';

const T = (docType: DocumentTypeCode, body: TemplateBlock[], signatures: DocumentTemplate['signatures'], seal: boolean): DocumentTemplate => ({
  docType,
  title: DOCUMENT_TYPES.find((t) => t.code === docType)!.name,
  body,
  signatures,
  seal,
});

const TEMPLATES: DocumentTemplate[] = [
  T(
    'filing_approval',
    [
      fields(['案号', '{{case.number}}'], ['案由', '{{case.cause}}'], ['案件来源', '{{case.source}}'], ...PARTY_ROWS, ['违法行为发生时间', '{{dates.act}}'], ['违法行为发生地点', '{{case.actPlace}}']),
      h('一、简要案情及立案理由'),
      p('{{case.summary}}'),
      p('经核查：{{facts.check}}'),
      p('当事人的行为涉嫌{{violation.name}}，依据{{violation.basis}}，符合立案条件，建议立案调查。'),
      p('承办人：{{officers.names}}　　{{dates.check}}'),
      h('二、审批意见'),
      blank(3),
    ],
    ['officer', 'officer', 'leader'],
    false,
  ),
  T(
    'inspection_record',
    [
      fields(['案号', '{{case.number}}'], ['检查（勘验）时间', '{{dates.check}}'], ['检查（勘验）地点', '{{case.actPlace}}'], ...PARTY_ROWS, ['执法人员及执法证号', '{{officers.withCertificates}}']),
      p('执法人员已向当事人（或在场人员）出示执法证件，告知其有权要求执法人员出示执法证件，应当如实回答询问并协助检查（《中华人民共和国行政处罚法》第五十五条）。'),
      h('检查（勘验）情况'),
      p('{{facts.check}}'),
      blank(8),
      p('以上笔录已向当事人（在场人员）宣读（或交其阅读），经核对无误。'),
    ],
    ['officer', 'officer', 'party', 'witness'],
    false,
  ),
  T(
    'inquiry_record',
    [
      fields(['案号', '{{case.number}}'], ['询问时间', '{{dates.today}}'], ['询问地点', '________'], ['被询问人', '{{party.name}}'], ['身份证号码', '{{party.idNumber}}'], ['联系电话', '{{party.phone}}'], ['住址', '{{party.address}}'], ['询问人及执法证号', '{{officers.withCertificates}}']),
      p('问：我们是{{unit.bureau}}的执法人员（出示执法证件），现依法就{{case.cause}}一事向你进行调查询问。根据《中华人民共和国行政处罚法》第五十五条，你应当如实回答询问，并协助调查，不得拒绝或者阻挠。你是否听清楚？'),
      p('答：'),
      blank(16),
      p('以上笔录已交被询问人阅读（或向其宣读），被询问人确认与所述一致。'),
    ],
    ['officer', 'officer', 'party'],
    false,
  ),
  T(
    'rectification_order',
    [
      p('{{party.name}}：'),
      p('经查，你（单位）于{{dates.act}}在{{case.actPlace}}{{violation.name}}，违反了{{violation.basis}}的规定。'),
      p('现责令你（单位）于________前改正上述违法行为：________________________。'),
      p('逾期不改正的，本机关将依法处理。'),
      p('执法人员：{{officers.withCertificates}}　联系电话：{{unit.phone}}'),
    ],
    ['officer', 'officer', 'party'],
    true,
  ),
  T(
    'evidence_registration_notice',
    [
      p('{{party.name}}：'),
      p('本机关在调查{{case.cause}}一案中，因证据可能灭失或者以后难以取得，经本机关负责人批准，根据《中华人民共和国行政处罚法》第五十六条的规定，决定对下列物品先行登记保存：'),
      fields(['物品', '{{facts.evidenceItems}}'], ['保存地点', '{{facts.evidencePlace}}'], ['登记保存日期', '{{dates.evidence}}']),
      p('本机关将在七日内作出处理决定。在此期间，当事人或者有关人员不得销毁或者转移证据。'),
    ],
    ['officer', 'officer', 'party'],
    true,
  ),
  T(
    'seizure_decision',
    [
      fields(...PARTY_ROWS),
      p('经查，你（单位）{{violation.name}}，违反了{{violation.basis}}的规定。'),
      p('根据《中华人民共和国行政强制法》第二十四条、第二十五条的规定，本机关决定对下列场所、设施或者财物予以{{facts.seizureKind}}：'),
      fields(['场所、设施或者财物', '{{facts.seizureItems}}'], ['存放地点', '{{facts.seizurePlace}}'], ['期限', '自{{dates.seizure}}起三十日；情况复杂的，经本机关负责人批准，可以延长，但延长期限不得超过三十日']),
      p('财物的名称、数量等详见《查封(扣押)清单》。'),
      p(REMEDIES),
    ],
    ['officer', 'officer', 'party'],
    true,
  ),
  T(
    'seizure_list',
    [
      fields(['案号', '{{case.number}}'], ['当事人', '{{party.name}}'], ['措施', '{{facts.seizureKind}}'], ['实施日期', '{{dates.seizure}}'], ['存放地点', '{{facts.seizurePlace}}']),
      h('场所、设施或者财物的名称、数量、规格、状况'),
      p('{{facts.seizureItems}}'),
      blank(8),
      p('本清单一式两份，一份交当事人，一份附卷。'),
    ],
    ['officer', 'officer', 'party', 'witness'],
    true,
  ),
  T(
    'penalty_notice',
    [
      p('{{party.name}}：'),
      p('经查，你（单位）于{{dates.act}}在{{case.actPlace}}{{violation.name}}。'),
      p('主要证据：{{facts.investigation}}'),
      p('你（单位）的上述行为违反了{{violation.basis}}的规定。本机关拟对你（单位）作出如下行政处罚：{{proposed.text}}。'),
      p('根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，现将拟作出的行政处罚内容及事实、理由、依据告知你（单位）。你（单位）依法享有陈述、申辩的权利，可以自收到本告知书之日起________日内向本机关提出陈述、申辩；本机关必须充分听取你（单位）的意见，不因你（单位）陈述、申辩而给予更重的处罚。逾期未提出的，视为放弃上述权利。'),
      p('联系地址：{{unit.address}}　联系电话：{{unit.phone}}'),
    ],
    ['party'],
    true,
  ),
  T(
    'hearing_rights_notice',
    [
      p('{{party.name}}：'),
      p('经查，你（单位）于{{dates.act}}在{{case.actPlace}}{{violation.name}}，违反了{{violation.basis}}的规定。本机关拟对你（单位）作出如下行政处罚：{{proposed.text}}。'),
      p('根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有要求听证的权利。如要求听证，应当在本机关告知后五日内提出；逾期未提出的，视为放弃听证权利。听证由本机关指定的非本案调查人员主持；你（单位）认为主持人与本案有直接利害关系的，有权申请回避；你（单位）可以亲自参加听证，也可以委托一至二人代理。你（单位）不承担本机关组织听证的费用。'),
      p('联系地址：{{unit.address}}　联系电话：{{unit.phone}}'),
    ],
    ['party'],
    true,
  ),
  T(
    'hearing_notice',
    [
      p('{{party.name}}：'),
      p('根据你（单位）的听证申请，本机关决定就{{case.cause}}一案举行听证。根据《中华人民共和国行政处罚法》第六十四条的规定，现将有关事项通知如下：'),
      fields(['听证时间', '{{dates.hearing}}'], ['听证地点', '________'], ['听证方式', '公开举行（涉及国家秘密、商业秘密或者个人隐私依法予以保密的除外）']),
      p('你（单位）可以亲自参加听证，也可以委托一至二人代理；委托代理人的，应当提交授权委托书。你（单位）认为主持人与本案有直接利害关系的，有权申请回避。无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。'),
    ],
    ['party'],
    true,
  ),
  T(
    'hearing_record',
    [
      fields(['案号', '{{case.number}}'], ['案由', '{{case.cause}}'], ['听证时间', '{{dates.hearingHeld}}'], ['听证地点', '________'], ['当事人', '{{party.name}}'], ['主持人', '________'], ['记录人', '________'], ['调查人员', '{{officers.names}}']),
      h('听证过程'),
      p('调查人员提出当事人违法的事实、证据和行政处罚建议；当事人进行申辩和质证（《中华人民共和国行政处罚法》第六十四条第（七）项）。'),
      p('{{facts.hearing}}'),
      blank(12),
      p('本笔录已交当事人或者其代理人核对无误。当事人或者其代理人拒绝签字或者盖章的，由听证主持人在笔录中注明（第六十四条第（八）项）。'),
    ],
    ['party', 'officer', 'officer'],
    false,
  ),
  T(
    'investigation_report',
    [
      fields(['案号', '{{case.number}}'], ['案由', '{{case.cause}}'], ...PARTY_ROWS, ['立案日期', '{{dates.filed}}'], ['调查终结日期', '{{dates.investigationClosed}}']),
      h('一、违法事实'),
      p('{{facts.investigation}}'),
      h('二、证据'),
      blank(4),
      h('三、处罚依据及裁量'),
      p('当事人的行为违反了{{violation.basis}}的规定，裁量档次：{{violation.band}}。'),
      h('四、处理意见'),
      p('建议给予如下行政处罚：{{proposed.text}}。'),
    ],
    ['officer', 'officer', 'leader'],
    false,
  ),
  T(
    'legal_review_opinion',
    [
      fields(['案号', '{{case.number}}'], ['案由', '{{case.cause}}'], ['当事人', '{{party.name}}'], ['拟处罚内容', '{{proposed.text}}'], ['审核日期', '{{dates.review}}']),
      h('审核意见'),
      p('根据《中华人民共和国行政处罚法》第五十八条的规定，对本案的执法主体、管辖权限、执法程序、事实证据、适用依据、裁量基准进行法制审核，意见如下：'),
      p('{{facts.review}}'),
      blank(3),
    ],
    ['reviewer'],
    false,
  ),
  T(
    'collective_discussion_record',
    [
      fields(['案号', '{{case.number}}'], ['案由', '{{case.cause}}'], ['讨论时间', '{{dates.discussion}}'], ['讨论地点', '________'], ['参加人员', '{{facts.participants}}'], ['记录人', '________']),
      p('根据《中华人民共和国行政处罚法》第五十七条第二款的规定，对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。'),
      h('讨论情况'),
      blank(8),
      h('结论性意见'),
      p('{{facts.discussion}}'),
    ],
    ['leader'],
    false,
  ),
  T(
    'penalty_decision',
    [
      fields(...PARTY_ROWS),
      h('一、违法事实和证据'),
      p('经查，当事人于{{dates.act}}在{{case.actPlace}}{{violation.name}}。{{facts.investigation}}'),
      p('本机关已于{{dates.notice}}依法告知当事人拟作出的行政处罚内容及事实、理由、依据和依法享有的陈述、申辩{{facts.hearingRightsWords}}权利。{{facts.statements}}'),
      h('二、行政处罚的种类和依据'),
      p('当事人的上述行为违反了{{violation.basis}}的规定。{{facts.decisionReason}}本机关决定对当事人作出如下行政处罚：{{penalty.text}}。'),
      h('三、履行方式和期限'),
      p('当事人应当自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款（《中华人民共和国行政处罚法》第六十七条）。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额（第七十二条）。'),
      h('四、申请行政复议或者提起行政诉讼的途径和期限'),
      p(REMEDIES),
    ],
    [],
    true,
  ),
  T(
    'simple_penalty_decision',
    [
      fields(...PARTY_ROWS, ['违法时间', '{{dates.act}}'], ['违法地点', '{{case.actPlace}}']),
      p('违法行为：{{violation.name}}。{{case.summary}}'),
      p('以上行为违反了{{violation.basis}}的规定。根据《中华人民共和国行政处罚法》第五十一条、第五十二条的规定，当场作出如下行政处罚：{{penalty.text}}（罚款数额：{{penalty.fineYuan}}元，大写{{penalty.fineUpper}}）。'),
      p('当事人应当自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款；依法可以当场收缴的，由执法人员当场收缴并出具专用票据。到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。'),
      p(REMEDIES),
      p('执法人员：{{officers.withCertificates}}。当事人拒绝签收的，由执法人员在本决定书上注明。'),
    ],
    ['officer', 'officer', 'party'],
    true,
  ),
  T(
    'service_receipt',
    [
      fields(
        ['送达文书名称及文号', '{{related.served}}'],
        ['受送达人', '{{party.name}}'],
        ['送达地点', '{{party.address}}'],
        ['送达方式', '{{service.method}}'],
        ['送达日期', '{{dates.service}}'],
      ),
      p('受送达人拒绝接收的，送达人可以邀请有关基层组织或者所在单位的代表到场，说明情况，在送达回证上记明拒收事由和日期，由送达人、见证人签名或者盖章，把文书留在受送达人的住所（《中华人民共和国民事诉讼法》第八十九条，留置送达）。'),
      h('备注'),
      blank(2),
    ],
    ['party', 'officer', 'witness'],
    true,
  ),
  T(
    'payment_demand',
    [
      p('{{party.name}}：'),
      p('本机关于{{dates.decision}}对你（单位）作出{{related.decisionNumber}}行政处罚决定：{{penalty.text}}。该决定已于{{dates.service}}送达，你（单位）至今未履行。'),
      p('根据《中华人民共和国行政强制法》第三十五条的规定，现催告你（单位）：'),
      fields(['履行义务的期限', '自收到本催告书之日起________日内'], ['履行义务的方式', '到指定的银行或者通过电子支付系统缴纳'], ['金额', '罚款人民币{{penalty.fineYuan}}元（大写{{penalty.fineUpper}}），及依法加处的罚款']),
      p('根据《中华人民共和国行政强制法》第三十六条的规定，你（单位）收到本催告书后有权进行陈述和申辩。逾期仍不履行且无正当理由的，本机关将依法申请人民法院强制执行。'),
    ],
    ['party'],
    true,
  ),
  T(
    'closing_report',
    [
      fields(['案号', '{{case.number}}'], ['案由', '{{case.cause}}'], ['当事人', '{{party.name}}'], ['立案日期', '{{dates.filed}}'], ['处罚决定文号', '{{related.decisionNumber}}'], ['处罚决定日期', '{{dates.decision}}'], ['处罚内容', '{{penalty.text}}'], ['执行情况', '{{facts.payment}}']),
      h('结案理由'),
      p('{{facts.closing}}'),
      blank(3),
    ],
    ['officer', 'leader'],
    false,
  ),
  T('file_index', [fields(['案号', '{{case.number}}'], ['案由', '{{case.cause}}'], ['当事人', '{{party.name}}']), p('（卷内文件按顺序排列，页号见卷宗。）')], [], false),
  T(
    'file_note',
    [
      fields(['案号', '{{case.number}}'], ['案由', '{{case.cause}}']),
      h('本卷情况说明'),
      p('本卷共有文件材料________件，共________页，其中照片________张。'),
      blank(6),
    ],
    ['officer', 'leader'],
    false,
  ),
];

/** The set a bureau starts from (its header, prefix, pattern and words are those the numbering module uses). */
export const DEFAULT_TEMPLATE_SET: TemplateSetContent = {
  header: '{{unit.bureau}}',
  numberPrefix: '{{unit.shortName}}城管',
  numberPattern: DEFAULT_NUMBER_PATTERN,
  words: Object.fromEntries(DOCUMENT_TYPES.filter((t) => t.word !== null).map((t) => [t.code, t.word])) as TemplateSetContent['words'],
  templates: TEMPLATES,
};

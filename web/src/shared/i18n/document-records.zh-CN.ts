import { documentErrorsZh } from './document.zh-CN';

/**
 * 文书 records (signatures, 送达, the required-document check) and the case page's 文书 tab. The errors are merged
 * into `errors.document` (spread after documentErrorsZh: `document` merged, not replaced).
 */
export const documentRecordsErrorsZh = {
  document: {
    ...documentErrorsZh.document,
    number_required: '请先为该文书签发文号',
    role_not_on_document: '该文书没有这一签名栏',
    signer_not_officer: '签名的执法人员须是本案办案环节记载的执法人员',
    refusal_needs_witness: '当事人拒绝签名的，须注明情况并有见证人在场',
    already_signed: '此人已在该文书上签名',
    not_served_type: '该类文书无需送达当事人',
    witness_required: '留置送达须有见证人在场（民事诉讼法 第八十九条）',
    consent_required: '电子送达须经当事人同意并签订确认书（行政处罚法 第六十一条第二款）',
    unsigned: '文书尚未签名完毕，不能送达',
    already_served: '该文书已送达',
    decision_unsigned: '行政处罚决定书须先编号并由两名执法人员签名，才能送达（请在“文书”页签办理）',
    required_missing: '结案或归档前须齐备的文书缺失或不完整，请在“文书”页签查看并补齐',
    service_not_recorded: '送达记录未能保存，请重试',
  },
};

export const documentRecordsZh = {
  caseDocuments: {
    tab: '文书',
    title: '本案文书',
    check: {
      close: '结案前须齐备的文书',
      archive: '归档前须齐备的文书',
      allPresent: '结案、归档所需文书已齐备',
      closeMissing: '结案前还须补齐 {{count}} 份文书：',
      archiveMissing: '归档前还须补齐 {{count}} 份文书：',
    },
    problems: { missing: '缺失', not_numbered: '未编号', unsigned: '未签名', not_served: '未送达' },
    status: { none: '未制作', missing: '缺失', to_number: '待编号', to_sign: '待签名', to_serve: '待送达', served: '已送达', complete: '已完成' },
    roles: { officer: '执法人员', party: '当事人', witness: '见证人', reviewer: '审核人', leader: '负责人' },
    columns: { name: '文书', number: '文号', status: '状态', signatures: '签名', service: '送达', basis: '依据', actions: '操作' },
    requiredFor: { close: '结案必备', archive: '归档必备' },
    localPractice: '地方惯例',
    ministerial: '住建部规章（待核实）',
    voided: '已作废 {{count}} 个',
    refusedMark: '拒签',
    stillToSign: '还须签名：{{who}}',
    who: '{{role}} {{count}} 名',
    actions: { allocate: '编号', void: '作废', sign: '签名', serve: '送达', pdf: 'PDF', docx: 'Word' },
    voidTitle: '作废文号 {{number}}',
    voidReason: '作废原因',
    signTitle: '在“{{name}}”上签名',
    serveTitle: '送达“{{name}}”',
    fields: {
      role: '签名身份',
      officer: '执法人员',
      name: '姓名',
      idNumber: '身份证号',
      refused: '当事人拒绝签名',
      note: '情况说明',
      witnessName: '见证人',
      witnessIdNumber: '见证人身份证号',
      signedOn: '签名日期',
      method: '送达方式',
      onDate: '送达日期',
      recipient: '受送达人',
      consent: '当事人已同意电子送达并签订确认书',
    },
    hints: {
      decisionServe: '送达行政处罚决定书即记录案件的“送达”环节，缴纳罚款、申请复议和提起诉讼的期限自送达之日起计算。',
      refused: '当事人拒绝签名的，注明情况并由见证人在场。',
    },
    ok: '确定',
    cancel: '取消',
    done: '已保存',
  },
};

/** 执法文书 (document module) texts: server error codes, merged into `errors`. */
export const documentErrorsZh = {
  document: {
    case_closed: '案件已不予立案、撤销或归档，不能再制作文书',
    type_not_numbered: '该类文书不编文号',
    already_numbered: '该文书已有文号 {{number}}，如需重新编号请先作废原文号',
    number_not_found: '文号不存在',
    void_reason_required: '请填写作废原因',
    number_void: '文号 {{number}} 已作废',
    step_not_reached: '案件尚未进行到制作该文书的环节',
  },
};

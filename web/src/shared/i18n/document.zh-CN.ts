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
    template_not_found: '文书模板版本不存在',
    template_immutable: '该模板版本已发布或已被替代，不能修改；请新建草稿',
    template_draft_exists: '已有模板草稿“{{label}}”，请先发布或放弃',
    template_label_taken: '已有同名的模板版本',
    template_invalid: '文书模板有误，请按提示修改',
    numbering_invalid: '现行文书模板的文号规则有误，无法编号；请法制部门修改模板',
  },
};

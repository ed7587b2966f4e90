/** 12345 工单导入 page: texts, the workbook's problem codes and the hotline slice's error messages. Same shape in service-hotline.en.ts. */
export const serviceHotlineZh = {
  serviceHotline: {
    title: '12345 工单导入',
    intro: '导入 12345 热线导出的工单 Excel：先检查预览，全部无误后再导入。已导入过的工单编号不会重复创建；没有经纬度的工单交市级受理台派遣。',
    template: '下载导入模板',
    choose: '选择工单文件（.xlsx）',
    chooseFirst: '请先选择工单文件',
    check: '检查并预览',
    apply: '确认导入',
    summary: '共 {{total}} 张工单：新建 {{toCreate}} 张（其中 {{toCityDesk}} 张无经纬度，交市级受理台），已导入过 {{existing}} 张（不再新建）',
    valid: '检查通过，可以导入',
    invalid: '发现 {{count}} 处问题，整个文件不会导入；请修改后重新检查',
    nothingNew: '文件中的工单都已导入过，没有需要新建的工单',
    done: '已导入：新建 {{created}} 张工单，{{existing}} 张已导入过未重复创建，{{toCityDesk}} 张无经纬度已交市级受理台',
    issues: '问题清单',
    sheet: '工作表',
    row: '行',
    column: '列',
    orderNo: '工单编号',
    problem: '问题',
    rows: '工单预览',
    calledAt: '来电时间',
    categoryWord: '诉求类别（12345）',
    category: '规范类别',
    address: '事发地址',
    action: '处理',
    routing: '派遣',
    actions: { create: '新建', exists: '已导入过' },
    routings: { location: '按位置派遣', city_desk: '市级受理台' },
    trackingCode: '查询码',
    mapping: '类别对照',
    mappingIntro: '12345 的诉求类别按此对照换成规范类别；未对照的按规范类别的编码或名称识别。工作簿中的“类别对照”表优先。',
    unmapped: '以下诉求类别没有对照，请选择对应的规范类别后保存，再重新检查：',
    word: '12345 类别',
    pickCategory: '选择规范类别',
    saveMapping: '保存对照',
    saveAndCheck: '保存对照并重新检查',
    mappingSaved: '类别对照已保存',
    remove: '删除',
    noMapping: '尚无对照',
    export: '办理结果导出',
    exportIntro: '按来电日期导出 12345 工单，格式与导入模板相同，另填办理状态、办理结果、回复时间、办理单位、满意度，可回传 12345 热线。',
    period: '来电日期',
    exportButton: '导出',
    issue: {
      sheet_missing: '工作簿中没有“{{sheet}}”工作表（现有：{{sheets}}）',
      column_missing: '表头缺少“{{header}}”列',
      no_rows: '工作表中没有工单',
      required: '“{{header}}”必填',
      too_long: '最多 {{max}} 个字',
      text_invalid: '含有无法保存的字符',
      date_time_format: '“{{value}}”不是日期时间（YYYY-MM-DD HH:MM）',
      date_time_range: '{{value}} 早于 2000 年或晚于当前时间',
      deadline_before_call: '办理时限不晚于来电时间',
      duplicate_in_file: '工单编号与第 {{firstRow}} 行重复',
      category_unknown: '“{{value}}”既不是规范类别，也没有类别对照',
      category_inactive: '“{{value}}”对应的类别“{{category}}”已停用',
      mapping_target_unknown: '没有编码或名称为“{{value}}”的规范类别',
      mapping_duplicate: '“{{value}}”已在第 {{firstRow}} 行对照过',
      coordinates_format: '“{{value}}”不是“经度,纬度”',
      coordinates_outside_china: '{{value}} 不在中国境内',
      coordinates_swapped: '{{value}} 像是“纬度,经度”，请经度在前',
      phone_format: '“{{value}}”不是电话号码',
    },
  },
};

export const serviceHotlineMenuZh = {
  serviceHotline: '12345 工单导入',
};

/** Spread into errors.service (codes service.hotline_*). */
export const serviceHotlineErrorsZh = {
  hotline_import_invalid: '工单文件有误，未导入任何工单',
  hotline_no_file: '没有收到工单文件',
  hotline_period_invalid: '导出期间有误（结束日期不能早于开始日期，最长一年）',
  hotline_mapping_invalid: '类别对照有误（诉求类别为空、重复或规范类别不存在）',
  hotline_mapping_stale: '类别对照已被他人修改，请刷新后重试',
};

/** auditLog.actions.* of the slice. */
export const serviceHotlineAuditZh = {
  service_hotline: { import: '导入 12345 工单', mapping: '修改 12345 类别对照' },
};

/** auditLog.entities.* of the slice. */
export const serviceHotlineEntitiesZh = {
  service_hotline_import: '12345 工单导入',
};

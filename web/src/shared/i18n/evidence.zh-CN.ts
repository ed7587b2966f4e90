/** 案件证据与执法记录仪: server error messages (pages come later). Spread into zh-CN.ts. */
export const evidenceErrorsZh = {
  case_evidence: {
    not_found: '证据不存在',
    step_not_found: '本案没有该办案环节',
    case_decided: '案件已作出决定，其证据不能删除，只能注明理由后替换',
    withdrawn: '该证据已撤回',
    superseded: '该证据已被替换，作为记录保留',
    reason_required: '请填写替换理由',
    clip_not_overlapping: '该执法记录仪视频的时间与办案环节不重合',
    recording_required: '该环节须全程音像记录，但当事执法人员的执法记录仪视频未覆盖全部时间。未覆盖时段：{{gapsText}}',
    step_time_required: '该环节须全程音像记录，请填写执法人员在现场的开始和结束时间',
    step_time_invalid: '办案环节的结束时间早于开始时间',
    clip_not_found: '执法记录仪视频不存在',
    clip_time_invalid: '视频的结束时间必须晚于开始时间',
    camera_not_found: '执法记录仪不存在或不在您的管辖范围',
    not_body_camera: '该设备不是执法记录仪',
    officer_not_found: '执法人员不存在或不在您的管辖范围',
    clip_hash_mismatch: '上传文件的 SHA-256 与登记的不一致，未保存',
  },
};

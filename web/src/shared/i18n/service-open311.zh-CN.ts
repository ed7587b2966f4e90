/** 便民服务 开放接口 (Open311 GeoReport v2): the keys page, its errors and menu entry. Same shape in service-open311.en.ts. */
export const serviceOpen311Zh = {
  serviceOpen311: {
    title: '开放接口（Open311）',
    intro: '第三方平台（如 12345 热线系统、城市服务 App）可通过 Open311 GeoReport v2 标准接口查询问题类型、提交和查询群众反映。提交反映需要接口密钥；查询无需密钥，不含联系人信息。',
    endpoint: '接口地址',
    jurisdiction: '辖区标识（jurisdiction_id）',
    tryServices: '问题类型列表',
    tryRequests: '近 90 天的反映',
    keys: '接口密钥',
    create: '新建密钥',
    name: '使用方',
    namePlaceholder: '如：12345 热线平台',
    keyPrefix: '密钥开头',
    hourlyLimit: '每小时提交上限',
    hourlyLimitHint: '超过上限的提交会被拒绝（HTTP 429），防止滥用',
    usedLastHour: '近 1 小时提交',
    createdAt: '创建时间',
    createdBy: '创建人',
    lastUsedAt: '最近使用',
    never: '未使用',
    status: '状态',
    active: '有效',
    revoked: '已吊销',
    revokedAt: '吊销于 {{at}}',
    revoke: '吊销',
    revokeConfirm: '吊销后，使用该密钥的提交将被拒绝，且不能恢复。确定吊销“{{name}}”的密钥吗？',
    revokedDone: '密钥已吊销',
    createdTitle: '密钥已生成',
    secretOnce: '请立即复制并妥善交给使用方。密钥只显示这一次，关闭后无法再查看；遗失请吊销后重新生成。',
    secret: '接口密钥',
    close: '我已保存',
    empty: '还没有接口密钥',
  },
};

export const serviceOpen311MenuZh = {
  serviceOpen311: '开放接口',
};

/** errors.service.* of the Open311 slice (spread into the service group). */
export const serviceOpen311ErrorsZh = {
  open311_key_not_found: '接口密钥不存在',
  open311_key_revoked: '该接口密钥已被吊销',
};

/** auditLog.actions.* and auditLog.entities.* of the Open311 slice (one top-level key, like the other slices). */
export const serviceOpen311AuditZh = {
  service_api_key: { create: '新建开放接口密钥', revoke: '吊销开放接口密钥' },
};
export const serviceOpen311EntitiesZh = {
  service_api_key: '开放接口密钥',
};

/**
 * 卷宗归档: the case page's 卷宗 tab and the archive module's server error messages. Spread into zh-CN.ts (`errors`
 * after caseExtraErrorsZh and standardizationErrorsZh: `case` and `evidence` are merged, not replaced).
 */
import { caseExtraErrorsZh } from './case-extra.zh-CN';
import { standardizationErrorsZh } from './standardization.zh-CN';

export const archiveErrorsZh = {
  case: { ...caseExtraErrorsZh.case, archived: '案件已归档，卷宗只读，不能再添加或修改' },
  evidence: { ...standardizationErrorsZh.evidence, hash_mismatch: '有证据文件与登记的 SHA-256 不一致，未导出任何文件（已记入保管记录）' },
  archive: {
    copy_corrupted: '归档保存的卷宗副本与记录的 SHA-256 不一致，不予提供',
    composer_unavailable: '卷宗生成功能暂不可用',
    retention_invalid: '保管期限只能是永久、30年或10年',
  },
};

export const archiveZh = {
  caseArchive: {
    tab: '卷宗',
    archived: '本案已归档：卷宗为归档时保存的副本，案件只读',
    archivedNoRecord: '本案已归档（归档早于卷宗记录功能，无归档副本）；可下载按当前资料生成的卷宗',
    notArchived: '本案尚未归档：可预览按当前资料生成的卷宗',
    downloadDossier: '下载卷宗 PDF',
    previewDossier: '预览卷宗 PDF',
    downloadZip: '下载证据包（ZIP）',
    evidenceCount: '证据 {{current}} 份，已替换 {{superseded}} 份',
    evidenceFiles: '证据文件 {{count}} 份，共 {{size}} MB',
    pages: '共 {{pages}} 页',
    permanent: '永久',
    years: '{{count}}年',
    keepUntil: '保管至 {{date}}',
    localDefault: '本地默认值，待本局确认',
    retentionIfArchived: '归档时适用的保管期限',
    index: '卷内目录',
    order: '卷宗顺序：{{stages}}（依据 {{citation}}）',
    policy: {
      title: '{{unit}}及下级单位的案卷保管期限',
      choose: '选择期限',
      notePlaceholder: '依据（如本局档案管理办法）',
      save: '保存',
      saved: '保管期限已保存',
      hint: '未设置时按本地默认值（30年）归档并注明“待本局确认”；修改只适用于此后归档的案件，已归档案件保持原期限。',
    },
    fields: {
      archivedOn: '归档日期',
      retention: '保管期限',
      pdf: '卷宗 PDF（SHA-256）',
      manifest: '证据清单（SHA-256）',
      title: '文书',
      number: '文号',
      pages: '页码',
    },
  },
};

import { test } from 'node:test';
import assert from 'node:assert/strict';
import zhCN from '../../../../web/src/shared/i18n/zh-CN';
import { FORECAST_ZH, GRADE_ZH, RECT_ZH, STATUS_ZH } from './progress.report';

/**
 * The meeting report (Excel + PDF) is read next to the pages: an assessment 待区审核 on screen must not be 已提交 on
 * paper. Each word table of the report equals the page's (web/src/shared/i18n), key for key.
 */
const cases: [string, Record<string, string>, Record<string, string>][] = [
  ['assessment states', STATUS_ZH, zhCN.assessment.states],
  ['rectification states', RECT_ZH, zhCN.rectification.states],
  ['grades', GRADE_ZH, zhCN.assessment.grades],
  ['forecasts', FORECAST_ZH, zhCN.progress.forecasts],
];

for (const [name, report, pages] of cases) {
  test(`the report names ${name} as the pages do`, () => {
    assert.deepEqual(report, pages);
  });
}

test('the assessment states read 待区审核 / 待市验收 / 已验收', () => {
  assert.equal(STATUS_ZH.submitted, '待区审核');
  assert.equal(STATUS_ZH.district_reviewed, '待市验收');
  assert.equal(STATUS_ZH.accepted, '已验收');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TemplateSetContent } from './domain/template-types';
import { DEFAULT_TEMPLATE_SET } from './domain/templates';
import { templateSetIssues } from './template.service';

/** A copy of the shipped set with one template changed. */
function withTemplate(docType: string, change: (t: TemplateSetContent['templates'][number]) => TemplateSetContent['templates'][number]): TemplateSetContent {
  const c = structuredClone(DEFAULT_TEMPLATE_SET);
  return { ...c, templates: c.templates.map((t) => (t.docType === docType ? change(t) : t)) };
}

test('the shipped set has no issue', () => {
  assert.deepEqual(templateSetIssues(DEFAULT_TEMPLATE_SET), []);
});

// Each of fill.ts's text problems gets its reason (the web words it in both languages) and the set's field path: a
// change of fill.ts's wording that loses a reason ('other') fails here.
test('text problems: reason, field and type', () => {
  const para = (text: string) => ({ kind: 'paragraph' as const, text });
  const cases: [string, TemplateSetContent, [string | null, string, string, Record<string, string>?][]][] = [
    ['unknown placeholder', withTemplate('penalty_decision', (t) => ({ ...t, body: [para('当事人{{party.nmae}}')] })), [['penalty_decision', 'templates.penalty_decision.body[0].text', 'unknown_placeholder', { type: '行政处罚决定书', name: '{{party.nmae}}' }]]],
    ['unbalanced braces', withTemplate('penalty_decision', (t) => ({ ...t, body: [para('当事人{{party.name}')] })), [['penalty_decision', 'templates.penalty_decision.body[0].text', 'unbalanced_braces']]],
    ['empty title', withTemplate('inquiry_record', (t) => ({ ...t, title: ' ' })), [['inquiry_record', 'templates.inquiry_record.title', 'title_empty']]],
    ['empty table', withTemplate('inquiry_record', (t) => ({ ...t, body: [{ kind: 'fields', rows: [] }] })), [['inquiry_record', 'templates.inquiry_record.body[0].rows', 'rows_empty']]],
    ['row without label', withTemplate('inquiry_record', (t) => ({ ...t, body: [{ kind: 'fields', rows: [{ label: '', value: 'x' }] }] })), [['inquiry_record', 'templates.inquiry_record.body[0].rows[0].label', 'row_label_empty']]],
    ['blank lines', withTemplate('inquiry_record', (t) => ({ ...t, body: [{ kind: 'blank_lines', count: 0 }] })), [['inquiry_record', 'templates.inquiry_record.body[0].count', 'blank_lines_count']]],
    ['missing template', { ...DEFAULT_TEMPLATE_SET, templates: DEFAULT_TEMPLATE_SET.templates.filter((t) => t.docType !== 'payment_demand') }, [['payment_demand', 'templates.payment_demand', 'template_missing']]],
    ['repeated template', { ...DEFAULT_TEMPLATE_SET, templates: [...DEFAULT_TEMPLATE_SET.templates, DEFAULT_TEMPLATE_SET.templates[0]!] }, [['filing_approval', 'templates.filing_approval', 'template_repeated']]],
    ['empty header', { ...DEFAULT_TEMPLATE_SET, header: '' }, [[null, 'header', 'header_empty']]],
    ['header placeholder', { ...DEFAULT_TEMPLATE_SET, header: '{{unit.bureu}}' }, [[null, 'header', 'unknown_placeholder', { name: '{{unit.bureu}}' }]]],
    // The pattern is reported once, by the numbering check (fill.ts's own report of it is left out).
    ['pattern', { ...DEFAULT_TEMPLATE_SET, numberPattern: '{prefix}{word}第{seq}号' }, [[null, 'numberPattern', 'pattern_missing', { name: '{year}' }]]],
  ];
  for (const [what, content, want] of cases) {
    const got = templateSetIssues(content).map((i) => [i.docType, i.field, i.reason, ...(want.some((w) => w[3]) ? [i.params] : [])]);
    assert.deepEqual(got, want.map((w) => (w[3] ? w : w.slice(0, 3))), what);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { casePathOf, documentProblem, missingDocuments, missingSigners, REQUIREMENTS, requiredDocuments, type CasePath, type HeldDocument } from './required';
import { DOCUMENT_TYPE_CODES, type DocumentTypeCode } from './numbering';

const LAWS_DIR = path.resolve(import.meta.dirname, '../../../../../../shared/domain/laws');
const FILES: Record<string, string> = {
  '中华人民共和国行政处罚法@2021-01-22': '行政处罚法(2021-01-22).md',
  '中华人民共和国行政强制法@2011-06-30': '行政强制法(2011-06-30).md',
  '中华人民共和国民事诉讼法@2023-09-01': '民事诉讼法(2023-09-01).md',
};

test('every law citation quotes its article word for word', { skip: !fs.existsSync(LAWS_DIR) && 'no ../shared/domain/laws here' }, () => {
  const all = REQUIREMENTS.flatMap((r) => [r.citation, ...(r.serviceCitation ? [r.serviceCitation] : [])]).filter((c) => c.source === 'law');
  assert.ok(all.length >= 14);
  for (const c of all) {
    const file = FILES[`${c.law}@${c.version}`];
    assert.ok(file, `no statute file for ${c.law} ${c.version}`);
    const text = fs.readFileSync(path.join(LAWS_DIR, file), 'utf8');
    const startAt = text.indexOf(`\n${c.article} `);
    assert.ok(startAt >= 0, `${c.article} not in ${file}`);
    const next = text.slice(startAt + 1).search(/\n第[一二三四五六七八九十百零]+条 /);
    const article = text.slice(startAt + 1, next < 0 ? undefined : startAt + 1 + next).replace(/\s+/g, '');
    assert.ok(article.includes(c.quote!.replace(/\s+/g, '')), `"${c.quote}" is not in ${c.article} of ${file}`);
  }
  // Local practice and ministerial rules carry no quote (nothing to check them against).
  for (const r of REQUIREMENTS.filter((x) => x.citation.source !== 'law')) assert.equal(r.citation.quote, null, r.docType);
});

const facts = (over: Partial<Parameters<typeof casePathOf>[1]> = {}) => ({ review: { triggers: [] as string[] }, ...over });
const plain = casePathOf('general', facts({ notice: { hearingRights: false }, decision: { outcome: 'penalty' }, service: { method: 'post' } }), ['create_lead', 'check', 'approve_filing', 'close_investigation', 'notify', 'waive_hearing', 'decide', 'serve', 'record_payment']);
const codes = (p: CasePath, stage: 'close' | 'archive' = 'close') => requiredDocuments(p, stage).map((r) => r.docType);

test('required documents per procedure and path', () => {
  const rows: [string, CasePath, 'close' | 'archive', DocumentTypeCode[]][] = [
    ['general, no hearing, served by post', plain, 'close', ['filing_approval', 'inspection_record', 'investigation_report', 'penalty_notice', 'penalty_decision', 'closing_report']],
    ['the same archived adds 卷内目录 and 备考表', plain, 'archive', ['filing_approval', 'inspection_record', 'investigation_report', 'penalty_notice', 'penalty_decision', 'closing_report', 'file_index', 'file_note']],
    [
      'hearing held, 法制审核, 集体讨论, seizure, 先行登记保存, served in person, 催告',
      casePathOf('general', facts({ notice: { hearingRights: true }, review: { triggers: ['hearing_held'] }, decision: { outcome: 'penalty' }, service: { method: 'direct' } }), ['approve_filing', 'register_evidence', 'seize', 'close_investigation', 'notify', 'request_hearing', 'schedule_hearing', 'hold_hearing', 'submit_review', 'legal_review', 'collective_discussion', 'decide', 'serve', 'urge']),
      'close',
      ['filing_approval', 'inspection_record', 'evidence_registration_notice', 'seizure_decision', 'seizure_list', 'investigation_report', 'penalty_notice', 'hearing_rights_notice', 'hearing_notice', 'hearing_record', 'legal_review_opinion', 'collective_discussion_record', 'penalty_decision', 'service_receipt', 'payment_demand', 'closing_report'],
    ],
    ['hearing rights waived: the rights notice only', casePathOf('general', facts({ notice: { hearingRights: true }, decision: { outcome: 'penalty' } }), ['approve_filing', 'close_investigation', 'notify', 'waive_hearing', 'decide']), 'close', ['filing_approval', 'inspection_record', 'investigation_report', 'penalty_notice', 'hearing_rights_notice', 'penalty_decision', 'closing_report']],
    ['法制审核 required (complex) before it ran', casePathOf('general', facts({ review: { triggers: ['complex'] }, decision: { outcome: 'penalty' } }), ['approve_filing']), 'close', ['filing_approval', 'inspection_record', 'legal_review_opinion', 'penalty_decision', 'closing_report']],
    ['不予处罚: the decision still (住建部令第55号), left at the premises → 送达回证', casePathOf('general', facts({ decision: { outcome: 'no_penalty' }, service: { method: 'left_at_premises' } }), ['approve_filing', 'decide', 'serve']), 'close', ['filing_approval', 'inspection_record', 'penalty_decision', 'service_receipt', 'closing_report']],
    ['transfer: no decision of ours', casePathOf('general', facts({ decision: { outcome: 'transfer' } }), ['approve_filing', 'decide']), 'close', ['filing_approval', 'inspection_record', 'closing_report']],
    ['electronic service: no 送达回证', casePathOf('general', facts({ decision: { outcome: 'penalty' }, service: { method: 'electronic' } }), ['approve_filing', 'decide', 'serve']), 'close', ['filing_approval', 'inspection_record', 'penalty_decision', 'closing_report']],
    ['simple procedure: the on-the-spot decision', casePathOf('simple', facts({ decision: { outcome: 'penalty' }, service: { method: 'direct' } }), ['simple_decide']), 'close', ['simple_penalty_decision']],
    ['simple procedure archived', casePathOf('simple', facts(), ['simple_decide']), 'archive', ['simple_penalty_decision', 'file_index', 'file_note']],
  ];
  for (const [name, p, stage, want] of rows) assert.deepEqual(codes(p, stage), want, name);
  assert.ok(REQUIREMENTS.find((r) => r.docType === 'penalty_decision' && r.citation.source === 'unverified_ministerial'));
});

const doc = (docType: DocumentTypeCode, over: Partial<HeldDocument> = {}): HeldDocument => ({ docType, ref: '', numbered: false, signatures: [], served: false, ...over });
const officer = (personId: string) => ({ role: 'officer' as const, personId, name: personId, refused: false });

test('the problem of one document, in the order the work is done', () => {
  const rows: [string, DocumentTypeCode, HeldDocument | undefined, string | null, { role: string; count: number }[]][] = [
    ['nothing recorded', 'penalty_decision', undefined, 'missing', []],
    ['a signature without a number is not numbered', 'penalty_decision', doc('penalty_decision', { signatures: [officer('a')] }), 'not_numbered', []],
    ['numbered, one officer', 'penalty_decision', doc('penalty_decision', { numbered: true, signatures: [officer('a')] }), 'unsigned', [{ role: 'officer', count: 1 }]],
    ['the same officer twice is one', 'penalty_decision', doc('penalty_decision', { numbered: true, signatures: [officer('a'), officer('a')] }), 'unsigned', [{ role: 'officer', count: 1 }]],
    ['signed, not served', 'penalty_decision', doc('penalty_decision', { numbered: true, signatures: [officer('a'), officer('b')] }), 'not_served', []],
    ['complete', 'penalty_decision', doc('penalty_decision', { numbered: true, signatures: [officer('a'), officer('b')], served: true }), null, []],
    ['a 笔录 without a number: officers and the party', 'inspection_record', doc('inspection_record', { signatures: [officer('a')] }), 'unsigned', [{ role: 'officer', count: 1 }, { role: 'party', count: 1 }]],
    ['the party refused (recorded): complete', 'hearing_record', doc('hearing_record', { signatures: [{ role: 'party', personId: null, name: '张三', refused: true }] }), null, []],
    ['a notice under seal: numbered and served is enough', 'penalty_notice', doc('penalty_notice', { numbered: true, served: true }), null, []],
    ['a notice numbered, not served', 'penalty_notice', doc('penalty_notice', { numbered: true }), 'not_served', []],
  ];
  for (const [name, type, d, problem, signers] of rows) {
    const p = documentProblem(type, d);
    assert.equal(p?.problem ?? null, problem, name);
    assert.deepEqual(p?.signers ?? [], signers, name);
  }
  assert.deepEqual(missingSigners('closing_report', [officer('a')]), [{ role: 'leader', count: 1 }]);
});

test('missingDocuments: reasons and citations; one complete document of a type satisfies it', () => {
  const held = [
    doc('filing_approval', { numbered: true, signatures: [{ role: 'leader', personId: null, name: '王队', refused: false }] }),
    doc('inspection_record', { signatures: [officer('a'), officer('b'), { role: 'party', personId: null, name: '张三', refused: false }] }),
    doc('investigation_report', { signatures: [officer('a')] }),
    doc('penalty_notice', { numbered: true, served: true }),
    doc('penalty_decision', { ref: '', numbered: true, signatures: [officer('a'), officer('b')] }),
  ];
  const m = missingDocuments(plain, held, 'close');
  assert.deepEqual(m.map((x) => [x.docType, x.problem]), [['investigation_report', 'unsigned'], ['penalty_decision', 'not_served'], ['closing_report', 'missing']]);
  assert.equal(m[1]!.citation.article, '第六十一条', 'not served: the article on service');
  assert.equal(m[2]!.citation.source, 'local_practice');
  assert.equal(m[0]!.name, '案件调查终结报告');
  // A second decision (another ref) complete: the type is satisfied.
  const more = [...held, doc('penalty_decision', { ref: 'b', numbered: true, signatures: [officer('a'), officer('b')], served: true })];
  assert.ok(!missingDocuments(plain, more, 'close').some((x) => x.docType === 'penalty_decision'));
  // Every type has a rule.
  for (const code of DOCUMENT_TYPE_CODES) assert.ok(documentProblem(code, undefined));
});

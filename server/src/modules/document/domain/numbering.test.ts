import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASE_ACTIONS } from '../../case';
import { DEFAULT_NUMBER_PATTERN, DOCUMENT_TYPES, defaultUnitPrefix, documentType, formatDocumentNumber, missingSteps, NUMBERED_TYPE_CODES, patternIssue, sequenceGaps } from './numbering';

test('formatDocumentNumber: the example of the issue and the padding', () => {
  const cases: [Parameters<typeof formatDocumentNumber>[0], string | undefined, string][] = [
    [{ prefix: '通崇城管', word: '罚决字', year: 2026, seq: 1 }, undefined, '通崇城管罚决字〔2026〕第0001号'],
    [{ prefix: '通崇城管', word: '罚决字', year: 2026, seq: 42 }, undefined, '通崇城管罚决字〔2026〕第0042号'],
    [{ prefix: '通崇城管', word: '罚决字', year: 2026, seq: 9999 }, undefined, '通崇城管罚决字〔2026〕第9999号'],
    // Past 9999 the number grows rather than wrapping (a wrap would repeat 第0001号).
    [{ prefix: '通崇城管', word: '罚决字', year: 2026, seq: 10000 }, undefined, '通崇城管罚决字〔2026〕第10000号'],
    [{ prefix: '竹行城管', word: '责改字', year: 2027, seq: 7 }, '{prefix}〔{year}〕{word}{seq}号', '竹行城管〔2027〕责改字0007号'],
  ];
  for (const [parts, pattern, want] of cases) assert.equal(formatDocumentNumber(parts, pattern), want);
  assert.equal(DEFAULT_NUMBER_PATTERN, '{prefix}{word}〔{year}〕第{seq}号');
});

test('formatDocumentNumber refuses a sequence or year that cannot be a number', () => {
  const base = { prefix: 'A', word: 'B', year: 2026, seq: 1 };
  for (const bad of [{ seq: 0 }, { seq: -1 }, { seq: 1.5 }, { year: 26 }, { year: 20260 }]) assert.throws(() => formatDocumentNumber({ ...base, ...bad }), RangeError, JSON.stringify(bad));
});

test('patternIssue: year and sequence exactly once, known placeholders only', () => {
  const cases: [string, string | null][] = [
    [DEFAULT_NUMBER_PATTERN, null],
    ['{word}{seq}〔{year}〕', null],
    ['{prefix}{word}第{seq}号', '{year} must appear exactly once'],
    ['{prefix}〔{year}〕号', '{seq} must appear exactly once'],
    ['{seq}{seq}〔{year}〕', '{seq} must appear exactly once'],
    ['{prefix}{unit}〔{year}〕{seq}', 'unknown placeholder {unit}'],
  ];
  for (const [pattern, want] of cases) assert.equal(patternIssue(pattern), want, pattern);
  assert.throws(() => formatDocumentNumber({ prefix: 'A', word: 'B', year: 2026, seq: 1 }, '{prefix}{seq}'), RangeError);
});

test('defaultUnitPrefix: short name, else the team name without its suffix', () => {
  const cases: [{ shortName: string | null; name: string }, string][] = [
    [{ shortName: '竹行', name: '竹行街道综合执法队' }, '竹行城管'],
    [{ shortName: null, name: '竹行街道综合执法队' }, '竹行城管'],
    [{ shortName: null, name: '崇川区' }, '崇川区城管'],
  ];
  for (const [unit, want] of cases) assert.equal(defaultUnitPrefix(unit), want);
});

test('document types: codes unique, numbered types have distinct words, the decision is numbered', () => {
  assert.equal(new Set(DOCUMENT_TYPES.map((t) => t.code)).size, DOCUMENT_TYPES.length);
  const words = NUMBERED_TYPE_CODES.map((c) => documentType(c)!.word);
  assert.equal(new Set(words).size, words.length);
  assert.equal(documentType('penalty_decision')?.word, '罚决字');
  assert.equal(documentType('inquiry_record')?.word, null);
  assert.equal(documentType('nope'), undefined);
});

test('sequenceGaps', () => {
  const cases: [number[], number, number[]][] = [
    [[], 0, []],
    [[1, 2, 3], 3, []],
    [[3, 1, 2], 3, []],
    [[1, 3], 3, [2]],
    [[2], 3, [1, 3]],
  ];
  for (const [seqs, last, want] of cases) assert.deepEqual(sequenceGaps(seqs, last), want);
});

test('missingSteps: a document exists once one of its steps is on the timeline', () => {
  const decision = documentType('penalty_decision')!;
  const receipt = documentType('service_receipt')!;
  const order = documentType('rectification_order')!;
  const cases: [{ steps: readonly string[] | null }, string[], readonly string[]][] = [
    [decision, [], ['decide']],
    [decision, ['create_lead', 'check', 'approve_filing'], ['decide']],
    [decision, ['approve_filing', 'decide'], []],
    [receipt, ['notify'], []],
    [receipt, ['check'], receipt.steps!],
    [order, [], []],
  ];
  for (const [type, reached, want] of cases) assert.deepEqual(missingSteps(type, new Set(reached)), want, JSON.stringify([type.steps, reached]));
});

test('every step named by a type is a step the case workflow records', () => {
  const known = new Set<string>([...CASE_ACTIONS, 'create_lead', 'simple_decide']);
  for (const t of DOCUMENT_TYPES) for (const s of t.steps ?? []) assert.ok(known.has(s), `${t.code}: ${s}`);
});

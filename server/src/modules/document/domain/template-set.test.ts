import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_NUMBER_PATTERN, formatDocumentNumber } from './numbering';
import { fillPrefix, numberingIssues, numberingOf, numberWord } from './template-set';

const CHONGCHUAN = { name: '崇川区城市管理行政执法大队', shortName: '通崇' };
const ZHUHANG = { name: '竹行街道综合执法队', shortName: null };
const DEFAULTS = { numberPrefix: '{{unit.shortName}}城管', numberPattern: DEFAULT_NUMBER_PATTERN, words: {} };

test('fillPrefix: the short name, the fallback without one, the full name, other text kept', () => {
  const cases: [string, { name: string; shortName: string | null }, string][] = [
    ['{{unit.shortName}}城管', CHONGCHUAN, '通崇城管'],
    // Without a short name: the name less 街道综合执法队, as numbering.ts defaultUnitPrefix does.
    ['{{unit.shortName}}城管', ZHUHANG, '竹行城管'],
    ['{{ unit.shortName }}执法', CHONGCHUAN, '通崇执法'],
    ['{{unit.name}}', ZHUHANG, '竹行街道综合执法队'],
    ['南通{{unit.shortName}}', CHONGCHUAN, '南通通崇'],
  ];
  for (const [prefix, unit, want] of cases) assert.equal(fillPrefix(prefix, unit), want, prefix);
});

test('numberWord and numberingOf: the set’s word, the default otherwise, none for a type without 文号', () => {
  const content = { ...DEFAULTS, words: { penalty_decision: '崇罚决字' } };
  assert.equal(numberWord(content, 'penalty_decision'), '崇罚决字');
  assert.equal(numberWord(content, 'payment_demand'), '催告字');
  assert.equal(numberWord(content, 'inquiry_record'), null);
  const n = numberingOf({ ...content, numberPrefix: '{{unit.shortName}}综执' }, CHONGCHUAN, 'penalty_decision');
  assert.equal(formatDocumentNumber({ prefix: n.prefix, word: n.word!, year: 2026, seq: 3 }, n.pattern), '通崇综执崇罚决字〔2026〕第0003号');
});

test('numberingIssues: each problem on its field with its reason', () => {
  const cases: [Partial<typeof DEFAULTS> & { words?: Record<string, string> }, [string, string][]][] = [
    [{}, []],
    [{ numberPattern: '{prefix}〔{year}〕{word}第{seq}号' }, []],
    [{ numberPrefix: '城管' }, [['numberPrefix', 'prefix_no_unit']]],
    [{ numberPrefix: '{{unit.code}}城管' }, [['numberPrefix', 'prefix_unknown_placeholder'], ['numberPrefix', 'prefix_no_unit']]],
    [{ numberPattern: '{prefix}{word}第{seq}号' }, [['numberPattern', 'pattern_missing']]],
    [{ numberPattern: '{prefix}{word}〔{year}〕第{seq}号{seq}' }, [['numberPattern', 'pattern_repeated']]],
    // Without the word a decision and a notice of one team would both read 通崇城管〔2026〕第0001号.
    [{ numberPattern: '{prefix}〔{year}〕第{seq}号' }, [['numberPattern', 'pattern_missing']]],
    [{ numberPattern: '{prefix}{word}〔{yr}〕第{seq}号' }, [['numberPattern', 'pattern_unknown_placeholder'], ['numberPattern', 'pattern_missing']]],
    [{ words: { inquiry_record: '询字' } }, [['words.inquiry_record', 'word_not_numbered']]],
    [{ words: { penalty_decision: '  ' } }, [['words.penalty_decision', 'word_empty']]],
    [{ words: { penalty_decision: '{x}字' } }, [['words.penalty_decision', 'word_placeholder']]],
    [{ words: { penalty_notice: '罚决字' } }, [['words.penalty_decision', 'word_duplicate']]],
  ];
  for (const [patch, want] of cases) {
    const got = numberingIssues({ ...DEFAULTS, ...patch }).map((i) => [i.field, i.reason]);
    assert.deepEqual(got, want, JSON.stringify(patch));
  }
});

test('numberingIssues: a type-level problem names the type', () => {
  const [i] = numberingIssues({ ...DEFAULTS, words: { penalty_notice: '罚决字' } });
  assert.equal(i!.docType, 'penalty_decision');
  assert.deepEqual(i!.params, { type: '行政处罚决定书', word: '罚决字', other: '行政处罚事先告知书' });
});

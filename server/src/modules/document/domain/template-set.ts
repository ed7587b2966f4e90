/**
 * The 文号 part of a bureau's template set: the prefix (with the team filled in), the pattern and the type words, and
 * what makes them unusable. Pure. The template texts themselves are checked by fill.ts (`templateIssues`).
 */
import { DEFAULT_NUMBER_PATTERN, defaultUnitPrefix, documentType, DOCUMENT_TYPES, patternIssue, type DocumentTypeCode } from './numbering';
import type { TemplateSetContent } from './template-types';

/**
 * One problem of a template set, placed on the field it concerns (`numberPattern`, `words.penalty_decision`,
 * `templates.penalty_decision.title` …) and the document type when it belongs to one. `reason` is a stable code the
 * web translates (document.templateIssues.<reason>) with `params`; `message` is English for API readers.
 */
export interface TemplateSetIssue {
  docType: DocumentTypeCode | null;
  field: string;
  reason: string;
  message: string;
  params?: Record<string, string>;
}

/** The placeholders a 文号 prefix may use: the issuing team's names. */
export const PREFIX_PATHS = ['unit.shortName', 'unit.name'] as const;
const PREFIX_PLACEHOLDER = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;
const PATTERN_PLACEHOLDER = /\{([a-z]+)\}/g;

export interface PrefixUnit {
  name: string;
  shortName: string | null;
}

/**
 * The team's prefix: `{{unit.shortName}}` is the short name (or, without one, the name less 街道综合执法队, as
 * numbering.ts `defaultUnitPrefix` does), `{{unit.name}}` the full name.
 */
export function fillPrefix(prefix: string, unit: PrefixUnit): string {
  const short = defaultUnitPrefix(unit).replace(/城管$/, '');
  return prefix.replace(PREFIX_PLACEHOLDER, (whole, path: string) => (path === 'unit.shortName' ? short : path === 'unit.name' ? unit.name : whole));
}

/** The 文号 word of a type under the set: the set's own, else numbering.ts's default; null for a type without 文号. */
export function numberWord(content: Pick<TemplateSetContent, 'words'>, docType: DocumentTypeCode): string | null {
  const t = documentType(docType);
  if (!t?.word) return null;
  return content.words[docType]?.trim() || t.word;
}

/** What a number of the team for the type is made of under the set (formatDocumentNumber's prefix, word, pattern). */
export function numberingOf(content: Pick<TemplateSetContent, 'numberPrefix' | 'numberPattern' | 'words'>, unit: PrefixUnit, docType: DocumentTypeCode) {
  return { prefix: fillPrefix(content.numberPrefix, unit), word: numberWord(content, docType), pattern: content.numberPattern || DEFAULT_NUMBER_PATTERN };
}

const issue = (docType: DocumentTypeCode | null, field: string, reason: string, message: string, params?: Record<string, string>): TemplateSetIssue => ({ docType, field, reason, message, ...(params ? { params } : {}) });

/**
 * Every reason the set's numbering cannot give readable, unique numbers. Sequences run per team, type and year, so a
 * number must show the team (prefix with a unit placeholder), the type (word, distinct per type), the year and the
 * sequence; otherwise two different documents would print the same 文号.
 */
export function numberingIssues(content: Pick<TemplateSetContent, 'numberPrefix' | 'numberPattern' | 'words'>): TemplateSetIssue[] {
  const out: TemplateSetIssue[] = [];
  // Prefix.
  let namesUnit = false;
  for (const m of content.numberPrefix.matchAll(PREFIX_PLACEHOLDER)) {
    if ((PREFIX_PATHS as readonly string[]).includes(m[1]!)) namesUnit = true;
    else out.push(issue(null, 'numberPrefix', 'prefix_unknown_placeholder', `unknown placeholder {{${m[1]}}} (allowed: ${PREFIX_PATHS.map((p) => `{{${p}}}`).join(', ')})`, { name: m[1]! }));
  }
  if (!namesUnit) out.push(issue(null, 'numberPrefix', 'prefix_no_unit', 'the prefix must name the team ({{unit.shortName}} or {{unit.name}}): each team numbers on its own'));
  // Pattern.
  const count = new Map<string, number>();
  const before = out.length;
  for (const m of content.numberPattern.matchAll(PATTERN_PLACEHOLDER)) {
    const name = m[1]!;
    if (!['prefix', 'word', 'year', 'seq'].includes(name)) out.push(issue(null, 'numberPattern', 'pattern_unknown_placeholder', `unknown placeholder {${name}} (allowed: {prefix} {word} {year} {seq})`, { name: `{${name}}` }));
    count.set(name, (count.get(name) ?? 0) + 1);
  }
  for (const name of ['prefix', 'word', 'year', 'seq']) {
    const n = count.get(name) ?? 0;
    if (n === 0) out.push(issue(null, 'numberPattern', 'pattern_missing', `{${name}} must appear in the pattern`, { name: `{${name}}` }));
    else if (n > 1) out.push(issue(null, 'numberPattern', 'pattern_repeated', `{${name}} must appear only once`, { name: `{${name}}` }));
  }
  // numbering.ts is the formatter's own check: whatever it refuses must be refused here too.
  const own = patternIssue(content.numberPattern);
  if (own && out.length === before) out.push(issue(null, 'numberPattern', 'pattern_invalid', own));
  // Words.
  const byWord = new Map<string, DocumentTypeCode>();
  for (const t of DOCUMENT_TYPES) {
    const given = content.words[t.code];
    if (given === undefined) continue;
    const field = `words.${t.code}`;
    if (!t.word) {
      out.push(issue(t.code, field, 'word_not_numbered', `${t.name} carries no 文号`, { type: t.name }));
      continue;
    }
    if (!given.trim()) out.push(issue(t.code, field, 'word_empty', `the 文号 word of ${t.name} is empty`, { type: t.name }));
    else if (/[{}]/.test(given)) out.push(issue(t.code, field, 'word_placeholder', `the 文号 word of ${t.name} cannot hold placeholders`, { type: t.name }));
  }
  for (const t of DOCUMENT_TYPES) {
    const w = t.word ? numberWord(content, t.code) : null;
    if (!w) continue;
    const other = byWord.get(w);
    if (other) out.push(issue(t.code, `words.${t.code}`, 'word_duplicate', `${t.name} uses the word ${w} of ${documentType(other)!.name}: their numbers would read alike`, { type: t.name, word: w, other: documentType(other)!.name }));
    else byWord.set(w, t.code);
  }
  return out;
}

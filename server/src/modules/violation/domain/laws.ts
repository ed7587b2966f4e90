import crypto from 'node:crypto';
import type { ViolationItemData } from './item';

/**
 * The statutes a catalogue item may cite out of the box: those whose official text the project holds
 * (../shared/domain/laws, file name = short title and version date), with the title as the text states it.
 * The item form offers these and every law already cited by a stored item (a bureau's import may add others).
 */
export const CATALOGUE_LAWS: readonly { law: string; version: string }[] = [
  { law: '城市市容和环境卫生管理条例', version: '2017-03-01' },
  { law: '中华人民共和国城乡规划法', version: '2019-04-23' },
  { law: '中华人民共和国大气污染防治法', version: '2018-10-26' },
  { law: '中华人民共和国噪声污染防治法', version: '2021-12-24' },
  { law: '中华人民共和国固体废物污染环境防治法', version: '2020-04-29' },
];

/** The shipped laws and the cited ones, each (law, version) once, by law then version. */
export function knownLaws(cited: Iterable<{ law: string; version: string }>): { law: string; version: string }[] {
  const seen = new Map<string, { law: string; version: string }>();
  for (const l of [...CATALOGUE_LAWS, ...cited]) if (l.law.trim()) seen.set(`${l.law}\u0000${l.version}`, { law: l.law, version: l.version });
  return [...seen.values()].sort((a, b) => a.law.localeCompare(b.law, 'zh-CN') || a.version.localeCompare(b.version));
}

/** JSON with object keys sorted, so that equal values give equal text whatever order jsonb returns the keys in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The revision of an item: a digest of its content. An editor sends back the revision it loaded; if the stored item
 * has another one, someone changed it meanwhile (optimistic concurrency without a counter column: two edits that
 * leave the item identical are not a lost update).
 */
export function itemRevision(item: ViolationItemData): string {
  return crypto.createHash('sha256').update(canonical(item)).digest('hex').slice(0, 20);
}

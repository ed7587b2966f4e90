import fs from 'node:fs';
import path from 'node:path';
import zhCN from '../../../web/src/shared/i18n/zh-CN';
import en from '../../../web/src/shared/i18n/en';

/**
 * Shared by the tests that keep server codes and the web's words in step (error codes, field-issue codes, audit
 * actions): the server's source files, and which codes lack a zh-CN or English text. Used by tests only.
 */
export const SERVER_SRC = path.resolve(import.meta.dirname, '..');

/** The server's TypeScript files below `dir`, tests excluded. */
export function serverSourceFiles(dir: string = SERVER_SRC): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...serverSourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** The value at a dotted key of a resource tree (undefined when absent). */
export function resourceAt(resources: unknown, key: string): unknown {
  let node: unknown = resources;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export const WEB_RESOURCES = [
  ['zh-CN', zhCN],
  ['en', en],
] as const;

/** `<lang> <prefix>.<code> (<where>)` for every code without a non-empty text in either language. */
export function untranslated(prefix: string, codes: ReadonlyMap<string, string> | Iterable<string>): string[] {
  const entries: [string, string][] = codes instanceof Map ? [...codes] : [...(codes as Iterable<string>)].map((c) => [c, '']);
  const missing: string[] = [];
  for (const [code, where] of entries) {
    for (const [lang, res] of WEB_RESOURCES) {
      const text = resourceAt(res, `${prefix}.${code}`);
      if (typeof text !== 'string' || text.trim() === '') missing.push(`${lang} ${prefix}.${code}${where ? ` (${where})` : ''}`);
    }
  }
  return missing;
}

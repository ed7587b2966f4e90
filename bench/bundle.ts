/**
 * Initial JavaScript of the web shell, gzip level 9: the scripts and modulepreloads of web/dist/index.html plus
 * every chunk they import statically (transitively); dynamic import() chunks are lazy and not counted.
 * Goal ≤ 400 KB (1 KB = 1000 bytes) gzip. Run alone, it also measures the bytes Chromium receives (bench/wire.ts).
 *
 *   npm run build:web && node --import tsx bench/bundle.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { emitSection, fmt, isMain, mdTable, passFail, repoRoot } from './lib';
import { measureWire } from './wire';

const GOAL_BYTES = 400_000;
const distDir = path.join(repoRoot, 'web', 'dist');

/** `<script type="module" src>` and `<link rel="modulepreload" href>` of index.html, as dist-relative paths. */
export function entryScripts(html: string): string[] {
  const out: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    if (/^<script/i.test(tag) && attr('type') === 'module' && attr('src')) out.push(attr('src') ?? '');
    if (/^<link/i.test(tag) && attr('rel') === 'modulepreload' && attr('href')) out.push(attr('href') ?? '');
  }
  return out.filter((s) => !/^[a-z]+:\/\//i.test(s)).map((s) => s.replace(/^\//, '').split(/[?#]/)[0] ?? s);
}

/**
 * Specifiers of static imports/re-exports in (minified) ESM: `import{a}from"./x.js"`, `import"./x.js"`,
 * `export*from"./x.js"`. `import("./x.js")` (dynamic) is excluded: after `import` comes `(`.
 */
export function staticImports(code: string): string[] {
  const re = /(?<![\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.m?js)["']/g;
  const out: string[] = [];
  for (const m of code.matchAll(re)) if (m[1]) out.push(m[1]);
  return out;
}

export interface BundleResult {
  files: Array<{ file: string; raw: number; gzip: number; via: string }>;
  totalGzip: number;
  totalRaw: number;
  lazyCount: number;
  lazyGzip: number;
  markdown: string;
  pass: boolean | null;
}

export function measureBundle(dir = distDir): BundleResult {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) {
    const markdown = ['### Web shell initial JavaScript (`bench/bundle.ts`)', '', `**SKIPPED**: \`${path.relative(repoRoot, index)}\` does not exist; run \`npm run build:web\` first (bench/run.sh does).`].join('\n');
    return { files: [], totalGzip: 0, totalRaw: 0, lazyCount: 0, lazyGzip: 0, markdown, pass: null };
  }
  const seen = new Map<string, string>();
  const queue: Array<[string, string]> = entryScripts(fs.readFileSync(index, 'utf8')).map((f) => [f, 'index.html']);
  const unresolved: string[] = [];
  while (queue.length) {
    const [rel, via] = queue.shift() ?? ['', ''];
    const norm = path.posix.normalize(rel);
    if (seen.has(norm)) continue;
    const abs = path.join(dir, norm);
    if (!fs.existsSync(abs)) {
      unresolved.push(`${norm} (from ${via})`);
      continue;
    }
    seen.set(norm, via);
    for (const spec of staticImports(fs.readFileSync(abs, 'utf8'))) {
      if (spec.startsWith('./') || spec.startsWith('../')) queue.push([path.posix.join(path.posix.dirname(norm), spec), norm]);
      else if (spec.startsWith('/')) queue.push([spec.slice(1), norm]);
      // A bare specifier cannot be loaded by the browser from built output: a match inside a string literal.
    }
  }
  const gz = (buf: Buffer) => zlib.gzipSync(buf, { level: 9 }).length;
  const files = [...seen].map(([file, via]) => {
    const buf = fs.readFileSync(path.join(dir, file));
    return { file, raw: buf.length, gzip: gz(buf), via };
  });
  files.sort((a, b) => b.gzip - a.gzip);
  const totalGzip = files.reduce((s, f) => s + f.gzip, 0);
  const totalRaw = files.reduce((s, f) => s + f.raw, 0);

  const allJs: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) allJs.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  const lazy = allJs.filter((f) => !seen.has(f));
  const lazyGzip = lazy.reduce((s, f) => s + gz(fs.readFileSync(path.join(dir, f))), 0);

  const pass = totalGzip <= GOAL_BYTES && unresolved.length === 0;
  const kb = (n: number) => `${fmt(n / 1000, 1)} KB`;
  const markdown = [
    '### Web shell initial JavaScript (`bench/bundle.ts`)',
    '',
    '`web/dist` from `npm run build:web`; initial = `<script type="module">` + `<link rel="modulepreload">` of ' +
      '`index.html` and their static imports, transitively (not `import()`); gzip level 9 (node:zlib); 1 KB = 1000 bytes.',
    '',
    mdTable(
      ['file', 'raw', 'gzip', 'reached from'],
      [...files.map((f) => [`\`${f.file}\``, kb(f.raw), kb(f.gzip), `\`${f.via}\``]), ['**total initial JS**', `**${kb(totalRaw)}**`, `**${kb(totalGzip)}**`, '']],
    ),
    '',
    `Goal ≤ ${kb(GOAL_BYTES)} gzip: ${passFail(pass)} (${kb(totalGzip)}, ${fmt((100 * totalGzip) / GOAL_BYTES)}% of the budget). ` +
      `Lazy (route-split) chunks not counted: ${lazy.length} files, ${kb(lazyGzip)} gzip.` +
      (unresolved.length ? ` ⚠ unresolved imports: ${unresolved.join(', ')}.` : ''),
  ].join('\n');
  return { files, totalGzip, totalRaw, lazyCount: lazy.length, lazyGzip, markdown, pass };
}

if (isMain(import.meta.url)) {
  // Then what a browser actually receives: bench/wire.ts (Chromium, precompressed files, cache).
  const bundle = measureBundle();
  measureWire()
    .then((wire) => emitSection('bundle', `${bundle.markdown}\n\n${wire.markdown}`))
    .catch((err: unknown) => {
      emitSection('bundle', `${bundle.markdown}\n\nBytes on the wire (\`bench/wire.ts\`): **FAILED**: ${String(err).slice(0, 300)}`);
      process.exitCode = 1;
    });
}

#!/usr/bin/env node
// After `vite build`: writes brotli (.br) and gzip (.gz) copies of the web app's text assets next to them, so the
// server sends them precompressed (@fastify/static preCompressed) instead of 1 MB of plain JavaScript.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '..', 'web', 'dist');
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.webmanifest']);
let files = 0;
let raw = 0;
let br = 0;
function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (TEXT.has(path.extname(e.name)) && fs.statSync(p).size >= 1024) {
      const data = fs.readFileSync(p);
      const b = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
      fs.writeFileSync(`${p}.br`, b);
      fs.writeFileSync(`${p}.gz`, zlib.gzipSync(data, { level: 9 }));
      files += 1;
      raw += data.length;
      br += b.length;
    }
  }
}
if (!fs.existsSync(dist)) {
  console.error(`compress-web: ${dist} does not exist (run vite build first)`);
  process.exit(1);
}
walk(dist);
console.log(`compress-web: ${files} files, ${(raw / 1024).toFixed(0)} KiB → ${(br / 1024).toFixed(0)} KiB brotli`);

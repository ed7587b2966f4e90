import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from './errors';
import { checkXlsx, IMPORT_LIMITS, inflateEntries, listZipEntries, measureSheet, sheetNames, type ImportLimits } from './xlsx-zip';
import { small, zipOf } from '../../test/zip-fixtures';

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof AppError, `not an AppError: ${String(e)}`);
    return `${e.code}${(e.details as { limit?: string }).limit ? `:${(e.details as { limit: string }).limit}` : ''}`;
  }
  return 'ok';
};

async function realXlsx(rows = 3): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  for (let i = 0; i < rows; i++) ws.addRow([`name ${i}`, i]);
  wb.addWorksheet('说明').addRow(['a', 'b']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('xlsx-zip: the guard in front of the spreadsheet parser', () => {
  test('a workbook written by exceljs passes, with its parts listed', async () => {
    const buf = await realXlsx();
    const entries = listZipEntries(buf);
    assert.ok(entries.some((e) => e.name === 'xl/workbook.xml'));
    assert.equal(codeOf(() => checkXlsx(buf)), 'ok');
  });

  test('declared sizes: part count, one part, the total, the compression ratio', () => {
    const part = (name: string, declaredSize: number, deflated = deflateRawSync('x')) => ({ name, deflated, declaredSize });
    const lim: ImportLimits = { ...IMPORT_LIMITS, entries: 3, entryBytes: 1000, totalBytes: 1500, ratio: 10, ratioFloorBytes: 100 };
    const cases: [string, Buffer, string][] = [
      ['within every limit', zipOf([part('a', 50), part('b', 50)]), 'ok'],
      ['too many parts', zipOf([part('a', 1), part('b', 1), part('c', 1), part('d', 1)]), 'import.too_large:entries'],
      ['one part too large', zipOf([part('a', 1001, Buffer.alloc(200))]), 'import.too_large:entry_size'],
      ['total too large', zipOf([part('a', 900, Buffer.alloc(100)), part('b', 900, Buffer.alloc(100))]), 'import.too_large:total_size'],
      ['ratio above the floor', zipOf([part('a', 500, Buffer.alloc(10))]), 'import.too_large:ratio'],
      ['ratio below the floor is fine', zipOf([part('a', 90, Buffer.alloc(1))]), 'ok'],
    ];
    for (const [name, buf, want] of cases) assert.equal(codeOf(() => listZipEntries(buf, lim)), want, name);
  });

  test('real sizes: a part that inflates past its declared size is stopped at the cap', () => {
    const text = 'A'.repeat(5000);
    const lying = zipOf([{ name: 'xl/worksheets/sheet1.xml', deflated: deflateRawSync(text), declaredSize: 10 }]);
    const lim: ImportLimits = { ...IMPORT_LIMITS, entryBytes: 4000, totalBytes: 4500, ratioFloorBytes: 1_000_000 };
    const entries = listZipEntries(lying, lim);
    assert.equal(codeOf(() => inflateEntries(lying, entries, () => true, lim)), 'import.too_large:entry_size');
    const two = zipOf([small('a', 'B'.repeat(3000)), { name: 'b', deflated: deflateRawSync('C'.repeat(3000)), declaredSize: 1 }]);
    assert.equal(codeOf(() => inflateEntries(two, listZipEntries(two, lim), () => false, lim)), 'import.too_large:total_size');
    const fine = zipOf([small('a', 'hello')]);
    assert.equal(inflateEntries(fine, listZipEntries(fine), () => true).get('a')?.toString(), 'hello');
  });

  test('rows, last row number and cells per worksheet', () => {
    const sheet = (rows: string) => `<worksheet><sheetData>${rows}</sheetData></worksheet>`;
    const wb = (xml: string) =>
      zipOf([
        small('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="人员 &amp; 装备" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        small('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/></Relationships>'),
        small('xl/worksheets/sheet1.xml', xml),
      ]);
    const lim: ImportLimits = { ...IMPORT_LIMITS, rows: 3, cells: 5 };
    const row = (r: number, cells = 1) => `<row r="${r}">${'<c r="A1"><v>1</v></c>'.repeat(cells)}</row>`;
    assert.deepEqual(measureSheet(sheet(row(1) + row(2, 2) + '<row><c/></row>')), { rows: 3, lastRow: 3, cells: 4 });
    assert.equal(codeOf(() => checkXlsx(wb(sheet(row(1) + row(2) + row(3) + row(4))), lim)), 'ok');
    assert.equal(codeOf(() => checkXlsx(wb(sheet(row(1) + row(2) + row(3) + row(4) + row(5))), lim)), 'import.too_large:rows');
    // A single row far down counts as far as its number: readers walk every row up to it.
    assert.equal(codeOf(() => checkXlsx(wb(sheet(row(1_048_576))), lim)), 'import.too_large:rows');
    assert.equal(codeOf(() => checkXlsx(wb(sheet(row(1, 6))), lim)), 'import.too_large:cells');
    try {
      checkXlsx(wb(sheet(row(1) + row(9))), lim);
      assert.fail('expected a refusal');
    } catch (e) {
      assert.deepEqual((e as AppError).details, { limit: 'rows', max: 3, actual: 8, sheet: '人员 & 装备' });
    }
    assert.deepEqual([...sheetNames('<workbook><sheets><x:sheet name="A" r:id="r1"/></sheets></workbook>', '<Relationship Target="/xl/worksheets/s.xml" Id="r1"/>')], [['xl/worksheets/s.xml', 'A']]);
  });

  test('not a plain zip: import.not_xlsx, whatever the damage (never a RangeError or a library message)', async () => {
    const good = await realXlsx();
    const fixed: [string, Buffer][] = [
      ['empty', Buffer.alloc(0)],
      ['text', Buffer.from('name,idNumber\nA,1\n')],
      ['local header only', Buffer.from('PK\u0003\u0004 and nothing else, long enough to search')],
      ['data prepended', Buffer.concat([Buffer.from('junk'), good])],
      ['end record only', Buffer.from('504b0506000000000100010000000000000000000000', 'hex')],
    ];
    for (const [name, buf] of fixed) assert.equal(codeOf(() => checkXlsx(buf)), 'import.not_xlsx', name);
    // Truncations and byte flips anywhere: only our two codes (or a pass, when a flip hits file contents).
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 400; i++) {
      const b = Buffer.from(good);
      const at = rand(b.length);
      if (i % 2) b[at] = b[at]! ^ (1 << rand(8));
      const buf = i % 4 === 0 ? b.subarray(0, rand(b.length)) : b;
      const c = codeOf(() => checkXlsx(buf));
      assert.ok(['ok', 'import.not_xlsx'].includes(c) || c.startsWith('import.too_large'), `case ${i}: ${c}`);
    }
  });
});

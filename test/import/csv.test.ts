import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import iconv from 'iconv-lite';

import { csvLine, CsvSyntaxError, parseCsv } from '../../src/services/import/csv.ts';
import { decodeText } from '../../src/services/import/decode-text.ts';

describe('CSV parsing', () => {
  test('quoted fields hold commas, quotes and line breaks; CRLF and LF end records', () => {
    const records = parseCsv('id,name\r\n1,"Plaza, ""East"""\r\n2,"two\r\nlines"\n\n3,plain\n');
    assert.deepEqual(records, [
      { line: 1, fields: ['id', 'name'] },
      { line: 2, fields: ['1', 'Plaza, "East"'] },
      { line: 3, fields: ['2', 'two\r\nlines'] },
      { line: 6, fields: ['3', 'plain'] },
    ]);
  });

  test('the last record needs no line break; empty fields are kept', () => {
    assert.deepEqual(parseCsv('a,,c'), [{ line: 1, fields: ['a', '', 'c'] }]);
    assert.deepEqual(parseCsv('""'), [{ line: 1, fields: [''] }]);
  });

  test('an unclosed quote or text after a closing quote names the line', () => {
    assert.throws(() => parseCsv('a\n"open,b\n'), (error: unknown) =>
      error instanceof CsvSyntaxError && error.line === 2 && /not closed/.test(error.message));
    assert.throws(() => parseCsv('a\nb\n"x"y\n'),
      (error: unknown) => error instanceof CsvSyntaxError && error.line === 3);
  });

  test('writing quotes what needs it and defuses spreadsheet formulas', () => {
    assert.equal(csvLine(['a,b', 'say "hi"', 'x\ny', 3, null, true]),
      '"a,b","say ""hi""","x\ny",3,,true');
    assert.equal(csvLine(['=HYPERLINK("x")', '-1', '@A1']), `"'=HYPERLINK(""x"")",'-1,'@A1`);
  });
});

describe('decoding', () => {
  test('UTF-8 with and without BOM', () => {
    const plain = Buffer.from('名称,玄武区', 'utf8');
    assert.deepEqual(decodeText(plain), { text: '名称,玄武区', encoding: 'utf-8' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    assert.deepEqual(decodeText(bom), { text: '名称,玄武区', encoding: 'utf-8-bom' });
  });

  test('bytes that are not UTF-8 are read as GB18030', () => {
    const bytes = iconv.encode('南京市玄武区档案馆,𠀀', 'gb18030');
    assert.deepEqual(decodeText(bytes), { text: '南京市玄武区档案馆,𠀀', encoding: 'gb18030' });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cell, CsvError, parseCsv, parseCsvRows } from '../../lib/ingest/adapters/csv';

describe('parseCsvRows (RFC 4180)', () => {
  it('splits plain fields and records', () => {
    expect(parseCsvRows('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'x,y\n"1, Main St","say ""hi"""\n"two\r\nlines",""\n';
    expect(parseCsvRows(text)).toEqual([
      ['x', 'y'],
      ['1, Main St', 'say "hi"'],
      ['two\r\nlines', ''],
    ]);
  });

  it('accepts CRLF, LF and lone CR line ends, with or without a final line break', () => {
    const expected = [['a', 'b'], ['1', '2'], ['3', '4']];
    expect(parseCsvRows('a,b\r\n1,2\r\n3,4\r\n')).toEqual(expected);
    expect(parseCsvRows('a,b\n1,2\n3,4')).toEqual(expected);
    expect(parseCsvRows('a,b\r1,2\r3,4\r')).toEqual(expected);
  });

  it('strips a UTF-8 BOM so the first header name is clean', () => {
    expect(parseCsvRows('\uFEFFType,ID\nx,1')[0]).toEqual(['Type', 'ID']);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsvRows('a,,c,\n')).toEqual([['a', '', 'c', '']]);
    expect(parseCsvRows(',')).toEqual([['', '']]);
  });

  it('has no records for empty text', () => {
    expect(parseCsvRows('')).toEqual([]);
    expect(parseCsvRows('\uFEFF')).toEqual([]);
  });

  it('keeps a literal quote inside an unquoted field, as real exports write it', () => {
    expect(parseCsvRows('5" pipe,x')).toEqual([['5" pipe', 'x']]);
  });

  it('rejects an unterminated quoted field and text after a closing quote, naming the record', () => {
    expect(() => parseCsvRows('a\n"open')).toThrow(CsvError);
    expect(() => parseCsvRows('a\n"open')).toThrow(/record 2: unterminated/);
    expect(() => parseCsvRows('"a"b,c')).toThrow(/record 1: unexpected text after a closing quote/);
  });
});

describe('parseCsv (records by header)', () => {
  it('keys each record by the exact header names, double spaces included', () => {
    const records = parseCsv('Neighborhood  District,Location\nMission,"(37.7, -122.4)"\n');
    expect(records).toEqual([{ 'Neighborhood  District': 'Mission', Location: '(37.7, -122.4)' }]);
  });

  it('skips blank lines between records', () => {
    expect(parseCsv('a,b\n1,2\n\n3,4\n\n')).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
  });

  it('keeps an empty line as an empty value in a one-column file', () => {
    expect(parseCsv('a\n1\n\n2')).toEqual([{ a: '1' }, { a: '' }, { a: '2' }]);
  });

  it('rejects a record whose field count differs from the header', () => {
    expect(() => parseCsv('a,b\n1,2\n1,2,3\n')).toThrow(/record 3: 3 fields, header has 2/);
    expect(() => parseCsv('a,b\n1\n')).toThrow(/record 2: 1 fields, header has 2/);
  });

  it('rejects duplicate header names instead of letting one overwrite the other', () => {
    expect(() => parseCsv('a,a\n1,2')).toThrow(/duplicate column "a"/);
  });

  it('does not let a "__proto__" column touch the prototype', () => {
    const [record] = parseCsv('__proto__,b\nx,y');
    expect(record && Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(record && cell(record, '__proto__')).toBe('x');
  });

  it('cell() throws for a missing column, including inherited names', () => {
    const [record] = parseCsv('a\n1');
    expect(() => record && cell(record, 'b')).toThrow(/no column "b"/);
    expect(() => record && cell(record, 'toString')).toThrow(/no column "toString"/);
  });

  it('parses the 7,704-row SF Fire CAD file quickly', () => {
    const text = readFileSync(
      new URL('../../prisma/seed/data/sf-fire-cad-2016-12-31-week.csv', import.meta.url),
      'utf8',
    );
    const start = performance.now();
    const records = parseCsv(text);
    const ms = performance.now() - start;
    expect(records).toHaveLength(7704);
    expect(Object.keys(records[0] ?? {})).toHaveLength(34);
    // ~120 ms on the 2-core CI machines; the bound only catches an accidental quadratic.
    expect(ms).toBeLessThan(3000);
  });
});

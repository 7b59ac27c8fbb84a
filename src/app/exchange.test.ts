import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvLine, parseCsv } from './exchange.js';

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, embedded line breaks, CRLF and a BOM', () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\nplain,,last\n';
    expect(parseCsv(text)).toEqual({
      rows: [
        ['a', 'b', 'c'],
        ['x, y', 'say "hi"', 'two\nlines'],
        ['plain', '', 'last'],
      ],
      error: null,
    });
  });

  it('reports an unclosed quote and text after a closing quote', () => {
    expect(parseCsv('a\n"open').error).toEqual({ path: 'line 2', message: 'a quoted field is not closed' });
    expect(parseCsv('"a"b').error?.message).toBe('text after a closing quote');
  });

  it('writes what it reads back (formula-like text aside)', () => {
    const cellArb = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', 'é', 'x') }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(cellArb, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0]?.length ?? 0;
        const table = rows.map((r) => [...r, ...new Array<string>(width).fill('')].slice(0, width));
        const text = table.map((r) => csvLine(r)).join('\r\n') + '\r\n';
        expect(parseCsv(text).rows).toEqual(table);
      }),
    );
  });

  it('defuses cells that a spreadsheet would run as formulas', () => {
    expect(csvLine(['=HYPERLINK("x")', '+1', 'ok', 3, null, true])).toBe(`"'=HYPERLINK(""x"")",'+1,ok,3,,true`);
  });
});

import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, with CRLF rows and a BOM for Excel', () => {
    const csv = toCsv(
      ['name', 'note'],
      [
        ['Basra, Teaching', 'said "ok"\nthen left'],
        [1.5, null],
      ],
    );
    expect(csv).toBe('\uFEFFname,note\r\n"Basra, Teaching","said ""ok""\nthen left"\r\n1.5,\r\n');
  });

  it('keeps Arabic as it is and defuses spreadsheet formulas', () => {
    expect(toCsv(['h'], [['مستشفى البصرة'], ['=HYPERLINK("x")'], [-3]])).toBe(
      '\uFEFFh\r\nمستشفى البصرة\r\n"\'=HYPERLINK(""x"")"\r\n-3\r\n',
    );
  });
});

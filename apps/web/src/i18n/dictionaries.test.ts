import { describe, expect, it } from 'vitest';
import { ar } from './ar';
import { ckb } from './ckb';
import { en } from './en';
import { directionOf } from './index';
import { formatNumber } from './format';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'string' ? [`${prefix}${key}`] : keys(child as object, `${prefix}${key}.`),
  );
}

describe('languages', () => {
  it('has every English key in Arabic and Kurdish, with the same placeholders', () => {
    const english = keys(en);
    for (const dictionary of [ar, ckb]) {
      expect(keys(dictionary).sort()).toEqual([...english].sort());
      for (const key of english) {
        const get = (d: object) => key.split('.').reduce((o: any, k) => o[k], d) as string; // eslint-disable-line @typescript-eslint/no-explicit-any
        const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
        expect(placeholders(get(dictionary))).toEqual(placeholders(get(en)));
      }
    }
  });

  it('writes Arabic and Central Kurdish right to left, English left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ckb')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });

  it('formats numbers with the locale’s digits', () => {
    expect(formatNumber('en', 12345)).toBe('12,345');
    expect(formatNumber('ar', 12345)).toBe('١٢٬٣٤٥');
  });
});

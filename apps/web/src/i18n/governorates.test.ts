import { describe, expect, it } from 'vitest';
import iraq from '../map/iraq-governorates.geo.json';
import { GOVERNORATES } from '../map/governorates';
import { governorateName, governoratesByName } from './governorates';

// Arabic and Kurdish letters (with the Arabic-script presentation forms), spaces: no Latin.
const ARABIC_SCRIPT = /^[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF ]+$/;

describe('governorate names in the reader’s language', () => {
  it('names each of the 19 governorates in Arabic and Kurdish, in the Arabic script', () => {
    expect(GOVERNORATES).toHaveLength(19);
    for (const language of ['ar', 'ckb'] as const) {
      for (const key of GOVERNORATES) {
        const name = governorateName(key, language);
        expect({ key, name }).toEqual({ key, name: expect.stringMatching(ARABIC_SCRIPT) });
      }
      // no two governorates under one name
      expect(new Set(GOVERNORATES.map((key) => governorateName(key, language))).size).toBe(19);
    }
  });

  it('writes the names as readers in Iraq do', () => {
    expect(governorateName('Dhi Qar', 'ar')).toBe('ذي قار');
    expect(governorateName('Saladin', 'ar')).toBe('صلاح الدين');
    expect(governorateName('Erbil', 'ar')).toBe('أربيل');
    expect(governorateName('Erbil', 'ckb')).toBe('هەولێر');
    expect(governorateName('Sulaymaniyah', 'ckb')).toBe('سلێمانی');
    expect(governorateName('Duhok', 'ckb')).toBe('دهۆک');
    expect(governorateName('Basra', 'en')).toBe('Basra');
  });

  it('agrees with the Arabic names the map carries', () => {
    for (const { properties } of iraq.features) {
      // Sulaymaniyah's polygon also holds Halabja; the map names it after Sulaymaniyah
      expect(governorateName(properties.governorates[0], 'ar')).toBe(properties.nameAr);
    }
  });

  it('shows a name it does not know as it came', () => {
    expect(governorateName('Atlantis', 'ar')).toBe('Atlantis');
    expect(governorateName('constructor', 'ckb')).toBe('constructor');
  });

  it('lists the governorates in the alphabetical order of the language', () => {
    expect(governoratesByName('en').slice(0, 3)).toEqual(['Anbar', 'Babil', 'Baghdad']);
    const arabic = governoratesByName('ar');
    expect([...arabic].sort()).toEqual([...GOVERNORATES].sort());
    expect(arabic[0]).toBe('Erbil'); // أربيل: alef with hamza comes first
  });
});

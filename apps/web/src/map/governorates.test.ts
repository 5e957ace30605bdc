import { describe, expect, it } from 'vitest';
import iraq from './iraq-governorates.geo.json';
import { GOVERNORATE_POLYGONS, governoratesOfPolygon } from './governorates';

// The platform's governorates, as apps/api/src/network/governorates.ts accepts them (copied,
// not imported: the table under test must not be its own oracle).
const PLATFORM_GOVERNORATES = [
  'Baghdad',
  'Basra',
  'Nineveh',
  'Kirkuk',
  'Anbar',
  'Babil',
  'Karbala',
  'Najaf',
  'Diyala',
  'Saladin',
  'Wasit',
  'Maysan',
  'Dhi Qar',
  'Muthanna',
  'Qadisiyyah',
  'Erbil',
  'Sulaymaniyah',
  'Duhok',
  'Halabja',
];

const codesInMap = new Set(iraq.features.map((feature) => feature.properties.code));

describe('the governorate → polygon table', () => {
  it('maps each of the 19 governorates, and nothing else', () => {
    expect(Object.keys(GOVERNORATE_POLYGONS).sort()).toEqual([...PLATFORM_GOVERNORATES].sort());
  });

  it('points every governorate at a polygon that the committed map has', () => {
    for (const name of PLATFORM_GOVERNORATES) {
      expect(codesInMap).toContain(GOVERNORATE_POLYGONS[name as keyof typeof GOVERNORATE_POLYGONS]);
    }
  });

  it('uses each of the 18 Natural Earth polygons once, Sulaymaniyah’s twice (with Halabja)', () => {
    expect(codesInMap.size).toBe(18);
    expect(GOVERNORATE_POLYGONS.Kirkuk).toBe('IQ-TS');
    expect(governoratesOfPolygon('IQ-SU')).toEqual(['Sulaymaniyah', 'Halabja']);
    for (const code of codesInMap) {
      if (code !== 'IQ-SU') expect(governoratesOfPolygon(code)).toHaveLength(1);
    }
  });

  it('ships a small map with the governorates and their Arabic names', () => {
    expect(JSON.stringify(iraq).length).toBeLessThan(120_000);
    const sulaymaniyah = iraq.features.find((f) => f.properties.code === 'IQ-SU');
    expect(sulaymaniyah?.properties.governorates).toEqual(['Sulaymaniyah', 'Halabja']);
    expect(sulaymaniyah?.properties.nameAr).toBe('السليمانية');
  });
});

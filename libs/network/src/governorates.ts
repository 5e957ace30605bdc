/**
 * The first-level administrative regions facilities are filed under, per country. Configuration
 * data, not code: serving another country means adding its list here. A facility's governorate
 * must be one of these names, spelled exactly so, which keeps typos out of the per-governorate
 * supply picture.
 */
export const GOVERNORATES_BY_COUNTRY = {
  /** Iraq: the 15 federal governorates and the 4 of the Kurdistan Region. */
  IQ: [
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
  ],
} as const satisfies Record<string, readonly string[]>;

/** Every governorate name accepted on a facility, across the configured countries. */
export const GOVERNORATES: readonly string[] = Object.values(GOVERNORATES_BY_COUNTRY).flat();

const KNOWN = new Set<string>(GOVERNORATES);

export function isKnownGovernorate(name: unknown): name is string {
  return typeof name === 'string' && KNOWN.has(name);
}

/** What a planning run or a plan list may be asked for: the whole country, or a governorate. */
export const PLANNING_REGIONS: readonly string[] = ['national', ...GOVERNORATES];

/**
 * The platform's 19 governorates (as facilities name them) and the Natural Earth admin-1
 * polygon each is drawn with. Natural Earth has 18 for Iraq: Kirkuk is `IQ-TS` there (the old
 * "At-Ta'mim"), and Halabja, a governorate since 2014, is still inside Sulaymaniyah's polygon,
 * so the map draws `IQ-SU` as "Sulaymaniyah + Halabja" and colours it by the two together.
 */
export const GOVERNORATE_POLYGONS = {
  Baghdad: 'IQ-BG',
  Basra: 'IQ-BA',
  Nineveh: 'IQ-NI',
  Kirkuk: 'IQ-TS',
  Anbar: 'IQ-AN',
  Babil: 'IQ-BB',
  Karbala: 'IQ-KA',
  Najaf: 'IQ-NA',
  Diyala: 'IQ-DI',
  Saladin: 'IQ-SD',
  Wasit: 'IQ-WA',
  Maysan: 'IQ-MA',
  'Dhi Qar': 'IQ-DQ',
  Muthanna: 'IQ-MU',
  Qadisiyyah: 'IQ-QA',
  Erbil: 'IQ-AR',
  Sulaymaniyah: 'IQ-SU',
  Duhok: 'IQ-DA',
  Halabja: 'IQ-SU',
} as const satisfies Record<string, string>;

export type Governorate = keyof typeof GOVERNORATE_POLYGONS;
export type PolygonCode = (typeof GOVERNORATE_POLYGONS)[Governorate];

export const GOVERNORATES = Object.keys(GOVERNORATE_POLYGONS) as Governorate[];

/** The governorates drawn as one polygon (Sulaymaniyah and Halabja share `IQ-SU`). */
export function governoratesOfPolygon(code: string): Governorate[] {
  return GOVERNORATES.filter((name) => GOVERNORATE_POLYGONS[name] === code);
}

export function isGovernorate(name: string): name is Governorate {
  return Object.prototype.hasOwnProperty.call(GOVERNORATE_POLYGONS, name);
}

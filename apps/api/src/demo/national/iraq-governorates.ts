/**
 * Iraq's 19 governorates with their capitals' coordinates and an approximate population share
 * (millions, rounded; used only to spread hospitals and plants the way the country is).
 */
export interface GovernorateSeat {
  governorate: string;
  capital: string;
  latitude: number;
  longitude: number;
  populationMillions: number;
}

export const IRAQ_GOVERNORATE_SEATS: readonly GovernorateSeat[] = [
  {
    governorate: 'Baghdad',
    capital: 'Baghdad',
    latitude: 33.3152,
    longitude: 44.3661,
    populationMillions: 8.1,
  },
  {
    governorate: 'Nineveh',
    capital: 'Mosul',
    latitude: 36.335,
    longitude: 43.1189,
    populationMillions: 3.9,
  },
  {
    governorate: 'Basra',
    capital: 'Basra',
    latitude: 30.5085,
    longitude: 47.7804,
    populationMillions: 3.0,
  },
  {
    governorate: 'Dhi Qar',
    capital: 'Nasiriyah',
    latitude: 31.0439,
    longitude: 46.2576,
    populationMillions: 2.2,
  },
  {
    governorate: 'Babil',
    capital: 'Hillah',
    latitude: 32.4637,
    longitude: 44.4196,
    populationMillions: 2.2,
  },
  {
    governorate: 'Sulaymaniyah',
    capital: 'Sulaymaniyah',
    latitude: 35.5613,
    longitude: 45.4374,
    populationMillions: 2.2,
  },
  {
    governorate: 'Anbar',
    capital: 'Ramadi',
    latitude: 33.4258,
    longitude: 43.2994,
    populationMillions: 1.9,
  },
  {
    governorate: 'Erbil',
    capital: 'Erbil',
    latitude: 36.1911,
    longitude: 44.0092,
    populationMillions: 1.9,
  },
  {
    governorate: 'Diyala',
    capital: 'Baqubah',
    latitude: 33.7466,
    longitude: 44.6437,
    populationMillions: 1.7,
  },
  {
    governorate: 'Kirkuk',
    capital: 'Kirkuk',
    latitude: 35.4681,
    longitude: 44.3922,
    populationMillions: 1.7,
  },
  {
    governorate: 'Saladin',
    capital: 'Tikrit',
    latitude: 34.6071,
    longitude: 43.6782,
    populationMillions: 1.6,
  },
  {
    governorate: 'Najaf',
    capital: 'Najaf',
    latitude: 32.0259,
    longitude: 44.3462,
    populationMillions: 1.5,
  },
  {
    governorate: 'Wasit',
    capital: 'Kut',
    latitude: 32.5128,
    longitude: 45.8182,
    populationMillions: 1.4,
  },
  {
    governorate: 'Karbala',
    capital: 'Karbala',
    latitude: 32.616,
    longitude: 44.0249,
    populationMillions: 1.3,
  },
  {
    governorate: 'Qadisiyyah',
    capital: 'Diwaniyah',
    latitude: 31.9929,
    longitude: 44.9254,
    populationMillions: 1.3,
  },
  {
    governorate: 'Duhok',
    capital: 'Duhok',
    latitude: 36.8669,
    longitude: 42.9503,
    populationMillions: 1.3,
  },
  {
    governorate: 'Maysan',
    capital: 'Amarah',
    latitude: 31.8356,
    longitude: 47.1448,
    populationMillions: 1.1,
  },
  {
    governorate: 'Muthanna',
    capital: 'Samawah',
    latitude: 31.3099,
    longitude: 45.2803,
    populationMillions: 0.8,
  },
  {
    governorate: 'Halabja',
    capital: 'Halabja',
    latitude: 35.1778,
    longitude: 45.9861,
    populationMillions: 0.1,
  },
];

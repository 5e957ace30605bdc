/**
 * Where each governorate's capital is (latitude, longitude): a person is placed at the nearest
 * capital of the governorates they cover, since the directory keeps no home addresses.
 */
export const GOVERNORATE_CAPITALS: Readonly<
  Record<string, { latitude: number; longitude: number }>
> = {
  Baghdad: { latitude: 33.315, longitude: 44.366 },
  Basra: { latitude: 30.508, longitude: 47.783 },
  Nineveh: { latitude: 36.34, longitude: 43.13 },
  Kirkuk: { latitude: 35.468, longitude: 44.392 },
  Anbar: { latitude: 33.426, longitude: 43.299 },
  Babil: { latitude: 32.483, longitude: 44.433 },
  Karbala: { latitude: 32.616, longitude: 44.024 },
  Najaf: { latitude: 31.996, longitude: 44.315 },
  Diyala: { latitude: 33.746, longitude: 44.643 },
  Saladin: { latitude: 34.607, longitude: 43.677 },
  Wasit: { latitude: 32.506, longitude: 45.824 },
  Maysan: { latitude: 31.836, longitude: 47.145 },
  'Dhi Qar': { latitude: 31.044, longitude: 46.257 },
  Muthanna: { latitude: 31.317, longitude: 45.283 },
  Qadisiyyah: { latitude: 31.99, longitude: 44.925 },
  Erbil: { latitude: 36.191, longitude: 44.009 },
  Sulaymaniyah: { latitude: 35.557, longitude: 45.435 },
  Duhok: { latitude: 36.867, longitude: 42.988 },
  Halabja: { latitude: 35.178, longitude: 45.986 },
};

import type { NewFacility } from '@oxyledger/network';

/**
 * A small, realistic Iraqi network for the demo: oxygen plants and hospitals at the real
 * coordinates of governorate capitals. Data, not code: edit freely.
 */
export interface DemoRegion {
  producer: NewFacility & { supplierId: string };
  hospitals: NewFacility[];
}

const plant = (
  id: string,
  name: string,
  governorate: string,
  latitude: number,
  longitude: number,
  supplierId: string,
): DemoRegion['producer'] => ({
  id,
  kind: 'producer',
  name,
  governorate,
  latitude,
  longitude,
  supplierId,
});

const hospital = (
  id: string,
  name: string,
  governorate: string,
  latitude: number,
  longitude: number,
): NewFacility => ({
  id,
  kind: 'hospital',
  name,
  governorate,
  latitude,
  longitude,
  receivingHours: { opens: '07:00', closes: '21:00' },
});

export const DEMO_REGIONS: DemoRegion[] = [
  {
    producer: plant(
      'baghdad-psa-1',
      'Baghdad PSA Plant 1',
      'Baghdad',
      33.3152,
      44.3661,
      'rafidain-oxygen',
    ),
    hospitals: [
      hospital('baghdad-medical-city', 'Baghdad Medical City', 'Baghdad', 33.3436, 44.3825),
      hospital('al-kindi-teaching', 'Al-Kindi Teaching Hospital', 'Baghdad', 33.3339, 44.4284),
    ],
  },
  {
    producer: plant(
      'basra-asu-1',
      'Basra Air Separation Unit',
      'Basra',
      30.5085,
      47.7804,
      'gulf-medical-gases',
    ),
    hospitals: [
      hospital('basra-general', 'Basra General Hospital', 'Basra', 30.5156, 47.8125),
      hospital('basra-teaching', 'Basra Teaching Hospital', 'Basra', 30.5325, 47.7942),
    ],
  },
  {
    producer: plant(
      'erbil-psa-1',
      'Erbil PSA Plant',
      'Erbil',
      36.1911,
      44.0092,
      'kurdistan-oxygen',
    ),
    hospitals: [
      hospital('erbil-teaching', 'Erbil Teaching Hospital', 'Erbil', 36.1845, 44.0116),
      hospital(
        'sulaymaniyah-general',
        'Sulaymaniyah General Hospital',
        'Sulaymaniyah',
        35.5613,
        45.4309,
      ),
    ],
  },
  {
    producer: plant(
      'mosul-psa-1',
      'Mosul PSA Plant',
      'Nineveh',
      36.335,
      43.1189,
      'rafidain-oxygen',
    ),
    hospitals: [
      hospital(
        'mosul-al-jumhuri',
        'Al-Jumhuri Teaching Hospital, Mosul',
        'Nineveh',
        36.3489,
        43.1439,
      ),
      hospital('kirkuk-general', 'Kirkuk General Hospital', 'Kirkuk', 35.4681, 44.3922),
    ],
  },
  {
    producer: plant(
      'najaf-private-1',
      'Najaf Oxygen Factory',
      'Najaf',
      32.0259,
      44.3462,
      'euphrates-gas',
    ),
    hospitals: [
      hospital('najaf-al-sadr', 'Al-Sadr Medical City, Najaf', 'Najaf', 32.0036, 44.3516),
      hospital(
        'karbala-al-hussein',
        'Al-Hussein Teaching Hospital, Karbala',
        'Karbala',
        32.616,
        44.0249,
      ),
    ],
  },
];

/**
 * One demo login per role; the producer and hospital users work at the first region's sites,
 * the driver for its supplier.
 */
export const DEMO_PASSWORD = 'oxyledger-demo';

export const DEMO_USERS = [
  { username: 'admin', role: 'admin' as const, displayName: 'Platform admin' },
  {
    username: 'producer',
    role: 'producer' as const,
    displayName: 'Baghdad PSA operator',
    facilityId: 'baghdad-psa-1',
  },
  {
    username: 'driver',
    role: 'driver' as const,
    displayName: 'Driver Karim',
    // drives the first region's trucks: a trip runs on its own supplier's driver
    supplierId: 'rafidain-oxygen',
  },
  {
    username: 'hospital',
    role: 'hospital' as const,
    displayName: 'Medical City store',
    facilityId: 'baghdad-medical-city',
  },
  { username: 'dispatcher', role: 'dispatcher' as const, displayName: 'National dispatcher' },
  { username: 'analyst', role: 'analyst' as const, displayName: 'Ministry analyst' },
  // the PSA engineer Ali Hassan of the partner directory (demo-partners.ts)
  { username: 'partner', role: 'partner' as const, displayName: 'Ali Hassan (PSA engineer)' },
];

/** Sizes as the demo fleet has them: mostly large J cylinders, some E and D. */
export const DEMO_SIZE_MIX = ['J', 'J', 'J', 'J', 'J', 'J', 'E', 'E', 'E', 'D'];

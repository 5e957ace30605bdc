import type { TestApp } from './test-app';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Registers cylinders at a plant and fills them, through the api, as the plant's staff would. */
export async function registerFullCylinders(
  api: TestApp,
  token: string,
  options: {
    plantId: string;
    ownerId: string;
    serials: string[];
    sizeCode?: string;
    /** A grade of the catalog; the fill reads 99.5 % for oxygen-99.5, 93.5 % for oxygen-93. */
    gasGrade?: 'oxygen-99.5' | 'oxygen-93';
    lot?: string;
    occurredAt?: string;
  },
): Promise<void> {
  const gasGrade = options.gasGrade ?? 'oxygen-99.5';
  const { plantId, ownerId, serials, occurredAt } = options;
  await api
    .http()
    .post('/cylinders')
    .set(auth(token))
    .send({
      facilityId: plantId,
      occurredAt,
      cylinders: serials.map((serial) => ({
        serial,
        sizeCode: options.sizeCode ?? 'J',
        ownerId,
        gasGrade,
        manufactureDate: '2023-01-01',
        lastTestDate: '2025-01-01',
      })),
    })
    .expect(201);
  await api
    .http()
    .post('/cylinders/fills')
    .set(auth(token))
    .send({
      plantId,
      serials,
      lot: options.lot ?? 'L1',
      purityPercent: gasGrade === 'oxygen-93' ? 93.5 : 99.5,
      pressureBar: 137,
      operatorId: 'op',
      occurredAt,
    })
    .expect(201);
}

/** A trip planned by a dispatcher; returns its id. */
export async function planTrip(
  api: TestApp,
  token: string,
  trip: { originFacilityId: string; vehicleId: string; driverUserId: string; stops: string[] },
): Promise<string> {
  const response = await api
    .http()
    .post('/trips')
    .set(auth(token))
    .send({ ...trip, plannedAt: new Date().toISOString() })
    .expect(201);
  return response.body.tripId as string;
}

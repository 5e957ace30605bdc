import type { HospitalSupply } from './api/views';

/** One size's line of a hospital's supply: 1 a day, reorder at 3, up to 4, `toSend` to send. */
export function sizeSupply(
  sizeCode: string,
  toSendCylinders = 0,
): HospitalSupply['bySize'][number] {
  return {
    sizeCode,
    dailyUseCylinders: 1,
    reorderPointCylinders: 3,
    orderUpToCylinders: 4,
    positionCylinders: 1,
    toSendCylinders,
  };
}

/** A hospital's supply as the api gives it: 1,000 L a day, in Basra, ok, unless told otherwise. */
export function hospitalSupply(overrides: Partial<HospitalSupply> = {}): HospitalSupply {
  const daysOfSupply = overrides.daysOfSupply === undefined ? 2 : overrides.daysOfSupply;
  return {
    facilityId: 'hospital',
    name: 'Hospital',
    governorate: 'Basra',
    level: 'ok',
    needLitresPerDay: 1000,
    onHandLitres: (daysOfSupply ?? 0) * 1000,
    daysOfSupply,
    reorderPointLitres: 0,
    orderUpToLitres: 0,
    leadTimeDays: 0.3,
    bySize: [],
    need: { litresPerDay: 1000, basis: 'clinical', clinicalLitresPerDay: 1000, historyDays: 0 },
    nearestProducer: null,
    emptiesAwaitingCollection: 0,
    computedAt: '2026-12-03T08:00:00.000Z',
    ...overrides,
  };
}

import { distanceKm, leadTimeDays, type SizeHolding, supplyStatus } from './supply-status';

const J = (holding: Partial<SizeHolding>): SizeHolding => ({
  sizeCode: 'J',
  litresPerCylinder: 6_800,
  full: 0,
  inUse: 0,
  inbound: 0,
  useShare: 1,
  ...holding,
});

describe('supply status', () => {
  // Two J cylinders a day; lead time half a day; 2 safety days; review every day:
  // reorder point 13,600 × 2.5 = 34,000 L (5 cylinders), order-up-to 13,600 × 3.5 (7 cylinders).
  const need = 13_600;
  const lead = 0.5;

  it('is low below the reorder point, and says how many to send (worked example)', () => {
    // 3 full + half of 2 in use = 4 cylinders' worth = 27,200 L = 2.0 days
    const status = supplyStatus(need, [J({ full: 3, inUse: 2 })], lead);

    expect(status).toMatchObject({
      level: 'low',
      onHandLitres: 27_200,
      daysOfSupply: 2,
      reorderPointLitres: 34_000,
      orderUpToLitres: 47_600,
    });
    expect(status.bySize).toEqual([
      {
        sizeCode: 'J',
        dailyUseCylinders: 2,
        reorderPointCylinders: 5,
        orderUpToCylinders: 7,
        positionCylinders: 4,
        toSendCylinders: 3,
      },
    ]);
  });

  it('is critical under the safety days, out with nothing, ok above the reorder point', () => {
    expect(supplyStatus(need, [J({ full: 1 })], lead)).toMatchObject({
      level: 'critical',
      daysOfSupply: 0.5,
    });
    expect(supplyStatus(need, [J({})], lead).level).toBe('out');
    const ok = supplyStatus(need, [J({ full: 6 })], lead);
    expect(ok.level).toBe('ok');
    expect(ok.bySize[0].toSendCylinders).toBe(0);
  });

  it('counts what is already on its way before sending more', () => {
    // 2 full + 3 inbound = 5 = the reorder point: send up to 7 → 2
    const status = supplyStatus(need, [J({ full: 2, inbound: 3 })], lead);
    expect(status.bySize[0].toSendCylinders).toBe(2);
  });

  it('splits the need between sizes by their share of use', () => {
    // Half of 13,600 L from J (1 cylinder a day), half from E (680 L: 10 a day); lead 1 day:
    // J reorder 3, up to 4; E reorder 30, up to 40.
    const status = supplyStatus(
      need,
      [
        J({ full: 2, inbound: 1, useShare: 0.5 }),
        { sizeCode: 'E', litresPerCylinder: 680, full: 35, inUse: 0, inbound: 0, useShare: 0.5 },
      ],
      1,
    );
    expect(
      status.bySize.map((s) => [
        s.sizeCode,
        s.reorderPointCylinders,
        s.orderUpToCylinders,
        s.toSendCylinders,
      ]),
    ).toEqual([
      ['J', 3, 4, 1],
      ['E', 30, 40, 0],
    ]);
  });

  it('needs nothing and is ok when the hospital uses nothing', () => {
    expect(supplyStatus(0, [J({})], lead)).toMatchObject({ level: 'ok', daysOfSupply: null });
  });

  it('derives the lead time from the distance to the nearest producer', () => {
    // 6 h handling + 120 km at 40 km/h = 9 h = 0.375 day
    expect(leadTimeDays(120)).toBeCloseTo(0.375, 9);
    // one degree of latitude along a meridian: 6,371 km × π / 180
    expect(
      distanceKm({ latitude: 30, longitude: 44 }, { latitude: 31, longitude: 44 }),
    ).toBeCloseTo(111.19, 2);
  });
});

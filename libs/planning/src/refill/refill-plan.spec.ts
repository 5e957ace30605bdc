import type { RoutePlanContent } from '@oxyledger/domain';
import { solveRouting } from '@oxyledger/routing';
import type { Facility, Vehicle } from '../input/planning-input';
import { GreatCircleDistanceProvider } from '../distances/great-circle.distance-provider';
import type { BySize, HospitalNeed, PlanningInput } from '../input/planning-input';
import { checkRoutePlan } from './check-route-plan';
import { withFillsBeforeShift } from './fills-before-shift';
import { PlanningDay } from './planning-day';
import { refillPlan } from './refill-plan';
import { buildRefillProblem, type DepotChoice, planningPoints } from './refill-problem';

const config = {
  shift: { starts: '06:00', ends: '20:00' },
  utcOffsetMinutes: 180,
  serviceMinutes: 15,
  serviceMinutesPerCylinder: 0.5,
};
/** 03:00 local on the planning day: the whole shift is ahead. */
const NOW = new Date('2026-11-27T00:00:00Z');

const facility = (
  id: string,
  kind: Facility['kind'],
  latitude: number,
  longitude: number,
  receivingHours: Facility['receivingHours'] = null,
): Facility => ({
  id,
  kind,
  name: id,
  governorate: 'Basra',
  latitude,
  longitude,
  receivingHours,
  supplierId: kind === 'hospital' ? null : 'supplier-1',
});

const vehicle = (id: string, depot: string, capacity: Record<string, number>): Vehicle => ({
  id,
  depotFacilityId: depot,
  capacity,
  supplierId: 'supplier-1',
});

const need = (
  f: Facility,
  daysOfSupply: number,
  deliver: Record<string, number>,
  collect: Record<string, number> = {},
): HospitalNeed => ({
  facility: f,
  level: daysOfSupply < 1 ? 'critical' : 'low',
  daysOfSupply,
  deliver,
  collect,
});

/** Two producers and six hospitals around Basra, a few dozen km apart. */
function basraDay(changes: Partial<PlanningInput> = {}): PlanningInput {
  const north = facility('plant-north', 'producer', 30.7, 47.7);
  const south = facility('plant-south', 'producer', 30.3, 47.9);
  const hospitals = [
    need(
      facility('h1', 'hospital', 30.5, 47.8, { opens: '08:00', closes: '16:00' }),
      0.5,
      { J: 10, E: 4 },
      { J: 8 },
    ),
    need(facility('h2', 'hospital', 30.55, 47.75), 2, { J: 6 }, { J: 6, E: 2 }),
    need(facility('h3', 'hospital', 30.6, 47.85, { opens: '12:00', closes: '18:00' }), 1.5, {
      J: 12,
    }),
    need(facility('h4', 'hospital', 30.35, 47.7), 2.5, { E: 10 }, { E: 3 }),
    need(facility('h5', 'hospital', 30.45, 48.0), 0.2, { J: 20 }, { J: 15 }),
    need(facility('h6', 'hospital', 30.25, 47.8, { opens: '07:00', closes: '11:00' }), 1, {
      J: 5,
      E: 5,
    }),
  ];
  return {
    region: 'national',
    now: NOW,
    sizes: ['E', 'J'],
    hospitals,
    producers: [
      { facility: north, full: { J: 40, E: 20 }, empty: {}, fillPerHour: {} },
      { facility: south, full: { J: 30, E: 10 }, empty: {}, fillPerHour: {} },
    ],
    vehicles: [
      vehicle('truck-n1', 'plant-north', { J: 30, E: 20 }),
      vehicle('truck-s1', 'plant-south', { J: 30, E: 20 }),
    ],
    driversBySupplier: new Map([['supplier-1', ['driver-a', 'driver-b']]]),
    ...changes,
  };
}

async function plan(read: PlanningInput, depotChoice: DepotChoice = 'solver') {
  const { input } = withFillsBeforeShift(read, new PlanningDay(read.now, config));
  const matrix = await new GreatCircleDistanceProvider({
    circuity: 1.3,
    averageSpeedKmPerHour: 50,
  }).matrix(planningPoints(input));
  const day = new PlanningDay(input.now, config);
  const refill = buildRefillProblem(input, matrix, day, config, depotChoice);
  const { solution } = solveRouting(refill.problem, {
    timeLimitMs: 10_000,
    iterationLimit: 150,
    seed: 3,
  });
  const content = refillPlan(input, refill, solution, matrix, day, 'plan-1');
  return {
    content,
    violations: checkRoutePlan(content, input, matrix, refill.row, day),
    input,
    matrix,
    refill,
    day,
  };
}

const delivered = (content: RoutePlanContent, facilityId: string, code: string) =>
  content.routes
    .flatMap((r) => r.stops)
    .filter((s) => s.facilityId === facilityId)
    .reduce((n, s) => n + (s.deliver[code] ?? 0), 0);

describe('refill planning (input → routing problem → plan → independent check)', () => {
  it('serves every need it has stock and vehicles for, within receiving hours and the shift', async () => {
    const { content, violations } = await plan(basraDay());
    expect(violations).toEqual([]);
    expect(content.unserved).toEqual([]);
    for (const hospital of basraDay().hospitals) {
      for (const [code, count] of Object.entries(hospital.deliver)) {
        expect({
          hospital: hospital.facility.id,
          code,
          got: delivered(content, hospital.facility.id, code),
        }).toEqual({
          hospital: hospital.facility.id,
          code,
          got: count,
        });
      }
    }
    expect(content.routes.every((route) => route.driverId !== null)).toBe(true);
    expect(content.totals.stops).toBe(content.routes.reduce((n, r) => n + r.stops.length, 0));
  });

  it('when stock runs short, the hospitals with the fewest days of supply are served first', async () => {
    // given only 25 full J cylinders in the whole region
    const input = basraDay({
      producers: basraDay().producers.map((p, k) => ({
        ...p,
        full: { J: k === 0 ? 25 : 0, E: 20 },
      })),
    });
    const { content, violations } = await plan(input);
    expect(violations).toEqual([]);
    // h5 (0.2 days) gets its 20 J, h1 (0.5 days) the remaining 5 of its 10; the rest wait
    expect(delivered(content, 'h5', 'J')).toBe(20);
    expect(delivered(content, 'h1', 'J')).toBe(5);
    expect(content.unserved).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          facilityId: 'h1',
          sizeCode: 'J',
          cylinders: 5,
          reason: 'no-stock',
        }),
        expect.objectContaining({
          facilityId: 'h3',
          sizeCode: 'J',
          cylinders: 12,
          reason: 'no-stock',
        }),
      ]),
    );
  });

  it('serves first a hospital with an open urgent-supply help request, however many days it has', async () => {
    // given only 25 full J cylinders, and h3 (1.5 days, 12 J) asking for urgent supply
    const scarce = basraDay({
      producers: basraDay().producers.map((p, k) => ({
        ...p,
        full: { J: k === 0 ? 25 : 0, E: 20 },
      })),
    });
    const input = {
      ...scarce,
      hospitals: scarce.hospitals.map((h) =>
        h.facility.id === 'h3' ? { ...h, urgentSupplyRequested: true } : h,
      ),
    };
    const { content, violations } = await plan(input);
    expect(violations).toEqual([]);
    // h3 gets all its 12 J, h5 (0.2 days, the next most urgent) the remaining 13 of its 20
    expect(delivered(content, 'h3', 'J')).toBe(12);
    expect(delivered(content, 'h5', 'J')).toBe(13);
    expect(delivered(content, 'h1', 'J')).toBe(0);
  });

  it('counts what a plant can fill from its empties before the shift, and nothing during it', async () => {
    // given no full J anywhere, but 20 empty J at the north plant, filled at 4 an hour
    const producers = basraDay().producers.map((p, k) => ({
      ...p,
      full: { E: p.full.E },
      empty: k === 0 ? { J: 20 } : ({} as BySize),
      fillPerHour: k === 0 ? { J: 4, E: 10 } : ({} as BySize),
    }));
    // when planning at 03:00, three hours before the 06:00 shift
    const early = await plan(basraDay({ producers }));
    // then 12 J can be filled and delivered, to the most urgent first
    expect(early.violations).toEqual([]);
    const { toFill } = withFillsBeforeShift(basraDay({ producers }), new PlanningDay(NOW, config));
    expect(Object.fromEntries(toFill)).toEqual({ 'plant-north': { J: 12 } });
    const deliveredJ = early.content.routes.reduce((n, r) => n + (r.loadAtOrigin.J ?? 0), 0);
    expect(deliveredJ).toBe(12);
    expect(delivered(early.content, 'h5', 'J')).toBe(12);
    // and planned at 10:00, during the shift, no J at all
    const late = await plan(basraDay({ producers, now: new Date('2026-11-27T07:00:00Z') }));
    expect(late.content.routes.reduce((n, r) => n + (r.loadAtOrigin.J ?? 0), 0)).toBe(0);
  });

  it('says a hospital whose receiving hours no vehicle can reach is outside receiving hours', async () => {
    const input = basraDay();
    input.hospitals[5] = need(
      facility('h6', 'hospital', 30.25, 47.8, { opens: '05:00', closes: '05:30' }),
      1,
      { J: 5 },
    );
    const { content, violations } = await plan(input);
    expect(violations).toEqual([]);
    expect(content.unserved).toEqual([
      expect.objectContaining({
        facilityId: 'h6',
        reason: 'outside-receiving-hours',
        cylinders: 5,
      }),
    ]);
  });

  it.each(['solver', 'allocation-first'] as const)(
    'says a hospital reached in its hours but too far to be back before shift end cannot be served in the shift (%s)',
    async (depotChoice) => {
      const input = basraDay();
      // some 390 km of road from the plants: there by early afternoon, back well after 20:00
      input.hospitals[5] = need(
        facility('h6', 'hospital', 31.5, 44.7, { opens: '08:00', closes: '16:00' }),
        1,
        { J: 5 },
      );
      const { content, violations } = await plan(input, depotChoice);
      expect(violations).toEqual([]);
      expect(content.unserved).toEqual([
        expect.objectContaining({
          facilityId: 'h6',
          reason: 'cannot-return-in-shift',
          cylinders: 5,
        }),
      ]);
    },
  );

  it('rations scarce stock only to hospitals a truck can serve today', async () => {
    const input = basraDay();
    // the most urgent hospital is beyond a day's return trip; 20 J in all, 33 J wanted nearby
    input.hospitals[4] = need(facility('h5', 'hospital', 31.5, 44.7), 0.1, { J: 20 });
    input.producers = input.producers.map((p) => ({ ...p, full: { ...p.full, J: 10 } }));
    const { content, violations } = await plan(input);
    expect(violations).toEqual([]);
    expect(content.unserved).toContainEqual(
      expect.objectContaining({
        facilityId: 'h5',
        reason: 'cannot-return-in-shift',
        cylinders: 20,
      }),
    );
    expect(content.totals.deliver.J).toBe(20);
  });

  it('says no vehicle when the fleet cannot carry everything in one shift', async () => {
    const input = basraDay({ vehicles: [vehicle('truck-n1', 'plant-north', { J: 12, E: 6 })] });
    const { content, violations } = await plan(input);
    expect(violations).toEqual([]);
    expect(content.unserved.some((u) => u.reason === 'no-vehicle')).toBe(true);
    expect(content.routes).toHaveLength(1);
  });

  it('the checker refuses a route loaded over capacity, a stop outside its hours, and a late return', async () => {
    const { content, input, matrix, refill, day } = await plan(basraDay());
    const route = content.routes.find((r) => r.stops.some((s) => s.facilityId === 'h1'))!;
    const stop = route.stops.find((s) => s.facilityId === 'h1')!;
    const broken: RoutePlanContent = {
      ...content,
      routes: content.routes.map((r) =>
        r !== route
          ? r
          : {
              ...r,
              loadAtOrigin: { ...r.loadAtOrigin, J: (r.loadAtOrigin.J ?? 0) + 100 },
              returnAt: '2026-11-27T19:00:00Z',
              stops: r.stops.map((s) =>
                s !== stop
                  ? s
                  : {
                      ...s,
                      deliver: { ...s.deliver, J: (s.deliver.J ?? 0) + 100 },
                      serviceStartsAt: '2026-11-27T15:00:00Z',
                    },
              ),
            },
      ),
    };
    const violations = checkRoutePlan(broken, input, matrix, refill.row, day);
    expect(violations.join('\n')).toMatch(/capacity 30/);
    expect(violations.join('\n')).toMatch(/h1 .*outside its receiving hours/);
    expect(violations.join('\n')).toMatch(/after the shift ends/);
    expect(violations.join('\n')).toMatch(/hospital h1: gets \d+ J, needs 10/);
  });

  it("lets the solver choose the plant of each hospital, within each plant's stock", async () => {
    // Plant A and plant B 96 km apart with 10 J each; h-urgent midway (nearer A), h-by-a next to A.
    const day = basraDay({
      hospitals: [
        need(facility('h-urgent', 'hospital', 30, 47.47), 0.2, { J: 10 }),
        need(facility('h-by-a', 'hospital', 30, 47.05), 1, { J: 10 }),
      ],
      producers: [
        {
          facility: facility('plant-a', 'producer', 30, 47.0),
          full: { J: 10 },
          empty: {},
          fillPerHour: {},
        },
        {
          facility: facility('plant-b', 'producer', 30, 48.0),
          full: { J: 10 },
          empty: {},
          fillPerHour: {},
        },
      ],
      vehicles: [
        vehicle('truck-a', 'plant-a', { J: 30 }),
        vehicle('truck-b', 'plant-b', { J: 30 }),
      ],
    });
    const origin = (content: RoutePlanContent, facilityId: string) =>
      content.routes.find((r) => r.stops.some((s) => s.facilityId === facilityId))
        ?.originFacilityId;
    const chosen = await plan(day);
    expect(chosen.violations).toEqual([]);
    expect(chosen.content.unserved).toEqual([]);
    expect(origin(chosen.content, 'h-by-a')).toBe('plant-a');
    expect(origin(chosen.content, 'h-urgent')).toBe('plant-b');
  });

  it('leaves time to load before departure, and a plan made after the shift is for the next one', async () => {
    const loading = { ...config, loadingMinutes: 45 };
    // 12:00 local, during the shift: nobody leaves before 12:45
    const noon = new Date('2026-11-27T09:00:00Z');
    const during = new PlanningDay(noon, loading);
    expect(during.instant(during.earliestDepartureMinutes)).toBe('2026-11-27T09:45:00.000Z');
    // 05:00 local, before the 06:00 shift: loaded from 06:00, away at 06:45
    const early = new PlanningDay(new Date('2026-11-27T02:00:00Z'), loading);
    expect(early.instant(early.earliestDepartureMinutes)).toBe('2026-11-27T03:45:00.000Z');
    // 21:30 local, after the 20:00 end of shift: tomorrow's shift
    const late = new PlanningDay(new Date('2026-11-27T18:30:00Z'), loading);
    expect(late.instant(late.shiftStartMinutes)).toBe('2026-11-28T03:00:00.000Z');
    expect(late.instant(late.shiftEndMinutes)).toBe('2026-11-28T17:00:00.000Z');

    const read = basraDay({ now: noon });
    const matrix = await new GreatCircleDistanceProvider({
      circuity: 1.3,
      averageSpeedKmPerHour: 50,
    }).matrix(planningPoints(read));
    const refill = buildRefillProblem(read, matrix, during, config);
    const { solution } = solveRouting(refill.problem, {
      timeLimitMs: 10_000,
      iterationLimit: 100,
      seed: 3,
    });
    const content = refillPlan(read, refill, solution, matrix, during, 'plan-noon');
    expect(content.routes.length).toBeGreaterThan(0);
    for (const route of content.routes) {
      expect(Date.parse(route.departureAt)).toBeGreaterThanOrEqual(
        Date.parse('2026-11-27T09:45:00Z'),
      );
    }
    expect(checkRoutePlan(content, read, matrix, refill.row, during)).toEqual([]);
  });

  it('gives a truck a driver of its own plant, and proposes no route without one', async () => {
    const read = basraDay({
      driversBySupplier: new Map([['supplier-1', ['driver-of-south', 'driver-of-north']]]),
      driverHomes: new Map([
        ['driver-of-south', 'plant-south'],
        ['driver-of-north', 'plant-north'],
      ]),
    });
    const { content } = await plan(read);
    for (const route of content.routes) {
      expect(route.driverId).toBe(`driver-of-${route.originFacilityId.replace('plant-', '')}`);
    }
    const southOnly = await plan({
      ...read,
      driversBySupplier: new Map([['supplier-1', ['driver-of-south']]]),
    });
    expect(southOnly.content.routes.every((r) => r.originFacilityId === 'plant-south')).toBe(true);
    expect(southOnly.content.routes.every((r) => r.driverId === 'driver-of-south')).toBe(true);
    const lost = southOnly.content.unserved.filter((u) => u.reason === 'no-driver');
    expect(lost.length).toBeGreaterThan(0);
    expect(lost[0].detail).toMatch(/plant-north/);
  });
});

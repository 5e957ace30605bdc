import {
  decideRoutePlan,
  evolveRoutePlan,
  initialRoutePlanState,
  type RoutePlanEvent,
  RoutePlanNotFound,
  RoutePlanNotOpen,
  type RoutePlanProposed,
} from './route-plan';

const planId = 'plan-1';
const at = '2026-11-27T03:00:00.000Z';
const later = '2026-11-27T04:00:00.000Z';
const given = (...events: RoutePlanEvent[]) =>
  events.reduce(evolveRoutePlan, initialRoutePlanState());

const route = (routeId: string) => ({
  routeId,
  vehicleId: `truck-${routeId}`,
  driverId: 'driver-1',
  originFacilityId: 'plant-basra',
  departureAt: at,
  returnAt: later,
  distanceKm: 40,
  durationMinutes: 60,
  loadAtOrigin: { J: 10 },
  stops: [],
});
const content = {
  routes: [route('r1'), route('r2')],
  unserved: [],
  totals: { routes: 2, stops: 0, distanceKm: 80, durationMinutes: 120, deliver: {}, collect: {} },
};
const proposed: RoutePlanProposed = {
  type: 'RoutePlanProposed',
  version: 1,
  data: {
    planId,
    region: 'national',
    at,
    reason: 'schedule',
    fillFirst: [],
    solver: { elapsedMs: 10, iterations: 5, cost: 80, feasible: true },
    ...content,
  },
};
const trips = [
  { routeId: 'r1', tripId: 'trip-1' },
  { routeId: 'r2', tripId: 'trip-2' },
];

describe('route plan', () => {
  it('is proposed once, and remembers when', () => {
    // when
    const events = decideRoutePlan({ type: 'ProposeRoutePlan', data: proposed.data }, given());
    // then
    expect(events).toEqual([proposed]);
    expect(given(...events)).toEqual({ status: 'proposed', content, proposedAt: at });
    expect(() =>
      decideRoutePlan({ type: 'ProposeRoutePlan', data: proposed.data }, given(proposed)),
    ).toThrow(RoutePlanNotOpen);
  });

  it('is approved with one trip per route, once', () => {
    // given a proposed plan
    const state = given(proposed);
    // when approved
    const approved = decideRoutePlan(
      { type: 'ApproveRoutePlan', data: { planId, at: later, trips } },
      state,
    );
    // then
    expect(approved).toEqual([
      { type: 'RoutePlanApproved', version: 1, data: { planId, at: later, trips } },
    ]);
    expect(given(proposed, ...approved).status).toBe('approved');
    expect(() =>
      decideRoutePlan(
        { type: 'ApproveRoutePlan', data: { planId, at: later, trips } },
        given(proposed, ...approved),
      ),
    ).toThrow(RoutePlanNotOpen);
  });

  it('refuses an approval that leaves a route without its trip', () => {
    expect(() =>
      decideRoutePlan(
        { type: 'ApproveRoutePlan', data: { planId, at: later, trips: trips.slice(0, 1) } },
        given(proposed),
      ),
    ).toThrow(/trips must name one trip for every route/);
  });

  it('is rejected with a reason, after which it can be neither edited nor approved', () => {
    expect(() =>
      decideRoutePlan(
        { type: 'RejectRoutePlan', data: { planId, at: later, reason: '  ' } },
        given(proposed),
      ),
    ).toThrow(/reason/);
    const rejected = decideRoutePlan(
      { type: 'RejectRoutePlan', data: { planId, at: later, reason: 'road closed' } },
      given(proposed),
    );
    const state = given(proposed, ...rejected);
    expect(state.status).toBe('rejected');
    expect(() =>
      decideRoutePlan(
        {
          type: 'EditRoutePlan',
          data: {
            planId,
            at: later,
            edit: { kind: 'drop-stop', facilityId: 'h1', routeId: 'r1' },
            ...content,
          },
        },
        state,
      ),
    ).toThrow(RoutePlanNotOpen);
  });

  it('keeps the proposal time through edits, and says an unknown plan does not exist', () => {
    const edited = decideRoutePlan(
      {
        type: 'EditRoutePlan',
        data: {
          planId,
          at: later,
          edit: { kind: 'drop-stop', facilityId: 'h1', routeId: 'r2' },
          ...content,
          routes: [route('r1')],
        },
      },
      given(proposed),
    );
    expect(given(proposed, ...edited)).toMatchObject({
      proposedAt: at,
      content: { routes: [route('r1')] },
    });
    expect(() =>
      decideRoutePlan({ type: 'RejectRoutePlan', data: { planId, at, reason: 'x' } }, given()),
    ).toThrow(RoutePlanNotFound);
  });
});

import {
  notificationsFor,
  rememberHelpRequest,
  rememberPlan,
  type SourceEvent,
} from './notification-rules';

const event = (type: string, data: unknown, streamName = 'stream-1'): SourceEvent => ({
  id: 'e1',
  type,
  streamName,
  data,
});

describe('notification rules', () => {
  it('tells the hospital and every dispatcher when a hospital enters critical or out', () => {
    // Given a hospital whose supply goes from low to out
    const when = notificationsFor(
      event('SupplyLevelChanged', {
        facilityId: 'basra-general',
        from: 'low',
        to: 'out',
        daysOfSupply: 0,
      }),
    );
    // Then one urgent notification, to its users and every dispatcher
    expect(when).toHaveLength(1);
    expect(when[0]).toMatchObject({
      kind: 'supply-critical',
      urgent: true,
      params: { facilityId: 'basra-general', level: 'out' },
      audience: { facilityUsers: ['basra-general'], dispatchers: { suppliers: 'all' } },
    });
  });

  it('says nothing when a hospital gets better or stays where it was', () => {
    expect(
      notificationsFor(
        event('SupplyLevelChanged', { facilityId: 'h', from: 'critical', to: 'low' }),
      ),
    ).toEqual([]);
    expect(
      notificationsFor(event('SupplyLevelChanged', { facilityId: 'h', from: 'out', to: 'out' })),
    ).toEqual([]);
  });

  it('asks the dispatchers of the plan’s plants to approve a proposed plan, not whoever proposed it', () => {
    const [intent] = notificationsFor({
      ...event('RoutePlanProposed', {
        planId: 'p1',
        region: 'Basra',
        routes: [
          { originFacilityId: 'plant-b', stops: [{}, {}] },
          { originFacilityId: 'plant-a', stops: [{}] },
        ],
      }),
      actorUserId: 'u-dispatcher',
    });
    expect(intent).toMatchObject({
      kind: 'plan-awaiting-approval',
      params: { planId: 'p1', routes: 2, stops: 3 },
      audience: { dispatchersOfFacilities: ['plant-a', 'plant-b'], except: 'u-dispatcher' },
    });
  });

  it('tells the drivers of an approved plan, remembered from its proposal and edits', () => {
    const plan = rememberPlan(
      event('RoutePlanEdited', {
        routes: [
          { driverId: 'd1', originFacilityId: 'x' },
          { driverId: null, originFacilityId: 'x' },
          { driverId: 'd2', originFacilityId: 'x' },
        ],
      }),
    );
    const [intent] = notificationsFor(event('RoutePlanApproved', { planId: 'p1' }), { plan });
    expect(intent).toMatchObject({ kind: 'plan-approved', audience: { users: ['d1', 'd2'] } });
    expect(notificationsFor(event('RoutePlanApproved', { planId: 'p1' }), {})).toEqual([]);
  });

  it('tells the facilities a recalled lot was at or delivered to', () => {
    const [intent] = notificationsFor(
      event('LotRecallChunkRecorded', {
        lot: 'L-7',
        results: [
          { location: { kind: 'facility', id: 'plant-a' }, deliveredTo: ['h2'] },
          { location: { kind: 'trip', id: 't1' }, deliveredTo: ['h1', 'h2'] },
        ],
      }),
    );
    expect(intent).toMatchObject({
      kind: 'lot-recall',
      urgent: true,
      subject: 'L-7',
      audience: { facilityUsers: ['h1', 'h2', 'plant-a'] },
    });
  });

  it('asks the dispatchers of the trip’s fleet to review a scan conflict', () => {
    const [intent] = notificationsFor(
      event('ScanConflictRecorded', { conflictId: 'c1', tripId: 't1', facilityId: 'h1' }),
    );
    expect(intent).toMatchObject({ kind: 'scan-conflict', audience: { dispatchersOfTrip: 't1' } });
  });

  it('tells the opener, the assignee and the facility’s dispatchers of a help request’s changes, except who made them', () => {
    // Given an opened request
    const opened = event('HelpRequestOpened', {
      requestId: 'r1',
      category: 'plant-breakdown',
      urgency: 'critical',
      facilityId: 'plant-a',
      title: 'PSA down',
      description: '',
      openedBy: 'u-opener',
    });
    const memory = rememberHelpRequest(undefined, opened);
    expect(notificationsFor(opened, { helpRequest: memory })[0]).toMatchObject({
      urgent: true,
      audience: { users: ['u-opener'], dispatchersOfFacilities: ['plant-a'], except: 'u-opener' },
    });
    // When a dispatcher assigns it to a person with an account
    const assigned = event('HelpRequestAssigned', {
      requestId: 'r1',
      assignee: { kind: 'person', id: 'p9', userId: 'u-expert' },
      assignedBy: 'u-disp',
    });
    const [intent] = notificationsFor(assigned, {
      helpRequest: rememberHelpRequest(memory, assigned),
    });
    // Then the opener and the expert hear of it, the dispatcher who did it does not
    expect(intent).toMatchObject({
      kind: 'help-request',
      params: { change: 'assigned', requestId: 'r1' },
      audience: { users: ['u-opener', 'u-expert'], except: 'u-disp' },
    });
  });

  it('ignores help-request events of a request it never saw opened, and other events', () => {
    expect(notificationsFor(event('HelpRequestCommented', { requestId: 'r2', by: 'u' }))).toEqual(
      [],
    );
    expect(notificationsFor(event('CylinderFilled', {}))).toEqual([]);
  });
});

import { ProjectorService } from '@oxyledger/read-models';
import { NetworkService } from '@oxyledger/network';
import { projectorCaughtUp } from './support/projector';
import { planTrip, registerFullCylinders } from './support/ledger-steps';
import { startTestApp, type TestApp, uniqueName } from './support/test-app';

// catching the projector up scans the run's whole ledger, which grows through the suite
jest.setTimeout(180_000);

/** An offline delivery confirmation that contradicts the ledger lands in the review queue. */
describe('api (e2e): scan conflicts', () => {
  let api: TestApp;
  let plantId: string;
  let hospitalId: string;
  let vehicleId: string;
  let admin: string;
  let dispatcher: string;
  let driver: { id: string; accessToken: string };
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startTestApp();
    const network = api.app.get(NetworkService);
    plantId = uniqueName('plant');
    hospitalId = uniqueName('hospital');
    vehicleId = uniqueName('truck');
    const place = { governorate: 'Basra', latitude: 30.5, longitude: 47.8 };
    await network.ensureFacility({
      id: plantId,
      kind: 'producer',
      name: 'Plant',
      supplierId: 'basra-oxygen',
      ...place,
    });
    await network.ensureFacility({ id: hospitalId, kind: 'hospital', name: 'Hospital', ...place });
    await network.ensureVehicle({
      id: vehicleId,
      registrationPlate: 'BSR 9',
      depotFacilityId: plantId,
      capacity: { J: 10 },
      supplierId: 'basra-oxygen',
    });
    admin = (await api.login('admin')).accessToken;
    dispatcher = (await api.login('dispatcher')).accessToken;
    driver = await api.login('driver', { supplierId: 'basra-oxygen' });
    // the review queue is a read model
    api.app.get(ProjectorService).start();
  });
  afterAll(() => api?.close());

  it('keeps a late offline confirmation for review, changes no cylinder, and lets a dispatcher resolve it', async () => {
    // Given a full cylinder loaded on a trip
    const serial = uniqueName('SC').toUpperCase();
    await registerFullCylinders(api, admin, {
      plantId,
      ownerId: 'basra-oxygen',
      serials: [serial],
    });
    const tripId = await planTrip(api, dispatcher, {
      originFacilityId: plantId,
      vehicleId,
      driverUserId: driver.id,
      stops: [hospitalId],
    });
    await api
      .http()
      .post(`/trips/${tripId}/load`)
      .set(auth(driver.accessToken))
      .send({ serials: [serial] })
      .expect(200);
    const deliveredAt = new Date().toISOString();
    // and, meanwhile, recorded elsewhere: reported lost, then found back at the plant
    await api
      .http()
      .post(`/cylinders/${serial}/lost`)
      .set(auth(admin))
      .send({ reason: 'Not on the truck' })
      .expect(200);
    await api
      .http()
      .post(`/cylinders/${serial}/found`)
      .set(auth(admin))
      .send({ facilityId: plantId })
      .expect(200);

    // When the driver's phone, back online, sends the delivery it confirmed earlier
    const delivery = {
      facilityId: hospitalId,
      delivered: [serial],
      collected: [],
      receivedBy: 'Store keeper',
    };
    const late = await api
      .http()
      .post(`/trips/${tripId}/deliveries`)
      .set(auth(driver.accessToken))
      .send({ ...delivery, occurredAt: deliveredAt });

    // Then it is kept for review (202), and the cylinder stays where the ledger has it
    expect(late.status).toBe(202);
    const conflictId = late.body.scanConflict.conflictId as string;
    expect(late.body.scanConflict).toMatchObject({
      tripId,
      facilityId: hospitalId,
      occurredAt: deliveredAt,
    });
    const cylinder = await api.http().get(`/cylinders/${serial}`).set(auth(admin)).expect(200);
    expect(cylinder.body.state).toMatchObject({
      status: 'EMPTY',
      location: { facilityId: plantId },
    });
    // (online, the same refusal is a plain 409)
    await api
      .http()
      .post(`/trips/${tripId}/deliveries`)
      .set(auth(driver.accessToken))
      .send(delivery)
      .expect(409);

    // (the queue is shared with earlier runs: this trip's conflicts, as a dispatcher would filter)
    const queue = `/scan-conflicts?tripId=${tripId}`;
    await projectorCaughtUp(api);
    const open = await api.http().get(queue).set(auth(dispatcher)).expect(200);
    expect(open.body).toMatchObject({ page: 1, pageSize: 50, total: 1 });
    const queued = open.body.items.find((c: { conflictId: string }) => c.conflictId === conflictId);
    expect(queued).toMatchObject({
      report: { delivered: [serial] },
      refusal: { statusCode: 409 },
      resolution: null,
    });

    // A dispatcher of another supplier neither sees nor resolves it; the trip's supplier's does
    const other = (await api.login('dispatcher', { supplierId: 'north-oxygen' })).accessToken;
    const theirs = (await api.login('dispatcher', { supplierId: 'basra-oxygen' })).accessToken;
    const otherView = await api.http().get(queue).set(auth(other)).expect(200);
    expect(otherView.body.items.map((c: { conflictId: string }) => c.conflictId)).not.toContain(
      conflictId,
    );
    const ownView = await api.http().get(queue).set(auth(theirs)).expect(200);
    expect(ownView.body.items.map((c: { conflictId: string }) => c.conflictId)).toContain(
      conflictId,
    );
    await api
      .http()
      .post(`/scan-conflicts/${conflictId}/resolve`)
      .set(auth(other))
      .send({ resolution: 'dismissed', note: 'not ours' })
      .expect(403);

    // When a dispatcher resolves it (a resolution must be one of the known ones)
    await api
      .http()
      .post(`/scan-conflicts/${conflictId}/resolve`)
      .set(auth(dispatcher))
      .send({ resolution: 'ignored', note: 'x' })
      .expect(400);
    await api
      .http()
      .post(`/scan-conflicts/${conflictId}/resolve`)
      .set(auth(dispatcher))
      .send({
        resolution: 'dismissed',
        note: 'Driver confirmed by mistake; cylinder was at the plant',
      })
      .expect(200);

    // Then it leaves the open queue and is kept among the resolved
    await projectorCaughtUp(api);
    const stillOpen = await api.http().get(queue).set(auth(dispatcher)).expect(200);
    expect(stillOpen.body.items.map((c: { conflictId: string }) => c.conflictId)).not.toContain(
      conflictId,
    );
    const resolved = await api
      .http()
      .get(`${queue}&status=resolved`)
      .set(auth(dispatcher))
      .expect(200);
    expect(
      resolved.body.items.find((c: { conflictId: string }) => c.conflictId === conflictId),
    ).toMatchObject({
      resolution: { resolution: 'dismissed' },
    });
  });

  it('pages the queue with bounded pages and names a bad paging field', async () => {
    const tooBig = await api.http().get('/scan-conflicts?pageSize=201').set(auth(dispatcher));
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.violations).toEqual([expect.objectContaining({ field: 'pageSize' })]);
    const zero = await api.http().get('/scan-conflicts?page=0').set(auth(dispatcher));
    expect(zero.status).toBe(400);
    expect(zero.body.violations).toEqual([expect.objectContaining({ field: 'page' })]);
    const notATrip = await api.http().get('/scan-conflicts?tripId=nope').set(auth(dispatcher));
    expect(notATrip.status).toBe(400);
    expect(notATrip.body.violations).toEqual([expect.objectContaining({ field: 'tripId' })]);
  });
});

import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { ProjectorService } from '@oxyledger/read-models';
import { NetworkService } from '@oxyledger/network';
import { projectorCaughtUp } from './support/projector';
import { planTrip, registerFullCylinders } from './support/ledger-steps';
import { startTestApp, type TestApp, uniqueName } from './support/test-app';

// catching the projector up scans the run's whole ledger, which grows through the suite
jest.setTimeout(180_000);

/** A tiny valid PNG of one grey pixel of the given shade: distinct content, distinct hash. */
function png(shade: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, shade]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('api (e2e): proof of delivery', () => {
  let api: TestApp;
  let plantId: string;
  let hospitalId: string;
  let otherHospitalId: string;
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
    otherHospitalId = uniqueName('hospital');
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
    await network.ensureFacility({
      id: otherHospitalId,
      kind: 'hospital',
      name: 'Other',
      ...place,
    });
    await network.ensureVehicle({
      id: vehicleId,
      registrationPlate: 'BSR 11',
      depotFacilityId: plantId,
      capacity: { J: 10 },
      supplierId: 'basra-oxygen',
    });
    admin = (await api.login('admin')).accessToken;
    dispatcher = (await api.login('dispatcher')).accessToken;
    driver = await api.login('driver', { supplierId: 'basra-oxygen' });
    api.app.get(ProjectorService).start();
  });
  afterAll(() => api?.close());

  it('records the signature and photo hashes in the delivery events and serves the images to the hospital that signed', async () => {
    const serial = uniqueName('POD').toUpperCase();
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
    // what the phone checks its scans against: the cylinder on board, with its size
    await projectorCaughtUp(api);
    const expected = await api
      .http()
      .get(`/trips/${tripId}/expected-cylinders`)
      .set(auth(driver.accessToken))
      .expect(200);
    expect(expected.body.onBoard).toEqual([{ serial, sizeCode: 'J', status: 'IN_TRANSIT' }]);
    const otherDriver = await api.login('driver', { supplierId: 'basra-oxygen' });
    await api
      .http()
      .get(`/trips/${tripId}/expected-cylinders`)
      .set(auth(otherDriver.accessToken))
      .expect(404);
    // two different images: the same shade would give the photo the signature's hash
    const shade = Math.floor(Math.random() * 255);
    const signature = png(shade);
    const photo = png((shade + 1 + Math.floor(Math.random() * 254)) % 255);
    const delivery = {
      facilityId: hospitalId,
      delivered: [serial],
      collected: [],
      receivedBy: 'Store keeper Zainab',
      proof: { signatureSha256: sha256(signature), photoSha256: sha256(photo) },
    };

    // citing an image not uploaded yet is refused, naming the field, and records nothing
    const early = await api
      .http()
      .post(`/trips/${tripId}/deliveries`)
      .set(auth(driver.accessToken))
      .send(delivery)
      .expect(422);
    expect(JSON.stringify(early.body)).toContain('proof.signatureSha256');

    // an image whose hash is not its content's is refused
    await api
      .http()
      .put(`/delivery-proofs/${sha256(photo)}?facilityId=${hospitalId}`)
      .set(auth(driver.accessToken))
      .set('Content-Type', 'image/png')
      .send(signature)
      .expect(422);
    for (const image of [signature, photo]) {
      for (let attempt = 0; attempt < 2; attempt++) {
        // uploading the same content twice is harmless (the outbox resends at will)
        await api
          .http()
          .put(`/delivery-proofs/${sha256(image)}?facilityId=${hospitalId}`)
          .set(auth(driver.accessToken))
          .set('Content-Type', 'image/png')
          .send(image)
          .expect(201);
      }
    }
    await api
      .http()
      .post(`/trips/${tripId}/deliveries`)
      .set(auth(driver.accessToken))
      .send(delivery)
      .expect(200);

    const history = await api.http().get(`/cylinders/${serial}`).set(auth(admin)).expect(200);
    const delivered = (
      history.body.history as { type: string; data: Record<string, unknown> }[]
    ).find((event) => event.type === 'CylinderDelivered');
    expect(delivered?.data.proof).toEqual(delivery.proof);
    await projectorCaughtUp(api);
    const trip = await api.http().get(`/trips/${tripId}`).set(auth(admin)).expect(200);
    expect(trip.body.stops[0].proof).toEqual(delivery.proof);

    const hospital = await api.login('hospital', { facilityId: hospitalId });
    // the driver picks the receiver from the hospital's staff
    const staff = await api
      .http()
      .get(`/facilities/${hospitalId}/staff`)
      .set(auth(driver.accessToken))
      .expect(200);
    expect(staff.body).toHaveLength(1);
    const image = await api
      .http()
      .get(`/delivery-proofs/${sha256(signature)}`)
      .set(auth(hospital.accessToken))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', /image\/png/);
    expect(sha256(image.body as Buffer)).toBe(sha256(signature));
    // another hospital does not see it
    const other = await api.login('hospital', { facilityId: otherHospitalId });
    await api
      .http()
      .get(`/delivery-proofs/${sha256(signature)}`)
      .set(auth(other.accessToken))
      .expect(404);
  });

  it('refuses an image type it does not keep, and a malformed hash in a delivery, by field', async () => {
    await api
      .http()
      .put(`/delivery-proofs/${'a'.repeat(64)}?facilityId=${hospitalId}`)
      .set(auth(driver.accessToken))
      .set('Content-Type', 'application/pdf')
      .send(Buffer.from('%PDF'))
      .expect(415);
    const response = await api
      .http()
      .post(`/trips/00000000-0000-4000-8000-000000000000/deliveries`)
      .set(auth(driver.accessToken))
      .send({
        facilityId: hospitalId,
        delivered: ['X1'],
        collected: [],
        receivedBy: 'x',
        proof: { signatureSha256: 'not-a-hash' },
      })
      .expect(400);
    expect(JSON.stringify(response.body)).toContain('signatureSha256');
  });
});

import type { Role } from '../src/access/actor';
import { NetworkService } from '@oxyledger/network';
import { startTestApp, type TestApp, uniqueName as unique } from './support/test-app';

describe('api (e2e): facilities and vehicles', () => {
  let api: TestApp;
  let admin: string;
  let hospitalUser: string;
  let analyst: string;

  const http = () => api.http();
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** Creates a user from code, as the demo seed does, and logs them in: an access token. */
  async function tokenFor(role: Role, scope: { facilityId?: string } = {}): Promise<string> {
    return (await api.login(role, scope)).accessToken;
  }

  function producer(overrides: Record<string, unknown> = {}) {
    return {
      id: unique('baghdad-psa'),
      kind: 'producer',
      name: 'Baghdad PSA plant',
      governorate: 'Baghdad',
      latitude: 33.3152,
      longitude: 44.3661,
      supplierId: 'baghdad-oxygen-co',
      ...overrides,
    };
  }

  function hospital(overrides: Record<string, unknown> = {}) {
    return {
      id: unique('basra-general'),
      kind: 'hospital',
      name: 'Basra General Hospital',
      governorate: 'Basra',
      latitude: 30.5085,
      longitude: 47.7804,
      receivingHours: { opens: '08:00', closes: '16:00' },
      ...overrides,
    };
  }

  async function createFacility(body: Record<string, unknown>) {
    const response = await http().post('/admin/facilities').set(as(admin)).send(body);
    expect(response.status).toBe(201);
    return response.body as { id: string; updatedAt: string };
  }

  function truck(depotFacilityId: string, overrides: Record<string, unknown> = {}) {
    return {
      id: unique('baghdad-truck'),
      registrationPlate: 'BGD 12345',
      depotFacilityId,
      capacity: { J: 60, E: 120 },
      supplierId: 'baghdad-oxygen-co',
      ...overrides,
    };
  }

  /** The `field:rule` pairs of a 400, sorted. */
  function violations(body: { violations?: { field: string; rule: string }[] }): string[] {
    return (body.violations ?? []).map(({ field, rule }) => `${field}:${rule}`).sort();
  }

  beforeAll(async () => {
    api = await startTestApp();
    admin = await tokenFor('admin');
    analyst = await tokenFor('analyst');
    const store = await createFacility(hospital());
    hospitalUser = await tokenFor('hospital', { facilityId: store.id });
  });

  afterAll(() => api?.close());

  describe('facilities', () => {
    it('an admin creates one; any logged-in user reads it', async () => {
      const body = hospital();
      const created = await http().post('/admin/facilities').set(as(admin)).send(body).expect(201);

      const expected = {
        ...body,
        supplierId: null,
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      };
      expect(created.body).toEqual(expected);

      const read = await http().get(`/facilities/${body.id}`).set(as(hospitalUser)).expect(200);
      expect(read.body).toEqual(expected);
    });

    it('needs an access token to read', async () => {
      await http().get('/facilities').expect(401);
    });

    it('refuses a second facility with the same id: 409 naming it', async () => {
      const body = producer();
      await createFacility(body);

      const response = await http()
        .post('/admin/facilities')
        .set(as(admin))
        .send({ ...body, name: 'Another plant' })
        .expect(409);

      expect(response.body).toMatchObject({
        statusCode: 409,
        error: 'facility.already-exists',
        message: `Facility ${body.id} already exists`,
      });
    });

    it('answers 404 naming an unknown id, on read and on update', async () => {
      const id = unique('nowhere');

      const read = await http().get(`/facilities/${id}`).set(as(admin)).expect(404);
      expect(read.body).toMatchObject({
        error: 'facility.not-found',
        message: `Facility ${id} does not exist`,
      });

      await http().patch(`/admin/facilities/${id}`).set(as(admin)).send({ name: 'x' }).expect(404);
    });

    it('answers 400 naming each broken field and its rule', async () => {
      const response = await http()
        .post('/admin/facilities')
        .set(as(admin))
        .send(
          hospital({
            id: 'Basra General',
            governorate: 'Basrah',
            latitude: 95,
            receivingHours: { opens: '16:00', closes: '08:00' },
            beds: 200,
          }),
        )
        .expect(400);

      expect(violations(response.body)).toEqual([
        'beds:whitelistValidation',
        'governorate:isGovernorate',
        'id:isSlug',
        'latitude:max',
        'receivingHours:isReceivingHours',
      ]);
      const hours = response.body.violations.find(
        (v: { field: string }) => v.field === 'receivingHours',
      );
      expect(hours.message).toBe(
        'receivingHours.opens (16:00) must be before receivingHours.closes (08:00)',
      );
    });

    it('requires a supplier for a producer, and refuses one for a hospital', async () => {
      const noSupplier = await http()
        .post('/admin/facilities')
        .set(as(admin))
        .send(producer({ supplierId: undefined }))
        .expect(400);
      expect(noSupplier.body.violations).toEqual([
        {
          field: 'supplierId',
          rule: 'supplierIdByKind',
          message: 'supplierId is required for a producer',
        },
      ]);

      const withSupplier = await http()
        .post('/admin/facilities')
        .set(as(admin))
        .send(hospital({ supplierId: 'basra-oxygen-co' }))
        .expect(400);
      expect(violations(withSupplier.body)).toEqual(['supplierId:supplierIdByKind']);
    });

    it('only admins create or change facilities: 403 otherwise', async () => {
      const body = hospital();
      await http().post('/admin/facilities').set(as(hospitalUser)).send(body).expect(403);
      const response = await http()
        .post('/admin/facilities')
        .set(as(analyst))
        .send(body)
        .expect(403);
      expect(response.body.error).toBe('access.role-required');

      const { id } = await createFacility(body);
      await http()
        .patch(`/admin/facilities/${id}`)
        .set(as(hospitalUser))
        .send({ name: 'Mine now' })
        .expect(403);
    });

    it('an admin changes the given fields and clears receiving hours with null', async () => {
      const created = await createFacility(hospital());

      const response = await http()
        .patch(`/admin/facilities/${created.id}`)
        .set(as(admin))
        .send({ name: '  Basra Teaching Hospital ', receivingHours: null, active: false })
        .expect(200);

      expect(response.body).toMatchObject({
        id: created.id,
        name: 'Basra Teaching Hospital',
        governorate: 'Basra',
        receivingHours: null,
        active: false,
      });
      expect(Date.parse(response.body.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(created.updatedAt),
      );
      const read = await http().get(`/facilities/${created.id}`).set(as(admin)).expect(200);
      expect(read.body).toEqual(response.body);
    });

    it('refuses an update that breaks a rule, required fields set to null, or a new id', async () => {
      const { id } = await createFacility(hospital());

      const response = await http()
        .patch(`/admin/facilities/${id}`)
        .set(as(admin))
        .send({ id: 'renamed', name: null, longitude: 181 })
        .expect(400);
      expect(violations(response.body)).toEqual(
        expect.arrayContaining(['id:whitelistValidation', 'name:isString', 'longitude:max']),
      );

      // Becoming a producer needs a supplier: the merged record is checked.
      const kind = await http()
        .patch(`/admin/facilities/${id}`)
        .set(as(admin))
        .send({ kind: 'producer' })
        .expect(400);
      expect(violations(kind.body)).toEqual(['supplierId:supplierIdByKind']);
    });

    it('lists page by page with filters: {items, page, pageSize, total}', async () => {
      const supplierId = unique('najaf-oxygen');
      const ids = [unique('najaf-a'), unique('najaf-b'), unique('najaf-c')].sort();
      for (const id of ids) {
        await createFacility(
          producer({ id, supplierId, governorate: 'Najaf', latitude: 32, longitude: 44.3 }),
        );
      }

      const first = await http()
        .get('/facilities')
        .query({ supplierId, pageSize: 2 })
        .set(as(hospitalUser))
        .expect(200);
      expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
      expect(first.body.items.map((f: { id: string }) => f.id)).toEqual(ids.slice(0, 2));

      const second = await http()
        .get('/facilities')
        .query({ supplierId, pageSize: 2, page: 2 })
        .set(as(hospitalUser))
        .expect(200);
      expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
      expect(second.body.items.map((f: { id: string }) => f.id)).toEqual(ids.slice(2));

      const filtered = await http()
        .get('/facilities')
        .query({ kind: 'producer', governorate: 'Najaf', active: 'true', pageSize: 200 })
        .set(as(analyst))
        .expect(200);
      expect(filtered.body.total).toBeGreaterThanOrEqual(3);
      for (const item of filtered.body.items) {
        expect(item).toMatchObject({ kind: 'producer', governorate: 'Najaf', active: true });
      }
    });

    it('refuses bad list parameters: 400', async () => {
      const response = await http()
        .get('/facilities')
        .query({ pageSize: 201, kind: 'clinic', sort: 'name' })
        .set(as(admin))
        .expect(400);
      expect(violations(response.body)).toEqual([
        'kind:isIn',
        'pageSize:max',
        'sort:whitelistValidation',
      ]);
    });
  });

  describe('vehicles', () => {
    let depotId: string;

    beforeAll(async () => {
      depotId = (await createFacility(producer())).id;
    });

    it('an admin creates one at a producer; any logged-in user reads it', async () => {
      const body = truck(depotId);
      const created = await http().post('/admin/vehicles').set(as(admin)).send(body).expect(201);

      const expected = {
        ...body,
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      };
      expect(created.body).toEqual(expected);
      const read = await http().get(`/vehicles/${body.id}`).set(as(hospitalUser)).expect(200);
      expect(read.body).toEqual(expected);
    });

    it('refuses a second vehicle with the same id: 409', async () => {
      const body = truck(depotId);
      await http().post('/admin/vehicles').set(as(admin)).send(body).expect(201);

      const response = await http().post('/admin/vehicles').set(as(admin)).send(body).expect(409);
      expect(response.body).toMatchObject({
        error: 'vehicle.already-exists',
        message: `Vehicle ${body.id} already exists`,
      });
    });

    it('needs a depot that exists and is a producer or depot: 400 naming it', async () => {
      const missing = unique('nowhere');
      const unknown = await http()
        .post('/admin/vehicles')
        .set(as(admin))
        .send(truck(missing))
        .expect(400);
      expect(unknown.body.violations).toEqual([
        {
          field: 'depotFacilityId',
          rule: 'isExistingDepot',
          message: `depotFacilityId: facility ${missing} does not exist`,
        },
      ]);

      const { id: hospitalId } = await createFacility(hospital());
      const atHospital = await http()
        .post('/admin/vehicles')
        .set(as(admin))
        .send(truck(hospitalId))
        .expect(400);
      expect(atHospital.body.violations[0].message).toBe(
        `depotFacilityId: facility ${hospitalId} is a hospital; vehicles are based at a producer or depot`,
      );
    });

    it('checks the capacity per size code: 400 naming the rule', async () => {
      for (const capacity of [{ j: 60 }, { J: -1 }, { J: 0, E: 0 }, { J: 2.5 }, []]) {
        const response = await http()
          .post('/admin/vehicles')
          .set(as(admin))
          .send(truck(depotId, { capacity }))
          .expect(400);
        expect(violations(response.body)).toEqual(['capacity:isVehicleCapacity']);
      }
    });

    it('answers 404 naming an unknown id, and 403 to non-admins', async () => {
      const id = unique('no-truck');
      const read = await http().get(`/vehicles/${id}`).set(as(admin)).expect(404);
      expect(read.body).toMatchObject({
        error: 'vehicle.not-found',
        message: `Vehicle ${id} does not exist`,
      });
      await http()
        .patch(`/admin/vehicles/${id}`)
        .set(as(admin))
        .send({ active: false })
        .expect(404);

      await http().post('/admin/vehicles').set(as(hospitalUser)).send(truck(depotId)).expect(403);
    });

    it('an admin changes capacity and depot; the new depot is checked', async () => {
      const body = truck(depotId);
      await http().post('/admin/vehicles').set(as(admin)).send(body).expect(201);
      const newDepot = (await createFacility(producer({ kind: 'depot', name: 'Baghdad depot' })))
        .id;

      const response = await http()
        .patch(`/admin/vehicles/${body.id}`)
        .set(as(admin))
        .send({ capacity: { J: 40 }, depotFacilityId: newDepot })
        .expect(200);
      expect(response.body).toMatchObject({
        id: body.id,
        capacity: { J: 40 },
        depotFacilityId: newDepot,
      });

      const { id: hospitalId } = await createFacility(hospital());
      await http()
        .patch(`/admin/vehicles/${body.id}`)
        .set(as(admin))
        .send({ depotFacilityId: hospitalId })
        .expect(400);
      const nulls = await http()
        .patch(`/admin/vehicles/${body.id}`)
        .set(as(admin))
        .send({ registrationPlate: null })
        .expect(400);
      expect(violations(nulls.body)).toContain('registrationPlate:isString');
    });

    it('lists by depot, page by page', async () => {
      const { id: depot } = await createFacility(producer());
      const ids = [unique('truck-a'), unique('truck-b')].sort();
      for (const id of ids) {
        await http().post('/admin/vehicles').set(as(admin)).send(truck(depot, { id })).expect(201);
      }

      const response = await http()
        .get('/vehicles')
        .query({ depotFacilityId: depot, pageSize: 1, page: 2 })
        .set(as(analyst))
        .expect(200);
      expect(response.body).toMatchObject({ page: 2, pageSize: 1, total: 2 });
      expect(response.body.items.map((v: { id: string }) => v.id)).toEqual([ids[1]]);
    });

    it('a facility vehicles are based at cannot become a hospital: 409', async () => {
      const { id: depot } = await createFacility(producer());
      const body = truck(depot);
      await http().post('/admin/vehicles').set(as(admin)).send(body).expect(201);

      const response = await http()
        .patch(`/admin/facilities/${depot}`)
        .set(as(admin))
        .send({ kind: 'hospital', supplierId: null })
        .expect(409);
      expect(response.body).toMatchObject({
        error: 'facility.has-vehicles',
        vehicleIds: [body.id],
      });
      expect(response.body.message).toContain(`Facility ${depot} is the depot of vehicle(s)`);
    });
  });

  describe('NetworkService (for the demo seed and command handlers)', () => {
    it('ensureFacility and ensureVehicle are idempotent by id and keep admin changes', async () => {
      const network = api.app.get(NetworkService);
      const input = {
        id: unique('erbil-asu'),
        kind: 'producer' as const,
        name: 'Erbil ASU',
        governorate: 'Erbil',
        latitude: 36.19,
        longitude: 44.01,
        supplierId: 'erbil-gas',
      };

      const first = await network.ensureFacility(input);
      await network.updateFacility(input.id, { name: 'Erbil air separation unit' });
      const again = await network.ensureFacility(input);
      expect(again).toMatchObject({ id: input.id, name: 'Erbil air separation unit' });
      expect(again.createdAt).toEqual(first.createdAt);

      const vehicle = {
        id: unique('erbil-truck'),
        registrationPlate: 'EBL 1',
        depotFacilityId: input.id,
        capacity: { J: 30 },
        supplierId: 'erbil-gas',
      };
      const created = await network.ensureVehicle(vehicle);
      expect(await network.ensureVehicle({ ...vehicle, capacity: { J: 99 } })).toEqual(created);
    });
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const response = await http().get('/docs-json').expect(200);

    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(
        [
          '/admin/facilities',
          '/admin/facilities/{id}',
          '/facilities',
          '/facilities/{id}',
          '/admin/vehicles',
          '/admin/vehicles/{id}',
          '/vehicles',
          '/vehicles/{id}',
        ].map((path) => `/api/v1${path}`),
      ),
    );
    const create = response.body.components.schemas.CreateFacilityRequest;
    expect(create.required).toEqual(
      expect.arrayContaining(['id', 'kind', 'name', 'governorate', 'latitude', 'longitude']),
    );
    expect(create.properties.governorate.enum).toContain('Halabja');
  });
});

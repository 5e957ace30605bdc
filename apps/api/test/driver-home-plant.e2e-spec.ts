import { NetworkService } from '@oxyledger/network';
import { startTestApp, type TestApp, TEST_PASSWORD, uniqueName } from './support/test-app';

/** Admins give a driver a home plant (where the planner starts their routes) through the api. */
describe('api (e2e): a driver’s home plant', () => {
  let api: TestApp;
  let admin: string;
  const supplier = uniqueName('north-oxygen');
  const otherSupplier = uniqueName('south-oxygen');
  const plant = uniqueName('mosul-asu');
  const secondPlant = uniqueName('erbil-asu');
  const othersPlant = uniqueName('basra-asu');
  const hospital = uniqueName('mosul-general');

  beforeAll(async () => {
    api = await startTestApp();
    admin = (await api.login('admin')).accessToken;
    const network = api.app.get(NetworkService);
    const at = { governorate: 'Nineveh', latitude: 36.34, longitude: 43.13 };
    await network.createFacility({
      id: plant,
      kind: 'producer',
      name: plant,
      supplierId: supplier,
      ...at,
    });
    await network.createFacility({
      id: secondPlant,
      kind: 'producer',
      name: secondPlant,
      supplierId: supplier,
      ...at,
    });
    await network.createFacility({
      id: othersPlant,
      kind: 'producer',
      name: othersPlant,
      supplierId: otherSupplier,
      ...at,
    });
    await network.createFacility({ id: hospital, kind: 'hospital', name: hospital, ...at });
  });

  afterAll(async () => {
    await api?.close();
  });

  // a driver without a supplier leaves supplierId out (null is refused by field)
  const driverBody = (homePlantId: unknown, supplierId: string | null = supplier) => ({
    username: uniqueName('driver'),
    password: TEST_PASSWORD,
    role: 'driver',
    ...(supplierId === null ? {} : { supplierId }),
    homePlantId,
  });

  const create = (body: object) =>
    api.http().post('/admin/users').set('Authorization', `Bearer ${admin}`).send(body);
  const update = (id: string, body: object) =>
    api.http().patch(`/admin/users/${id}`).set('Authorization', `Bearer ${admin}`).send(body);

  it('creates a driver with a plant of their supplier as home plant', async () => {
    const response = await create(driverBody(plant)).expect(201);
    expect(response.body).toMatchObject({
      role: 'driver',
      supplierId: supplier,
      homePlantId: plant,
    });
    const shown = await api
      .http()
      .get(`/admin/users/${response.body.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(shown.body.homePlantId).toBe(plant);
  });

  it.each([
    ['a facility that does not exist', () => uniqueName('nowhere-asu'), 'facilityExists'],
    ['a hospital', () => hospital, 'isPlant'],
    ["another supplier's plant", () => othersPlant, 'plantOfDriversSupplier'],
  ])(
    'refuses %s as home plant with a 400 naming homePlantId, and creates nobody',
    async (_, id, rule) => {
      const body = driverBody(id());
      const response = await create(body).expect(400);
      expect(response.body.violations).toEqual([
        expect.objectContaining({ field: 'homePlantId', rule }),
      ]);
      const listed = await api
        .http()
        .get('/admin/users?role=driver&pageSize=200')
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      expect(listed.body.items.map((u: { username: string }) => u.username)).not.toContain(
        body.username,
      );
    },
  );

  it('refuses a home plant for a driver without a supplier, and for anyone but a driver', async () => {
    const noSupplier = await create(driverBody(plant, null)).expect(400);
    expect(noSupplier.body.violations).toEqual([
      expect.objectContaining({ field: 'homePlantId', rule: 'plantOfDriversSupplier' }),
    ]);
    const dispatcher = await create({
      username: uniqueName('dispatcher'),
      password: TEST_PASSWORD,
      role: 'dispatcher',
      supplierId: supplier,
      homePlantId: plant,
    }).expect(400);
    expect(dispatcher.body.violations).toEqual([
      expect.objectContaining({ field: 'homePlantId', rule: 'notAllowedForRole' }),
    ]);
  });

  it('refuses a home plant that is not a slug before looking it up', async () => {
    const response = await create(driverBody('Not A Slug!')).expect(400);
    expect(response.body.violations).toEqual([expect.objectContaining({ field: 'homePlantId' })]);
  });

  it('changes, keeps and clears the home plant on update, checking it against the final supplier', async () => {
    const driver = (await create(driverBody(plant)).expect(201)).body as { id: string };

    expect(
      (await update(driver.id, { homePlantId: secondPlant }).expect(200)).body.homePlantId,
    ).toBe(secondPlant);
    // a supplier change that leaves the home plant with the old supplier is refused, unchanged
    const moved = await update(driver.id, { supplierId: otherSupplier }).expect(400);
    expect(moved.body.violations).toEqual([
      expect.objectContaining({ field: 'homePlantId', rule: 'plantOfDriversSupplier' }),
    ]);
    // …and accepted with a plant of the new supplier
    const both = await update(driver.id, { supplierId: otherSupplier, homePlantId: othersPlant });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ supplierId: otherSupplier, homePlantId: othersPlant });

    const hospitalAsHome = await update(driver.id, { homePlantId: hospital }).expect(400);
    expect(hospitalAsHome.body.violations[0]).toMatchObject({
      field: 'homePlantId',
      rule: 'isPlant',
    });

    expect(
      (await update(driver.id, { homePlantId: null }).expect(200)).body.homePlantId,
    ).toBeNull();
  });

  it('clears the home plant when the driver becomes a dispatcher', async () => {
    const driver = (await create(driverBody(plant)).expect(201)).body as { id: string };
    const response = await update(driver.id, { role: 'dispatcher' }).expect(200);
    expect(response.body).toMatchObject({ role: 'dispatcher', homePlantId: null });
  });
});

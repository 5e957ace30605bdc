import { createHash } from 'node:crypto';
import { ProjectorService } from '@oxyledger/read-models';
import { ROLES, type Role } from '../src/access/actor';
import { NetworkService } from '@oxyledger/network';
import { projectorCaughtUp } from './support/projector';
import { startTestApp, type TestApp, uniqueName } from './support/test-app';

// catching the projector up scans the run's whole ledger, which grows through the suite
jest.setTimeout(180_000);

/**
 * The partner network through the real api, PostgreSQL and the projector: the directory with
 * consent-scoped contacts for every role, CSV import all-or-nothing, the partner role kept off
 * the ledger, and a help request's whole life.
 */
describe('api (e2e): partner directory and help requests', () => {
  let api: TestApp;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const tokens = {} as Record<Role, string>;
  let partnerUserId: string;
  let plantId: string;
  let hospitalId: string;
  let orgId: string;
  let expertId: string;
  let remoteExpertId: string;

  beforeAll(async () => {
    api = await startTestApp();
    api.app.get(ProjectorService).start();
    const network = api.app.get(NetworkService);
    plantId = uniqueName('psa');
    hospitalId = uniqueName('hosp');
    await network.ensureFacility({
      id: plantId,
      kind: 'producer',
      name: 'Basra PSA',
      supplierId: 'basra-oxygen',
      governorate: 'Basra',
      latitude: 30.5,
      longitude: 47.8,
    });
    await network.ensureFacility({
      id: hospitalId,
      kind: 'hospital',
      name: 'Basra Teaching',
      governorate: 'Basra',
      latitude: 30.51,
      longitude: 47.81,
    });
    for (const role of ROLES) {
      const scope =
        role === 'producer'
          ? { facilityId: plantId }
          : role === 'hospital'
            ? { facilityId: hospitalId }
            : {};
      const login = await api.login(role, scope);
      tokens[role] = login.accessToken;
      if (role === 'partner') partnerUserId = login.id;
    }
    orgId = uniqueName('org');
    expertId = uniqueName('ali');
    remoteExpertId = uniqueName('far');
    await api
      .http()
      .put(`/partners/organisations/${orgId}`)
      .set(auth(tokens.admin))
      .send({
        name: `Southern PSA Services ${orgId}`,
        kind: 'service-company',
        governorates: ['Basra', 'Maysan'],
        services: ['psa-plant', 'electrical'],
        surgeCapacity: '2 technicians within 24 h',
        facilityIds: [plantId],
      })
      .expect(200);
    await api
      .http()
      .put(`/partners/people/${expertId}`)
      .set(auth(tokens.admin))
      .send({
        name: `Ali Hassan ${expertId}`,
        organisationId: orgId,
        jobTitle: 'PSA technician',
        tags: ['psa-plant', 'electrical'],
        governorates: ['Basra'],
        languages: ['ar', 'en'],
        available: true,
        userId: partnerUserId,
        contacts: [
          { channel: 'phone', value: '+964 770 111 2233', shareWith: ['dispatcher', 'admin'] },
          {
            channel: 'email',
            value: `${expertId}@example.org`,
            shareWith: ['partner', 'hospital'],
          },
          { channel: 'whatsapp', value: '+964 770 999 8877', shareWith: [] },
        ],
      })
      .expect(200);
    await api
      .http()
      .put(`/partners/people/${remoteExpertId}`)
      .set(auth(tokens.admin))
      .send({
        name: `Far Away ${remoteExpertId}`,
        tags: ['psa-plant'],
        governorates: ['Duhok'],
        languages: ['ckb'],
        available: true,
      })
      .expect(200);
  });
  afterAll(() => api?.close());

  /** Written out by hand from the consent above; not computed by the code under test. */
  const SEES: Record<Role, string[]> = {
    producer: [],
    driver: [],
    hospital: ['email'],
    dispatcher: ['phone'],
    analyst: [],
    admin: ['phone'],
    partner: ['email', 'phone', 'whatsapp'], // the partner is Ali himself: all his own channels
  };

  it.each(ROLES.map((role) => [role]))(
    'shows role %s only the contacts Ali shared with it, in every answer that carries him',
    async (role) => {
      const answers = await Promise.all([
        api.http().get(`/partners/people/${expertId}`).set(auth(tokens[role])),
        api.http().get(`/partners/people?q=${expertId}`).set(auth(tokens[role])),
        api.http().get(`/partners/organisations/${orgId}`).set(auth(tokens[role])),
        api.http().get(`/partners/experts?facilityId=${plantId}`).set(auth(tokens[role])),
        api.http().get('/partners/people/export.csv').set(auth(tokens[role])),
      ]);
      const values: Record<string, string> = {
        phone: '+964 770 111 2233',
        email: `${expertId}@example.org`,
        whatsapp: '+964 770 999 8877',
      };
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        const text = answer.text;
        for (const [channel, value] of Object.entries(values)) {
          if (SEES[role].includes(channel)) expect(text).toContain(value);
          else expect(text).not.toContain(value);
        }
      }
      const page = answers[0].body;
      expect(page.contacts.map((c: { channel: string }) => c.channel).sort()).toEqual(
        [...SEES[role]].sort(),
      );
      expect(page.hiddenContacts).toBe(3 - SEES[role].length);
    },
  );

  it('filters by tag, governorate, organisation kind and availability', async () => {
    const get = (query: string) =>
      api.http().get(`/partners/people?${query}`).set(auth(tokens.analyst)).expect(200);
    const ids = (body: { items: { id: string }[] }) => body.items.map((p) => p.id);
    expect(ids((await get('tag=electrical&governorate=Basra&pageSize=200')).body)).toContain(
      expertId,
    );
    expect(ids((await get('governorate=Duhok&pageSize=200')).body)).toContain(remoteExpertId);
    expect(ids((await get('governorate=Duhok&pageSize=200')).body)).not.toContain(expertId);
    expect(ids((await get(`organisationKind=service-company&q=${expertId}`)).body)).toEqual([
      expertId,
    ]);
    await api
      .http()
      .put(`/partners/people/${remoteExpertId}/availability`)
      .set(auth(tokens.admin))
      .send({ available: false })
      .expect(200);
    expect(ids((await get(`available=true&q=${remoteExpertId}`)).body)).toEqual([]);
    await api.http().get('/partners/people?tag=welding').set(auth(tokens.analyst)).expect(400);
  });

  it('ranks who can fix the plant by expertise and distance', async () => {
    const { body } = await api
      .http()
      .get(`/partners/experts?facilityId=${plantId}`)
      .set(auth(tokens.dispatcher))
      .expect(200);
    const ours = body.people.filter((p: { person: { id: string } }) =>
      [expertId, remoteExpertId].includes(p.person.id),
    );
    expect(ours[0]).toMatchObject({ person: { id: expertId }, expertise: 3, distanceKm: 0 });
    expect(
      body.organisations.map((o: { organisation: { id: string } }) => o.organisation.id),
    ).toContain(orgId);
  });

  it('refuses a bad record naming each field, and keeps the history of changes', async () => {
    const bad = await api
      .http()
      .put(`/partners/organisations/${uniqueName('x')}`)
      .set(auth(tokens.admin))
      .send({
        name: 'X',
        kind: 'service-company',
        governorates: ['Basra'],
        services: [],
        facilityIds: ['no-such-plant'],
      })
      .expect(422);
    expect(bad.body.issues).toEqual([
      { field: 'facilityIds[0]', rule: 'names no facility (no-such-plant)' },
    ]);
    await api
      .http()
      .put(`/partners/people/${expertId}`)
      .set(auth(tokens.dispatcher))
      .send({})
      .expect(403);
    const history = await api
      .http()
      .get(`/partners/people/${remoteExpertId}/history`)
      .set(auth(tokens.admin))
      .expect(200);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual(['updated', 'created']);
    expect(history.body[0]).toMatchObject({
      before: { available: true },
      after: { available: false },
    });
  });

  it('imports a CSV all or nothing, naming each bad line', async () => {
    const a = uniqueName('csv-a');
    const b = uniqueName('csv-b');
    const header =
      'id,name,organisationId,tags,governorates,languages,available,email,emailShareWith';
    const refused = await api
      .http()
      .post('/partners/people/import')
      .set(auth(tokens.admin))
      .send({
        csv: `${header}\n${a},Amal,${orgId},biomedical,Najaf,ar,true,amal@example.org,partner\n${b},Bad,,biomedical,Najaf,ar,true,not-an-email,\n`,
      })
      .expect(422);
    expect(refused.body.errors).toEqual([
      { line: 3, id: b, field: 'email', rule: 'must be an e-mail address' },
    ]);
    await api.http().get(`/partners/people/${a}`).set(auth(tokens.admin)).expect(404);

    const imported = await api
      .http()
      .post('/partners/people/import')
      .set(auth(tokens.admin))
      .send({
        csv: `${header}\n${a},Amal,${orgId},biomedical,Najaf,ar,true,amal@example.org,partner\n${b},Bashir,,logistics,Najaf;Karbala,ar;en,false,,\n`,
      })
      .expect(200);
    expect(imported.body).toEqual({ created: 2, updated: 0 });
    await api
      .http()
      .post('/partners/people/import')
      .set(auth(tokens.partner))
      .send({ csv: 'x' })
      .expect(403);
  });

  it('keeps the partner role off every route but the directory, help requests, its inbox and its own login', async () => {
    // every route the api has, read from the router: one written after this test is covered too
    const router = (
      api.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    const routes = router.stack
      .filter((layer) => layer.route)
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map((method) => ({ method, path: layer.route!.path })),
      )
      .filter(({ method }) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      // the api's own routes, not the catch-all answering 404 for unknown ones
      .filter(({ path }) => path.startsWith('/api/v1/') && !path.includes('*'));
    // everyone has an inbox: a partner assigned a request is told of it there
    const open = /^\/api\/v1\/(partners|help-requests|auth|notifications)(\/|$)/;
    const closed = routes.filter(({ path }) => !open.test(path));
    expect(closed.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const { method, path } of closed) {
      const url = path.replace(/:[A-Za-z]+/g, 'x').replace(/^\/api\/v1/, '');
      const call = api.http()[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
      const response = await call.set(auth(tokens.partner)).send({});
      if (response.status !== 403)
        wrong.push(`${method.toUpperCase()} ${path}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
    await api.http().get('/auth/me').set(auth(tokens.partner)).expect(200);
    await api.http().get('/partners/people').set(auth(tokens.partner)).expect(200);
    await api.http().get('/help-requests').set(auth(tokens.partner)).expect(200);
    // and never write to the directory
    await api
      .http()
      .put(`/partners/people/${remoteExpertId}`)
      .set(auth(tokens.partner))
      .send({})
      .expect(403);
  });

  it('offers a maintenance request while a plant is down', async () => {
    const down = await api
      .http()
      .post(`/plants/${plantId}/status`)
      .set(auth(tokens.producer))
      .send({ status: 'down', reason: 'Compressor tripped' })
      .expect(200);
    expect(down.body.helpRequestOffer).toEqual({
      category: 'plant-breakdown',
      facilityId: plantId,
    });
  });

  it('takes a help request from opened to closed, refusing illegal steps with 409', async () => {
    const photo = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const sha256 = createHash('sha256').update(photo).digest('hex');
    await api
      .http()
      .put(`/help-requests/photos/${sha256}`)
      .set(auth(tokens.producer))
      .set('Content-Type', 'image/png')
      .send(photo)
      .expect(201);
    const opened = await api
      .http()
      .post('/help-requests')
      .set(auth(tokens.producer))
      .send({
        category: 'plant-breakdown',
        urgency: 'high',
        facilityId: plantId,
        title: 'PSA plant down',
        description: 'Compressor tripped at 06:00, no output',
        photos: [sha256],
      })
      .expect(201);
    const id = opened.body.requestId as string;
    expect(opened.body).toMatchObject({ status: 'opened', facilityId: plantId });
    // a producer of another plant, a driver and an analyst may not open one here
    await api
      .http()
      .post('/help-requests')
      .set(auth(tokens.hospital))
      .send({
        category: 'maintenance',
        urgency: 'low',
        facilityId: plantId,
        title: 't',
        description: 'd',
      })
      .expect(403);
    const step = (token: string, action: string, body: object = {}) =>
      api.http().post(`/help-requests/${id}/${action}`).set(auth(token)).send(body);

    const early = await step(tokens.partner, 'resolve', { resolution: 'x' });
    expect(early.status).toBe(403); // not on it yet
    const illegal = await step(tokens.dispatcher, 'close');
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({
      currentState: 'opened',
      error: 'help-request.illegal-transition',
    });

    await step(tokens.dispatcher, 'triage', { urgency: 'critical' }).expect(200);
    const suggestions = await api
      .http()
      .get(`/help-requests/${id}/suggestions`)
      .set(auth(tokens.dispatcher))
      .expect(200);
    expect(suggestions.body.people[0].person.id).toBe(expertId);
    const assigned = await step(tokens.dispatcher, 'assign', {
      kind: 'person',
      id: expertId,
    }).expect(200);
    expect(assigned.body.assignee).toEqual({ kind: 'person', id: expertId, userId: partnerUserId });
    await step(tokens.partner, 'start').expect(200);
    await step(tokens.partner, 'comments', { note: 'Relay ordered from Baghdad' }).expect(200);
    const again = await step(tokens.partner, 'start');
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('it is in-progress');
    await step(tokens.partner, 'resolve', { resolution: 'Replaced the compressor relay' }).expect(
      200,
    );
    await step(tokens.producer, 'close').expect(200);
    await step(tokens.producer, 'reopen', { reason: '' }).expect(400);

    const detail = await api
      .http()
      .get(`/help-requests/${id}`)
      .set(auth(tokens.partner))
      .expect(200);
    expect(detail.body).toMatchObject({
      status: 'closed',
      photos: [sha256],
      facility: { id: plantId },
    });
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'HelpRequestOpened',
      'HelpRequestTriaged',
      'HelpRequestAssigned',
      'HelpRequestStarted',
      'HelpRequestCommented',
      'HelpRequestResolved',
      'HelpRequestClosed',
    ]);
    await step(tokens.dispatcher, 'triage', { urgency: 'low' }).expect(409); // it is closed
    for (const unknown of [
      '00000000-0000-4000-8000-000000000000',
      'not-a-request',
      'x'.repeat(300),
    ]) {
      await api.http().get(`/help-requests/${unknown}`).set(auth(tokens.partner)).expect(404);
      await api
        .http()
        .post(`/help-requests/${unknown}/start`)
        .set(auth(tokens.dispatcher))
        .send({})
        .expect(404);
    }
    const image = await api
      .http()
      .get(`/help-requests/photos/${sha256}`)
      .set(auth(tokens.partner))
      .expect(200);
    expect(Buffer.compare(image.body as Buffer, photo)).toBe(0);

    await projectorCaughtUp(api);
    const board = await api
      .http()
      .get(`/help-requests?facilityId=${plantId}`)
      .set(auth(tokens.analyst))
      .expect(200);
    expect(board.body.items).toEqual([
      expect.objectContaining({
        requestId: id,
        status: 'closed',
        urgency: 'critical',
        governorate: 'Basra',
        assignee: { kind: 'person', id: expertId, name: `Ali Hassan ${expertId}` },
        comments: 1,
      }),
    ]);
    const stats = await api
      .http()
      .get('/help-requests/stats')
      .set(auth(tokens.analyst))
      .expect(200);
    expect(stats.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          category: 'plant-breakdown',
          governorate: 'Basra',
          assigned: expect.any(Number),
        }),
      ]),
    );
  });
});

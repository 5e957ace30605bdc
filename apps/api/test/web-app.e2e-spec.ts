import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import request from 'supertest';
import { NetworkService } from '@oxyledger/network';
import { ProjectorService } from '@oxyledger/read-models';
import { projectorCaughtUp } from './support/projector';
import { startTestApp, type TestApp } from './support/test-app';

/** The api serves the built web app at / and keeps its own routes under /api/v1. */
describe('api (e2e): the web app and what its pages ask for', () => {
  let database: ScratchDatabase;
  let api: TestApp;
  let webRoot: string;
  let analyst: string;
  let staff: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** A page or file of the web app: outside the API prefix the helper adds. */
  const webGet = (path: string) => request(api.app.getHttpServer()).get(path);

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'oxyledger-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(join(webRoot, 'assets', 'app-1a2b.js'), 'console.log(1)');
    database = await createScratchDatabase('webapp');
    api = await startTestApp({ databaseUrl: database.url, webRoot });
    const network = api.app.get(NetworkService);
    for (const id of ['quiet-hospital', 'busy-hospital']) {
      await network.ensureFacility({
        id,
        kind: 'hospital',
        name: id,
        governorate: 'Najaf',
        latitude: 32,
        longitude: 44.3,
      });
    }
    analyst = (await api.login('analyst')).accessToken;
    staff = (await api.login('hospital', { facilityId: 'busy-hospital' })).accessToken;
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('answers page addresses with index.html, never cached', async () => {
    for (const path of ['/', '/overview', '/hospitals/busy-hospital']) {
      const page = await webGet(path).expect(200);
      expect(page.text).toContain('<title>dashboard</title>');
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for a year and a missing one as 404', async () => {
    const asset = await webGet('/assets/app-1a2b.js').expect(200);
    expect(asset.headers['cache-control']).toContain('max-age=31536000');
    expect(asset.headers['cache-control']).toContain('immutable');
    await webGet('/assets/gone.js').expect(404);
  });

  it('keeps unknown API paths a JSON 404, not the app', async () => {
    const response = await api.http().get('/api/v1/no-such-thing').set(auth(analyst)).expect(404);
    expect(response.headers['content-type']).toContain('application/json');
  });

  it('lists the hospitals that have not reported in the window', async () => {
    await api
      .http()
      .post('/hospitals/busy-hospital/census')
      .set(auth(staff))
      .send({ severe: 1, critical: 0 })
      .expect(201);
    // the census is read from the hospital_demand read model
    api.app.get(ProjectorService).start();
    await projectorCaughtUp(api);
    const { body } = await api
      .http()
      .get('/supply/reporting?days=2')
      .set(auth(analyst))
      .expect(200);
    expect(body.days).toBe(2);
    const silent = body.items.map((item: { facilityId: string }) => item.facilityId);
    expect(silent).toContain('quiet-hospital');
    expect(silent).not.toContain('busy-hospital');
  });

  it('refuses a window outside 1–90 days, naming the field', async () => {
    const { body } = await api
      .http()
      .get('/supply/reporting?days=0')
      .set(auth(analyst))
      .expect(400);
    expect(JSON.stringify(body)).toContain('days');
  });
});

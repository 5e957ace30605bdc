import { createHmac, randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { NotificationsRunner } from '@oxyledger/notifications';
import { DataSource } from 'typeorm';
import { NetworkService } from '@oxyledger/network';
import {
  eventually,
  type ReceivedMail,
  startSmtpServer,
  startWebhookReceiver,
} from './support/mail-and-webhook-receivers';
import { startTestApp, type TestApp, uniqueName } from './support/test-app';

type Login = { id: string; accessToken: string };

/**
 * Notifications end to end: ledger events appended for real, derived by the notifications
 * subscriber, e-mailed to a real SMTP server and posted to a real HTTP receiver.
 */
describe('api (e2e): notifications', () => {
  let api: TestApp;
  let store: EventStore;
  let db: DataSource;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let runner: NotificationsRunner;
  const supplier = uniqueName('supplier');
  const otherSupplier = uniqueName('supplier');
  let plantId: string;
  let hospitalId: string;
  let otherHospitalId: string;
  let admin: Login;
  let hospitalUser: Login;
  let otherHospitalUser: Login;
  let dispatcher: Login; // of the plant's supplier
  let otherDispatcher: Login; // of another supplier
  let nationalDispatcher: Login;
  const extraUsers: Login[] = [];
  const auth = (login: Login) => ({ Authorization: `Bearer ${login.accessToken}` });

  const append = (streamName: string, type: string, data: unknown, actorUserId?: string) =>
    store.appendToStream(
      streamName,
      [
        {
          id: randomUUID(),
          type,
          data,
          metadata: {
            schemaVersion: 1,
            ...(actorUserId ? { actor: { userId: actorUserId, role: 'dispatcher' } } : {}),
          },
        },
      ],
      'any',
    );
  const inbox = async (login: Login) =>
    (await api.http().get('/notifications').set(auth(login)).expect(200)).body as {
      items: {
        id: string;
        kind: string;
        params: Record<string, unknown>;
        source: { eventType: string };
      }[];
      unread: number;
    };
  const mailsTo = (address: string): ReceivedMail[] =>
    smtp.mails.filter((mail) => mail.to.includes(address));
  const setEmail = (login: Login, email: string, extra: Record<string, unknown> = {}) =>
    api
      .http()
      .put('/notifications/settings')
      .set(auth(login))
      .send({
        email,
        channels: {},
        timeZone: 'Asia/Baghdad',
        quietHours: null,
        urgentOverridesQuiet: true,
        ...extra,
      })
      .expect(200);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    Object.assign(process.env, {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: 'OxyLedger <alerts@oxyledger.test>',
      NOTIFICATION_ATTEMPTS: '3',
      NOTIFICATION_RETRY_DELAY_MS: '100',
      NOTIFICATION_POLL_MS: '100',
      NOTIFICATIONS_PUBLIC_URL: 'https://oxygen.example.org',
    });
    api = await startTestApp();
    store = api.app.get<EventStore>(EVENT_STORE);
    db = api.app.get(DataSource);
    const network = api.app.get(NetworkService);
    plantId = uniqueName('plant');
    hospitalId = uniqueName('hospital');
    otherHospitalId = uniqueName('hospital');
    const place = { governorate: 'Basra', latitude: 30.5, longitude: 47.8 };
    await network.ensureFacility({
      id: plantId,
      kind: 'producer',
      name: 'Plant',
      supplierId: supplier,
      ...place,
    });
    await network.ensureFacility({ id: hospitalId, kind: 'hospital', name: 'Hospital', ...place });
    await network.ensureFacility({
      id: otherHospitalId,
      kind: 'hospital',
      name: 'Other',
      ...place,
    });
    admin = await api.login('admin');
    hospitalUser = await api.login('hospital', { facilityId: hospitalId });
    otherHospitalUser = await api.login('hospital', { facilityId: otherHospitalId });
    dispatcher = await api.login('dispatcher', { supplierId: supplier });
    otherDispatcher = await api.login('dispatcher', { supplierId: otherSupplier });
    nationalDispatcher = await api.login('dispatcher');
    runner = api.app.get(NotificationsRunner);
    runner.start();
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('e-mails the hospital’s users when it runs out, and puts it in their and the dispatchers’ inboxes only', async () => {
    // Given a hospital user who gave an e-mail address
    await setEmail(hospitalUser, 'ward@hospital.test');
    // When the hospital's supply level goes from low to out
    await append(`hospital-supply-${hospitalId}`, 'SupplyLevelChanged', {
      facilityId: hospitalId,
      from: 'low',
      to: 'out',
      daysOfSupply: 0,
      needLitresPerDay: 1000,
      onHandLitres: 0,
      at: new Date().toISOString(),
    });
    // Then a real e-mail reaches them, naming the hospital
    const [mail] = await eventually(
      () => mailsTo('ward@hospital.test').length > 0 && mailsTo('ward@hospital.test'),
      'the e-mail',
    );
    expect(mail.from).toBe('alerts@oxyledger.test');
    expect(mail.subject).toBe(`${hospitalId}: oxygen supply is out`);
    expect(mail.text).toContain(`Hospital ${hospitalId} has no oxygen cylinders left on hand.`);
    expect(mail.text).toContain(`https://oxygen.example.org/hospitals/${hospitalId}`);
    // and the inbox of the hospital and of every dispatcher, traceable to the event
    for (const user of [hospitalUser, dispatcher, otherDispatcher, nationalDispatcher]) {
      const { items } = await eventually(async () => {
        const box = await inbox(user);
        return box.items.some((n) => n.params.facilityId === hospitalId) && box;
      }, 'the inbox entry');
      expect(items.find((n) => n.params.facilityId === hospitalId)).toMatchObject({
        kind: 'supply-critical',
        source: { eventType: 'SupplyLevelChanged' },
      });
    }
    // but not another hospital's users
    expect((await inbox(otherHospitalUser)).items).toEqual([]);
  });

  it('lets each user read and mark only their own inbox', async () => {
    const { items, unread } = await inbox(hospitalUser);
    expect(unread).toBeGreaterThan(0);
    const mine = items[0].id;
    // Someone else's notification is not found for them
    await api.http().post(`/notifications/${mine}/read`).set(auth(otherHospitalUser)).expect(404);
    expect((await inbox(hospitalUser)).unread).toBe(unread);
    // Marking it read lowers the unread count
    await api.http().post(`/notifications/${mine}/read`).set(auth(hospitalUser)).expect(200);
    const count = await api
      .http()
      .get('/notifications/unread-count')
      .set(auth(hospitalUser))
      .expect(200);
    expect(count.body).toEqual({ unread: unread - 1 });
    // and bad input is a 400 naming the rule, never a 500
    await api.http().post('/notifications/not-a-uuid/read').set(auth(hospitalUser)).expect(400);
    const bad = await api
      .http()
      .put('/notifications/settings')
      .set(auth(hospitalUser))
      .send({
        email: 'x',
        channels: { 'lot-recall': ['pager'] },
        timeZone: 'Mars/Base',
        quietHours: { start: '25:00', end: '07:00' },
        urgentOverridesQuiet: true,
      })
      .expect(400);
    const fields = (bad.body.violations as { field: string }[]).map((v) => v.field).sort();
    expect(fields).toEqual(['channels.lot-recall', 'email', 'quietHours.start', 'timeZone']);
  });

  it('tells the plan’s supplier’s dispatchers of a proposed plan, and its drivers once approved', async () => {
    const driver = await api.login('driver', { supplierId: supplier });
    extraUsers.push(driver);
    const planId = randomUUID();
    const route = {
      routeId: `${planId}-r1`,
      vehicleId: 'v',
      driverId: driver.id,
      originFacilityId: plantId,
      stops: [{ facilityId: hospitalId }],
    };
    // whole events, as the planner writes them: the read models project them too
    const at = new Date().toISOString();
    await append(`route-plan-${planId}`, 'RoutePlanProposed', {
      planId,
      region: 'Basra',
      at,
      reason: 'on-demand',
      routes: [route],
      unserved: [],
      fillFirst: [],
      solver: { elapsedMs: 1, iterations: 1, cost: 0, feasible: true },
    });
    await append(
      `route-plan-${planId}`,
      'RoutePlanApproved',
      { planId, at, trips: [] },
      nationalDispatcher.id,
    );
    await eventually(
      async () =>
        (await inbox(driver)).items.some(
          (n) => n.kind === 'plan-approved' && n.params.planId === planId,
        ),
      'the driver told',
    );
    const about = (box: Awaited<ReturnType<typeof inbox>>) =>
      box.items.filter((n) => n.params.planId === planId).map((n) => n.kind);
    expect(about(await inbox(dispatcher))).toEqual(['plan-awaiting-approval']);
    expect(about(await inbox(nationalDispatcher))).toEqual(['plan-awaiting-approval']);
    expect(about(await inbox(otherDispatcher))).toEqual([]);
  });

  it('tells a facility of a lot recall that touches it once, however many chunks', async () => {
    const lot = uniqueName('LOT');
    const result = (serial: string) => ({
      serial,
      outcome: 'quarantined',
      status: 'FULL',
      location: { kind: 'trip', id: 't' },
      deliveredTo: [otherHospitalId],
      exposed: false,
    });
    await append(`lot-recall-${lot}`, 'LotRecallChunkRecorded', { lot, results: [result('A1')] });
    await append(`lot-recall-${lot}`, 'LotRecallChunkRecorded', { lot, results: [result('A2')] });
    await eventually(
      async () => (await inbox(otherHospitalUser)).items.some((n) => n.params.lot === lot),
      'the recall notice',
    );
    const scanConflict = randomUUID();
    await append(`scan-conflict-${scanConflict}`, 'ScanConflictRecorded', {
      conflictId: scanConflict,
      tripId: 'unknown-trip',
      facilityId: hospitalId,
      report: {},
      refusal: { code: 'cylinder.not-on-trip' },
      occurredAt: new Date().toISOString(),
      at: new Date().toISOString(),
    });
    await eventually(
      async () =>
        (await inbox(nationalDispatcher)).items.some((n) => n.params.conflictId === scanConflict),
      'the conflict notice',
    );
    expect((await inbox(otherHospitalUser)).items.filter((n) => n.params.lot === lot)).toHaveLength(
      1,
    );
    expect((await inbox(hospitalUser)).items.some((n) => n.params.lot === lot)).toBe(false);
  });

  it('holds a non-urgent e-mail in quiet hours and sends it when they end; an urgent one goes at once', async () => {
    // Given a user whose quiet hours (UTC) cover now
    const quietUser = await api.login('dispatcher', { supplierId: supplier });
    extraUsers.push(quietUser);
    const now = new Date();
    const hhmm = (date: Date) => date.toISOString().slice(11, 16);
    await setEmail(quietUser, 'night@dispatch.test', {
      timeZone: 'UTC',
      quietHours: {
        start: hhmm(new Date(now.getTime() - 3_600_000)),
        end: hhmm(new Date(now.getTime() + 3_600_000)),
      },
    });
    // When a help request at the plant of their supplier is opened and assigned (not urgent)
    const requestId = randomUUID();
    const stream = `help-request-${requestId}`;
    await append(stream, 'HelpRequestOpened', {
      requestId,
      category: 'maintenance',
      urgency: 'normal',
      facilityId: plantId,
      title: 'Compressor noise',
      description: '',
      openedBy: hospitalUser.id,
    });
    await append(stream, 'HelpRequestAssigned', {
      requestId,
      assignee: { kind: 'person', id: 'p1', userId: otherHospitalUser.id },
      assignedBy: admin.id,
    });
    // Then it is in the inbox at once, but the e-mail waits for the end of quiet hours
    await eventually(
      async () =>
        (await inbox(quietUser)).items.filter((n) => n.params.requestId === requestId).length === 2,
      'the inbox entries',
    );
    expect(
      (await inbox(otherHospitalUser)).items
        .filter((n) => n.params.requestId === requestId)
        .map((n) => n.params.change),
    ).toEqual(['assigned']);
    expect((await inbox(otherDispatcher)).items.some((n) => n.params.requestId === requestId)).toBe(
      false,
    );
    const held = await eventually(async () => {
      const rows = (await db.query(
        `SELECT id, status, due_at FROM app.notification_deliveries
         WHERE channel = 'email' AND recipient = $1 AND due_at > now() + interval '30 minutes'`,
        [quietUser.id],
      )) as { id: string; status: string; due_at: Date }[];
      return rows.length === 2 && rows;
    }, 'the e-mails held');
    expect(held.every((row) => row.status === 'pending')).toBe(true);
    expect(mailsTo('night@dispatch.test')).toEqual([]);
    // and an urgent one (a hospital out) passes quiet hours
    await append(`hospital-supply-${otherHospitalId}`, 'SupplyLevelChanged', {
      facilityId: otherHospitalId,
      from: 'low',
      to: 'critical',
      daysOfSupply: 0.4,
    });
    await eventually(
      () => mailsTo('night@dispatch.test').some((m) => m.subject.includes(otherHospitalId)),
      'the urgent e-mail',
    );
    expect(mailsTo('night@dispatch.test').some((m) => m.subject.includes('Compressor'))).toBe(
      false,
    );
    // When quiet hours have ended
    await runner.deliveryQueue!.dispatchDue(new Date(held[0].due_at.getTime() + 1_000));
    // Then the held e-mails go out
    await eventually(
      () =>
        mailsTo('night@dispatch.test').filter((m) => m.subject.includes('Compressor')).length === 2,
      'the released e-mails',
    );
  });

  it('posts signed webhooks, retries after 500s, dead-letters after the last attempt, and an admin retries it', async () => {
    // Given two subscriptions: one receiver that fails twice then works, one that always fails
    let flaky = 0;
    let brokenUp = false;
    const good = await startWebhookReceiver(() => (++flaky <= 2 ? 500 : 204));
    const broken = await startWebhookReceiver(() => (brokenUp ? 200 : 500));
    try {
      const subscribe = async (url: string) =>
        (
          await api
            .http()
            .post('/admin/notifications/webhooks')
            .set(auth(admin))
            .send({ url, kinds: ['scan-conflict'] })
            .expect(201)
        ).body as { id: string; secret: string };
      const goodSub = await subscribe(good.url);
      const brokenSub = await subscribe(broken.url);
      expect(brokenSub.secret).not.toBe(goodSub.secret);
      await api
        .http()
        .post('/admin/notifications/webhooks')
        .set(auth(admin))
        .send({ url: 'ftp://x', kinds: ['nope'] })
        .expect(400);
      await api.http().get('/admin/notifications/webhooks').set(auth(dispatcher)).expect(403);
      // When a scan conflict is recorded
      const conflictId = randomUUID();
      await append(`scan-conflict-${conflictId}`, 'ScanConflictRecorded', {
        conflictId,
        tripId: 't',
        facilityId: hospitalId,
        report: {},
        refusal: { code: 'cylinder.not-on-trip' },
        occurredAt: new Date().toISOString(),
        at: new Date().toISOString(),
      });
      const mine = (r: { body: string }) => r.body.includes(conflictId);
      // Then the good receiver gets it on the third attempt, signed with its secret
      const delivered = await eventually(
        () => good.received.find((r) => mine(r) && r.status === 204),
        'the webhook',
      );
      expect(good.received.filter(mine).map((r) => r.status)).toEqual([500, 500, 204]);
      const timestamp = delivered.headers['x-oxyledger-timestamp'] as string;
      const expected = createHmac('sha256', goodSub.secret)
        .update(`${timestamp}.${delivered.body}`)
        .digest('hex');
      expect(delivered.headers['x-oxyledger-signature']).toBe(`sha256=${expected}`);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      expect(JSON.parse(delivered.body)).toMatchObject({
        kind: 'scan-conflict',
        params: { conflictId },
        event: { type: 'ScanConflictRecorded' },
      });
      // and the broken one, after three attempts, is a dead letter
      const dead = await eventually(async () => {
        const page = await api
          .http()
          .get('/admin/notifications/dead-letters')
          .set(auth(admin))
          .expect(200);
        return (
          page.body.items as {
            id: string;
            recipient: string;
            attempts: number;
            lastError: string;
          }[]
        ).find((d) => d.recipient === brokenSub.id);
      }, 'the dead letter');
      expect(dead).toMatchObject({ attempts: 3, lastError: expect.stringContaining('500') });
      expect(broken.received.filter(mine)).toHaveLength(3);
      // When the receiver is fixed and an admin retries it now
      brokenUp = true;
      await api
        .http()
        .post(`/admin/notifications/dead-letters/${dead.id}/retry`)
        .set(auth(admin))
        .expect(200);
      await eventually(
        () => broken.received.some((r) => mine(r) && r.status === 200),
        'the retried webhook',
      );
      await api
        .http()
        .post(`/admin/notifications/dead-letters/${dead.id}/retry`)
        .set(auth(admin))
        .expect(404);
    } finally {
      await good.close();
      await broken.close();
    }
  });

  it('sends nothing twice when the subscriber restarts and replays the ledger', async () => {
    const mine = [
      admin,
      hospitalUser,
      otherHospitalUser,
      dispatcher,
      otherDispatcher,
      nationalDispatcher,
      ...extraUsers,
    ].map((u) => u.id);
    const counts = async () =>
      (await db.query(
        `SELECT (SELECT count(*)::int FROM app.notifications WHERE user_id::text = ANY($1)) AS inbox,
                (SELECT count(*)::int FROM app.notification_deliveries WHERE recipient = ANY($1)) AS emails`,
        [mine],
      )) as { inbox: number; emails: number }[];
    const before = await counts();
    const sentBefore = smtp.mails.length;
    // When the subscriber stops and starts again from the start of the ledger
    await runner.stop();
    await db.query(
      `UPDATE app.projection_checkpoints SET position = NULL WHERE name = 'notifications'`,
    );
    runner.start();
    const replayed = await runner.projectionWorker!.running();
    // (a level change that tells nobody marks the end of what was there before)
    const marker = await append(`hospital-supply-${hospitalId}`, 'SupplyLevelChanged', {
      facilityId: hospitalId,
      from: 'out',
      to: 'ok',
    });
    await replayed.caughtUpTo(marker.position, 60_000);
    await runner.deliveryQueue!.dispatchDue();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Then no notification, delivery or e-mail was added
    expect(await counts()).toEqual(before);
    expect(smtp.mails.length).toBe(sentBefore);
    // and a delivery already sent, handed to the queue again, is not sent again
    const [sent] = (await db.query(
      `SELECT id FROM app.notification_deliveries WHERE status = 'sent' AND channel = 'email' LIMIT 1`,
    )) as { id: string }[];
    const again = await runner.deliveryQueue!.queue.add(
      'email',
      { deliveryId: sent.id },
      { jobId: `again-${sent.id}` },
    );
    await eventually(async () => (await again.getState()) === 'completed', 'the repeated job');
    expect(smtp.mails.length).toBe(sentBefore);
    // and the operations view shows the subscriber live, with no error
    const status = await api.http().get('/projections').set(auth(admin)).expect(200);
    expect(
      (status.body.projections as { name: string; state: string; lastError: unknown }[]).find(
        (p) => p.name === 'notifications',
      ),
    ).toMatchObject({ state: 'live', lastError: null });
  });
});

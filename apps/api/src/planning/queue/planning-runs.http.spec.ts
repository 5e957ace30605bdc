import { Controller, Get, type INestApplication, Module, Param } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { ConfigModule, ensureDatabaseExists } from '@oxyledger/config';
import request from 'supertest';
import { JwtAuthGuard, RolesGuard } from '../../access/access.guards';
import type { Role } from '../../access/actor';
import { AccessCheck } from '../../access/sessions/access-check';
import { TokenService } from '../../access/token.service';
import { HttpErrorFilter } from '../../shared/http/http-error.filter';
import { createValidationPipe } from '../../shared/http/validation.pipe';
import { PlannerTrigger, PlanningQueueModule, PlanningWorker } from '@oxyledger/planner';
import { PlanningRunsHttpController } from './planning-runs.http.controller';
import {
  FakePlanningRun,
  testLogger,
  usePlanningTestEnv,
  waitFor,
} from '@oxyledger/planner/queue/testing/planning-queue.harness';

/** Stands in for the plans controller, whose `/plans/:planId` is registered after the runs'. */
@Controller('plans')
class StandInPlansController {
  @Get(':planId')
  get(@Param('planId') planId: string) {
    return { planId };
  }
}

describe('planning runs over HTTP (real Redis)', () => {
  let env: ReturnType<typeof usePlanningTestEnv>;
  let app: INestApplication;
  const planning = new FakePlanningRun();
  const tokens: Partial<Record<Role, string>> = {};
  const http = () => request(app.getHttpServer());
  const as = (role: Role) => ({ Authorization: `Bearer ${tokens[role]}` });

  beforeAll(async () => {
    env = usePlanningTestEnv();
    await ensureDatabaseExists(process.env.DATABASE_URL!); // the worker's lock connection

    @Module({
      imports: [
        ConfigModule,
        JwtModule.register({}),
        PlanningQueueModule.register({ planningRun: { useValue: planning } }),
      ],
      controllers: [PlanningRunsHttpController, StandInPlansController],
      providers: [
        TokenService,
        // Users here exist only in their tokens; access/ tests the per-request user check.
        { provide: AccessCheck, useValue: { assertStanding: async () => undefined } },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    })
    class PlanningHttpTestModule {}

    const module = await Test.createTestingModule({ imports: [PlanningHttpTestModule] })
      .setLogger(testLogger())
      .compile();
    app = module.createNestApplication();
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new HttpErrorFilter());
    await app.init();
    for (const role of ['dispatcher', 'admin', 'analyst', 'hospital'] as const) {
      const pair = await app.get(TokenService).issuePair(
        {
          id: `${role}-user`,
          role,
          facilityId: role === 'hospital' ? 'hospital-north' : null,
          supplierId: null,
          tokenVersion: 0,
        },
        { familyId: `${role}-session`, tokenId: `${role}-token` },
      );
      tokens[role] = pair.accessToken;
    }
  });

  afterAll(async () => {
    await app?.get(PlanningWorker).stop();
    await app?.get(PlannerTrigger).queue.obliterate({ force: true });
    await app?.close();
    env.restoreEnv();
  });

  it('queues an on-demand run for a dispatcher: 202 with the job id', async () => {
    const response = await http().post('/plans').set(as('dispatcher')).send({}).expect(202);

    const job = await app.get(PlannerTrigger).queue.getJob(response.body.jobId);
    expect(job!.data).toEqual({
      reason: 'on-demand',
      facilityIds: [],
      region: 'national',
      requestedBy: 'dispatcher-user',
    });
    expect(job!.opts).toMatchObject({
      attempts: 3,
      backoff: { type: 'exponential', delay: 5000 },
    });
  });

  it('names the field when the body is wrong', async () => {
    for (const body of [
      { region: '' },
      { region: 7 },
      { region: 'basra' },
      { region: 'Atlantis' },
    ]) {
      const response = await http().post('/plans').set(as('admin')).send(body).expect(400);
      expect(new Set(response.body.violations.map((v: { field: string }) => v.field))).toEqual(
        new Set(['region']),
      );
    }
    const unknown = await http().post('/plans').set(as('admin')).send({ when: 'now' }).expect(400);
    expect(unknown.body.violations[0]).toMatchObject({
      field: 'when',
      rule: 'whitelistValidation',
    });
  });

  it('lets only dispatchers and admins ask, and keeps the failed view from analysts', async () => {
    await http().post('/plans').send({}).expect(401);
    await http().post('/plans').set(as('analyst')).send({}).expect(403);
    await http().post('/plans').set(as('hospital')).send({}).expect(403);
    await http().get('/plans/runs').set(as('hospital')).expect(403);
    await http().get('/plans/runs').set(as('analyst')).expect(200);
    await http().get('/plans/runs/failed').set(as('analyst')).expect(403);
    await http().get('/plans/runs?limit=101').set(as('admin')).expect(400);
  });

  it('lists runs as they wait and complete, before /plans/:planId can take the path', async () => {
    const { body } = await http()
      .post('/plans')
      .set(as('admin'))
      .send({ region: 'Basra' })
      .expect(202);
    const listed = await http().get('/plans/runs').set(as('dispatcher')).expect(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({
        jobId: body.jobId,
        state: 'waiting',
        reason: 'on-demand',
        region: 'Basra',
        requestedBy: 'admin-user',
        attemptsMade: 0,
        maxAttempts: 3,
        startedAt: null,
        planId: null,
      }),
    );

    await app.get(PlanningWorker).start();
    const queue = app.get(PlannerTrigger).queue;
    await waitFor(async () => (await queue.getCompletedCount()) === 2, 'both runs', { queue });
    const done = await http().get('/plans/runs').set(as('analyst')).expect(200);
    expect(done.body.items).toContainEqual(
      expect.objectContaining({
        jobId: body.jobId,
        state: 'completed',
        region: 'Basra',
        attemptsMade: 1,
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
        planId: `plan-${body.jobId}`,
      }),
    );
    expect((await http().get('/plans/runs/failed').set(as('dispatcher')).expect(200)).body).toEqual(
      { items: [], total: 0 },
    );
    // the stand-in plans route still answers for plan ids
    expect((await http().get('/plans/plan-7').set(as('admin')).expect(200)).body).toEqual({
      planId: 'plan-7',
    });
  });
});

import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  type RoutePlanContent,
  decideRoutePlan,
  initialRoutePlanState,
  routePlanStreamName,
} from '@oxyledger/domain';
import { deterministicId, WrongExpectedVersionError } from '@oxyledger/event-store';
import { DataSource } from 'typeorm';
import { type RoutingSolution, solveRoutingInWorkers } from '@oxyledger/routing';
import { LedgerStore } from '@oxyledger/ledger';
import {
  CLOCK,
  type Clock,
  DISTANCE_PROVIDER,
  type DistanceProvider,
  type PlanningInput,
  type PlanningConfig,
  checkRoutePlan,
  withFillsBeforeShift,
  PlanningDay,
  refillPlan,
  buildRefillProblem,
  planningPoints,
} from '@oxyledger/planning';
import { PlanningInputReader } from '../input/planning-input.reader';
import { PLANNING_CONFIG } from '../planning.tokens';
import type { PlanningJob, PlanningRun, PlanningRunContext } from '../queue/planning-run.port';
import { loadRoutePlan } from '../route-plan.loader';

/**
 * Offspring without a better plan after which the solver stops before its time limit: a small
 * network settles in well under a second and need not hold the worker for the full limit.
 */
const SETTLED_AFTER_ITERATIONS = 1_000;

/** The planner acting on its own, as it appears in the events' metadata. */
export const PLANNER_ACTOR = { userId: 'system:planner', role: 'dispatcher' as const };

/**
 * One planning run: read the supply picture, build the routing problem, solve it, check the
 * plan independently, and record it as `RoutePlanProposed`. A run with no hospital in need
 * records nothing.
 */
@Injectable()
export class RoutePlanProposer implements PlanningRun {
  private readonly logger = new Logger(RoutePlanProposer.name);

  constructor(
    private readonly inputs: PlanningInputReader,
    @Inject(DISTANCE_PROVIDER) private readonly distances: DistanceProvider,
    private readonly ledger: LedgerStore,
    @Inject(PLANNING_CONFIG) private readonly config: PlanningConfig,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(job: PlanningJob, context: PlanningRunContext): Promise<{ planId: string | null }> {
    const planId = planIdOf(context);
    if ((await loadRoutePlan(this.ledger, planId)).state.status !== 'none') {
      this.logger.log(`job ${context.jobId}: plan ${planId} already recorded by an earlier run`);
      return { planId };
    }
    const now = this.clock.now();
    const read = await this.inputs.read(job.region, now);
    if (read.hospitals.length === 0) {
      this.logger.log(`region ${job.region}: no hospital at its reorder point, no plan`);
      return { planId: null };
    }
    const day = new PlanningDay(now, this.config);
    const { input } = withFillsBeforeShift(read, day);
    const matrix = await this.distances.matrix(planningPoints(input));
    const refill = buildRefillProblem(input, matrix, day, this.config);
    const solvable = refill.visits.length > 0 && input.vehicles.length > 0;
    const result = solvable
      ? await solveRoutingInWorkers(refill.problem, {
          timeLimitMs: this.config.solverTimeLimitSeconds * 1000,
          noImprovementLimit: SETTLED_AFTER_ITERATIONS,
          seed: 1,
          threads: this.config.solverThreads,
        })
      : undefined;
    const solution: RoutingSolution = result?.solution ?? {
      routes: [],
      unserved: refill.visits.map((_, c) => c),
      distance: 0,
      cost: 0,
      feasible: true,
    };
    const content = refillPlan(input, refill, solution, matrix, day, planId);
    const violations = checkRoutePlan(content, input, matrix, refill.row, day);
    if (violations.length > 0) {
      throw new Error(
        `plan for ${job.region} breaks its rules: ${violations.slice(0, 5).join('; ')}`,
      );
    }
    const events = decideRoutePlan(
      {
        type: 'ProposeRoutePlan',
        data: {
          planId,
          region: job.region,
          at: now.toISOString(),
          reason: job.reason,
          fillFirst: fillsNeeded(read, content),
          solver: {
            elapsedMs: Math.round(result?.statistics.elapsedMs ?? 0),
            iterations: result?.statistics.iterations ?? 0,
            cost: solution.cost,
            feasible: solution.feasible,
          },
          ...content,
        },
      },
      initialRoutePlanState(),
    );
    try {
      // expects no stream: of two runs of one job, the second records nothing
      await this.ledger.append([{ streamName: routePlanStreamName(planId), events }], new Map(), {
        actor: PLANNER_ACTOR,
        occurredAt: now.toISOString(),
        correlationId: planId,
        causationId: context.jobId,
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return { planId };
      throw error;
    }
    await this.supersedeOlderPlans(job.region, planId, now);
    this.logger.log(
      `region ${job.region}: plan ${planId} with ${content.totals.routes} routes, ` +
        `${content.totals.stops} stops, ${content.unserved.length} unserved needs`,
    );
    return { planId };
  }

  /**
   * A newer plan for the region replaces the ones still awaiting a decision: they are rejected
   * as superseded, so a dispatcher never approves a plan made from an older picture.
   */
  private async supersedeOlderPlans(region: string, planId: string, now: Date): Promise<void> {
    const older = (await this.dataSource.query(
      `SELECT plan_id FROM app.route_plans WHERE region = $1 AND status = 'proposed' AND plan_id <> $2`,
      [region, planId],
    )) as { plan_id: string }[];
    for (const { plan_id: olderId } of older) {
      try {
        const { streamName, state, revisions } = await loadRoutePlan(this.ledger, olderId);
        const events = decideRoutePlan(
          {
            type: 'RejectRoutePlan',
            data: {
              planId: olderId,
              at: now.toISOString(),
              reason: `superseded by plan ${planId}`,
            },
          },
          state,
        );
        await this.ledger.append([{ streamName, events }], revisions, {
          actor: PLANNER_ACTOR,
          occurredAt: now.toISOString(),
          correlationId: olderId,
          causationId: planId,
        });
      } catch (error) {
        // decided meanwhile by a dispatcher: their decision stands
        if (!(error instanceof DomainError) && !(error instanceof WrongExpectedVersionError)) {
          throw error;
        }
      }
    }
  }
}

/** The plan id of a queued job, the same for every run of it; a fresh one for a direct call. */
function planIdOf(context: PlanningRunContext): string {
  if (context.queuedAt === undefined) return randomUUID();
  return deterministicId('route-plan', context.jobId, String(context.queuedAt));
}

/** What the plan loads beyond the full stock read: cylinders to fill before departure. */
function fillsNeeded(read: PlanningInput, content: RoutePlanContent) {
  return read.producers.flatMap((producer) => {
    const loads: Record<string, number> = {};
    for (const route of content.routes.filter((r) => r.originFacilityId === producer.facility.id)) {
      for (const [code, n] of Object.entries(route.loadAtOrigin))
        loads[code] = (loads[code] ?? 0) + n;
    }
    return Object.entries(loads)
      .map(([sizeCode, n]) => ({
        facilityId: producer.facility.id,
        sizeCode,
        cylinders: n - (producer.full[sizeCode] ?? 0),
      }))
      .filter((fill) => fill.cylinders > 0);
  });
}

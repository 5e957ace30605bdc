import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decideRoutePlan,
  InvalidCommand,
  type PlannedRoute,
  type RoutePlanContent,
  type RoutePlanEdit,
  RoutePlanNotFound,
  type UnservedDemand,
} from '@oxyledger/domain';
import { assertMayActForSupplier } from '../../../access/authorization';
import { LedgerStore } from '@oxyledger/ledger';
import { NetworkService } from '@oxyledger/network';
import {
  DISTANCE_PROVIDER,
  type DistanceProvider,
  type PlanningInput,
  type PlanningConfig,
  checkRoutePlan,
  PlanningDay,
  type StopWork,
  timedRoute,
  totalsOf,
} from '@oxyledger/planning';
import { PlanningInputReader, PLANNING_CONFIG, loadRoutePlan } from '@oxyledger/planner';
import { EditRoutePlanCommand } from './edit-route-plan.command';

/**
 * Applies a dispatcher's edit, re-times the routes it touches, and checks the whole plan again
 * (capacity along each route, receiving hours, the shift, producers' stock) before recording
 * `RoutePlanEdited`. An edit that breaks a rule is refused with every violation named.
 */
@CommandHandler(EditRoutePlanCommand)
export class EditRoutePlanHandler implements ICommandHandler<EditRoutePlanCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
    private readonly inputs: PlanningInputReader,
    @Inject(DISTANCE_PROVIDER) private readonly distances: DistanceProvider,
    @Inject(PLANNING_CONFIG) private readonly config: PlanningConfig,
  ) {}

  async execute({ planId, edit, context }: EditRoutePlanCommand) {
    return this.ledger.withRetryOnConflict(async () => {
      const { streamName, state, revisions } = await loadRoutePlan(this.ledger, planId);
      if (!state.content || !state.proposedAt) throw new RoutePlanNotFound(planId);
      const day = new PlanningDay(new Date(state.proposedAt), this.config);
      const content = await this.edited(state.content, edit, day, context.actor);
      const events = decideRoutePlan(
        { type: 'EditRoutePlan', data: { planId, at: context.occurredAt, edit, ...content } },
        state,
      );
      await this.ledger.append([{ streamName, events }], revisions, {
        ...context,
        correlationId: planId,
      });
      return { planId, ...content };
    });
  }

  private async edited(
    plan: RoutePlanContent,
    edit: RoutePlanEdit,
    day: PlanningDay,
    actor: EditRoutePlanCommand['context']['actor'],
  ): Promise<RoutePlanContent> {
    const routeNamed = (routeId: string, field: string) => {
      const route = plan.routes.find((r) => r.routeId === routeId);
      if (!route) throw new InvalidCommand(field, `names no route of this plan (${routeId})`);
      return route;
    };
    const from = routeNamed(
      edit.kind === 'move-stop' ? edit.fromRouteId : edit.routeId,
      edit.kind === 'move-stop' ? 'fromRouteId' : 'routeId',
    );
    const at = from.stops.findIndex((stop) => stop.facilityId === edit.facilityId);
    if (at < 0) throw new InvalidCommand('facilityId', `is not a stop of route ${from.routeId}`);
    const stop = from.stops[at];
    const changed = new Map<string, PlannedRoute['stops']>([
      [from.routeId, from.stops.filter((_, k) => k !== at)],
    ]);
    const unserved: UnservedDemand[] = [...plan.unserved];
    if (edit.kind === 'move-stop') {
      const to = routeNamed(edit.toRouteId, 'toRouteId');
      const stops = changed.get(to.routeId) ?? [...to.stops];
      if (!Number.isInteger(edit.position) || edit.position < 0 || edit.position > stops.length) {
        throw new InvalidCommand('position', `must be a whole number from 0 to ${stops.length}`);
      }
      stops.splice(edit.position, 0, stop);
      changed.set(to.routeId, stops);
    } else {
      for (const [sizeCode, cylinders] of Object.entries(stop.deliver)) {
        unserved.push({
          facilityId: stop.facilityId,
          sizeCode,
          cylinders,
          reason: 'dropped-by-dispatcher',
          detail: 'dropped from the plan before approval',
        });
      }
    }

    const touched = plan.routes.filter((route) => changed.has(route.routeId));
    const vehicles = await Promise.all(
      touched.map((route) => this.network.getVehicle(route.vehicleId)),
    );
    vehicles.forEach((vehicle) => assertMayActForSupplier(actor, vehicle.supplierId));
    const facilityIds = [
      ...new Set(
        touched.flatMap((route) => [
          route.originFacilityId,
          ...changed.get(route.routeId)!.map((s) => s.facilityId),
        ]),
      ),
    ];
    const facilities = await Promise.all(facilityIds.map((id) => this.network.getFacility(id)));
    const matrix = await this.distances.matrix(facilities);
    const row = new Map(facilityIds.map((id, index) => [id, index]));
    const hospitals = new Map(
      facilities.map((facility) => [
        facility.id,
        { facility, level: 'low' as const, daysOfSupply: null, deliver: {}, collect: {} },
      ]),
    );
    const routes = plan.routes
      .map((route) => {
        const stops = changed.get(route.routeId);
        if (!stops) return route;
        const vehicle = vehicles[touched.indexOf(route)];
        const work = stops.map((s): StopWork => {
          const handled = [...Object.values(s.deliver), ...Object.values(s.collect)].reduce(
            (a, b) => a + b,
            0,
          );
          return {
            hospital: hospitals.get(s.facilityId)!,
            deliver: s.deliver,
            collect: s.collect,
            serviceMinutes:
              this.config.serviceMinutes + this.config.serviceMinutesPerCylinder * handled,
          };
        });
        return timedRoute(route.routeId, vehicle, route.driverId, work, { row }, matrix, day);
      })
      .filter((route) => route.stops.length > 0);

    const stock = await this.inputs.producerStock(touched.map((route) => route.originFacilityId));
    const delivered = new Map<string, Record<string, number>>();
    for (const route of routes) {
      for (const s of route.stops) {
        const sum = delivered.get(s.facilityId) ?? {};
        for (const [code, n] of Object.entries(s.deliver)) sum[code] = (sum[code] ?? 0) + n;
        delivered.set(s.facilityId, sum);
      }
    }
    const touchedRoutes = routes.filter((route) => changed.has(route.routeId));
    const input: PlanningInput = {
      region: '',
      now: day.now,
      sizes: [],
      hospitals: [...hospitals.values()].map((h) => ({
        ...h,
        deliver: delivered.get(h.facility.id) ?? {},
      })),
      producers: [...new Set(touched.map((route) => route.originFacilityId))].map((id) => ({
        facility: facilities[row.get(id)!],
        full: { ...(stock.get(id) ?? {}) },
        empty: {},
        fillPerHour: {},
      })),
      vehicles,
      driversBySupplier: new Map(),
    };
    const untouchedDraw = routes.filter((route) => !changed.has(route.routeId));
    for (const producer of input.producers) {
      for (const route of untouchedDraw.filter(
        (r) => r.originFacilityId === producer.facility.id,
      )) {
        for (const [code, n] of Object.entries(route.loadAtOrigin))
          producer.full[code] = (producer.full[code] ?? 0) - n;
      }
    }
    const violations = checkRoutePlan({ ...plan, routes: touchedRoutes }, input, matrix, row, day);
    if (violations.length > 0)
      throw new InvalidCommand('edit', `breaks the plan's rules: ${violations.join('; ')}`);
    return { routes, unserved, totals: totalsOf(routes) };
  }
}

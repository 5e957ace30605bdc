import type { components } from './schema';

/**
 * Answers of operations whose response the OpenAPI document does not describe yet (no response
 * DTO on the controller); typed here from the api's readers. Generated types are used wherever
 * the document has them.
 */
type Schemas = components['schemas'];
export type FacilityView = Schemas['FacilityView'];
export type NationalStockView = Schemas['NationalStockView'];
export type GovernorateStockView = Schemas['GovernorateStockView'];
export type FacilityStockView = Schemas['FacilityStockView'];
export type TripView = Schemas['TripView'];
export type UserView = Schemas['UserView'];
export type VehicleView = Schemas['VehicleView'];
export type DailyFillView = Schemas['DailyFillView'];
export type SupplierFloatView = Schemas['SupplierFloatView'];

/** `GET /fills/lots`: each lot a plant filled, with its QC failures (api's LotFillsView). */
export interface LotFills {
  plantId: string;
  lot: string;
  firstFilledAt: string;
  lastFilledAt: string;
  passed: number;
  qcFailures: number;
  minPurityPercent: number;
  maxPurityPercent: number;
}

export type SupplyLevel = 'ok' | 'low' | 'critical' | 'out';
export const LEVELS: SupplyLevel[] = ['out', 'critical', 'low', 'ok'];

export interface Page<T> {
  items: T[];
  page?: number;
  pageSize?: number;
  total?: number;
}

export interface HospitalSupply {
  facilityId: string;
  name: string;
  governorate: string;
  level: SupplyLevel;
  needLitresPerDay: number;
  onHandLitres: number;
  daysOfSupply: number | null;
  reorderPointLitres: number;
  orderUpToLitres: number;
  leadTimeDays: number;
  bySize: {
    sizeCode: string;
    dailyUseCylinders: number;
    reorderPointCylinders: number;
    orderUpToCylinders: number;
    positionCylinders: number;
    toSendCylinders: number;
  }[];
  need: {
    litresPerDay: number;
    basis: 'clinical' | 'consumption';
    clinicalLitresPerDay: number;
    consumptionLitresPerDay?: number | null;
    historyDays: number;
  };
  nearestProducer: { facilityId: string; distanceKm: number } | null;
  emptiesAwaitingCollection: number;
  /** When the status was computed: stored statuses are refreshed by the projector. */
  computedAt: string;
}

export interface RollupRow {
  governorate: string | null;
  hospitals: number;
  byLevel: Record<SupplyLevel, number>;
  needLitresPerDay: number;
  needCylindersPerDay: number;
  onHandLitres: number;
  daysOfSupply: number | null;
  filledLitresPerDay: number;
  filledCylindersPerDay: number;
  toSendCylinders: number;
}

export interface SupplyRollup {
  national: RollupRow;
  governorates: RollupRow[];
}

export interface HospitalDemand {
  facilityId: string;
  beds: { general: number; icu: number; neonatal: number } | null;
  bedsSetAt: string | null;
  census: { severe: number; critical: number; at: string } | null;
  clinicalNeedLitresPerDay: number;
}

export interface Alert {
  id: string;
  kind: string;
  severity: 'critical' | 'warning' | 'info';
  message: string;
  facilityId: string | null;
  tripId: string | null;
  since: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  note: string | null;
  status: 'open' | 'acknowledged' | 'resolved';
}

export interface CylinderHistoryEntry {
  revision: number;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  recordedAt: string;
  actor?: { role: string; userId: string; facilityId?: string };
}

export interface CylinderDetail {
  serial: string;
  state: {
    serial: string;
    sizeCode: string;
    ownerId: string;
    gasGrade?: string;
    status: string;
    load?: string;
    lastTestDate?: string;
    location?: { kind: string; facilityId?: string; tripId?: string };
  };
  revision: number;
  history: CylinderHistoryEntry[];
}

export type Sizes = Record<string, number>;

export interface PlanStop {
  facilityId: string;
  deliver: Sizes;
  collect: Sizes;
  arrivalAt: string;
  departureAt: string;
}

export interface PlanRoute {
  routeId: string;
  vehicleId: string;
  driverId: string | null;
  originFacilityId: string;
  departureAt: string;
  returnAt: string;
  distanceKm: number;
  durationMinutes: number;
  loadAtOrigin: Sizes;
  stops: PlanStop[];
}

export interface RoutePlan {
  planId: string;
  region: string;
  reason: string;
  status: string;
  proposedAt?: string;
  routes: PlanRoute[];
  unserved: { facilityId: string; sizeCode: string; cylinders: number; reason: string }[];
  trips: { routeId: string; tripId: string }[];
  edits: unknown[];
}

export interface Plant {
  facilityId: string;
  name: string;
  governorate: string;
  supplierId: string | null;
  status: 'running' | 'degraded' | 'down';
  reason?: string | null;
  capacityPercent: number;
  statusSince: string | null;
  capacity: {
    outputCubicMetresPerHour: number;
    hoursPerDay: number;
    fillLimitsPerDay: Record<string, number>;
  } | null;
  dailyFillCapacity: { sizeCode: string; cylindersPerDay: number }[];
  /** While down or degraded: the help request the page offers to open, the plant linked. */
  helpRequestOffer?: { category: 'plant-breakdown' | 'maintenance'; facilityId: string } | null;
}

/** `GET /scan-conflicts`: an offline confirmation the ledger refused (domain's ScanConflict). */
export interface ScanConflict {
  conflictId: string;
  tripId: string;
  facilityId: string;
  /** The confirmation as the device sent it. */
  report: Record<string, unknown>;
  /** The api's refusal: `{ statusCode, error, message }`. */
  refusal: Record<string, unknown>;
  occurredAt: string;
  recordedAt: string;
  resolution: { resolution: string; note: string; at: string } | null;
}

export interface FlaggedTrip {
  tripId: string;
  status: string;
  loaded: number;
  delivered: number;
  collected: number;
  unloaded: number;
  unaccounted: string[];
  declaredMissing: string[];
  flagged: boolean;
}

export type ReportingGap = Schemas['ReportingGapView'];

/** `GET|POST /lots/{lot}/recall`: where each cylinder of a recalled lot was, who received it. */
export interface LotRecallReport {
  lot: string;
  reason: string;
  startedAt: string;
  completedAt: string | null;
  status: 'in-progress' | 'completed';
  cylinderCount: number;
  reached: number;
  quarantined: number;
  alreadyQuarantined: number;
  emptied: number;
  refilled: number;
  lost: number;
  condemned: number;
  possiblyExposed: number;
  hospitalsReceived: { facilityId: string; name: string }[];
  cylinders: {
    serial: string;
    outcome: string;
    statusWhenRecalled: string;
    location:
      | { kind: 'trip'; tripId: string }
      | { kind: 'facility'; facilityId: string; name: string }
      | null;
    deliveredTo: { facilityId: string; name: string }[];
    possiblyExposed: boolean;
  }[];
}

import { CylinderSizeCatalog } from '../cylinder-size/cylinder-size';
import { InvalidCommand } from '../shared/domain-error';
import { VersionedEvent } from '../shared/event';
import { IsoInstant } from '../shared/time';
import { requireId, requireInstant } from '../shared/validation';

/**
 * An oxygen plant's capacity and status. Capacity comes from the plant's output (m³ of oxygen
 * per hour) over its operating hours, each size further capped by what its filling line (the
 * booster and manifolds) can fill in a day. A degraded plant keeps a share of it; a plant that
 * is down has none and drops out of planning.
 */

export const PLANT_STATUSES = ['running', 'degraded', 'down'] as const;
export type PlantStatus = (typeof PLANT_STATUSES)[number];

export interface PlantCapacity {
  outputCubicMetresPerHour: number;
  hoursPerDay: number;
  /** Most cylinders of a size the filling line fills in a day; a size not listed: no cap. */
  fillLimitsPerDay: Record<string, number>;
}

export const PlantEventType = {
  CapacitySet: 'PlantCapacitySet',
  StatusChanged: 'PlantStatusChanged',
} as const;

export type PlantCapacitySet = VersionedEvent<
  typeof PlantEventType.CapacitySet,
  PlantCapacity & { facilityId: string; at: IsoInstant }
>;

export type PlantStatusChanged = VersionedEvent<
  typeof PlantEventType.StatusChanged,
  {
    facilityId: string;
    status: PlantStatus;
    reason: string | null;
    /** Share of capacity left while degraded, 1–99. */
    capacityPercent: number;
    at: IsoInstant;
  }
>;

export type PlantEvent = PlantCapacitySet | PlantStatusChanged;

export const PLANT_EVENT_VERSIONS: Readonly<Record<PlantEvent['type'], number>> = {
  PlantCapacitySet: 1,
  PlantStatusChanged: 1,
};

export type PlantCommand =
  | { type: 'SetPlantCapacity'; data: PlantCapacity & { facilityId: string; at: IsoInstant } }
  | {
      type: 'ChangePlantStatus';
      data: {
        facilityId: string;
        status: PlantStatus;
        reason?: string;
        capacityPercent?: number;
        at: IsoInstant;
      };
    };

export interface PlantState {
  capacity: PlantCapacity | null;
  status: PlantStatus;
  reason: string | null;
  capacityPercent: number;
  statusSince: IsoInstant | null;
}

export const DEFAULT_DEGRADED_PERCENT = 50;

export function plantStreamName(facilityId: string): string {
  return `plant-${facilityId}`;
}

export function initialPlantState(): PlantState {
  return {
    capacity: null,
    status: 'running',
    reason: null,
    capacityPercent: 100,
    statusSince: null,
  };
}

export function decidePlant(command: PlantCommand, state: PlantState): PlantEvent[] {
  const facilityId = requireId(command.data.facilityId, 'facilityId');
  const at = requireInstant(command.data.at, 'at');
  if (command.type === 'SetPlantCapacity') {
    const { outputCubicMetresPerHour, hoursPerDay, fillLimitsPerDay } = command.data;
    requirePositive(outputCubicMetresPerHour, 'outputCubicMetresPerHour', 100_000);
    requirePositive(hoursPerDay, 'hoursPerDay', 24);
    for (const [size, limit] of Object.entries(fillLimitsPerDay ?? {})) {
      if (!Number.isInteger(limit) || limit < 0) {
        throw new InvalidCommand(`fillLimitsPerDay.${size}`, 'must be a whole number, 0 or more');
      }
    }
    return [
      {
        type: PlantEventType.CapacitySet,
        version: 1,
        data: {
          facilityId,
          outputCubicMetresPerHour,
          hoursPerDay,
          fillLimitsPerDay: { ...(fillLimitsPerDay ?? {}) },
          at,
        },
      },
    ];
  }
  const { status } = command.data;
  if (!(PLANT_STATUSES as readonly string[]).includes(status)) {
    throw new InvalidCommand('status', `must be one of ${PLANT_STATUSES.join(', ')}`);
  }
  const reason = command.data.reason?.trim() || null;
  if (status !== 'running' && reason === null) {
    throw new InvalidCommand('reason', `must say why the plant is ${status}`);
  }
  const capacityPercent =
    status === 'degraded' ? (command.data.capacityPercent ?? DEFAULT_DEGRADED_PERCENT) : 100;
  if (status === 'degraded' && !isPercent(capacityPercent)) {
    throw new InvalidCommand('capacityPercent', 'must be a whole number from 1 to 99');
  }
  if (
    state.status === status &&
    state.reason === reason &&
    state.capacityPercent === capacityPercent
  )
    return [];
  return [
    {
      type: PlantEventType.StatusChanged,
      version: 1,
      data: { facilityId, status, reason, capacityPercent, at },
    },
  ];
}

export function evolvePlant(state: PlantState, event: PlantEvent): PlantState {
  switch (event.type) {
    case PlantEventType.CapacitySet: {
      const { outputCubicMetresPerHour, hoursPerDay, fillLimitsPerDay } = event.data;
      return { ...state, capacity: { outputCubicMetresPerHour, hoursPerDay, fillLimitsPerDay } };
    }
    case PlantEventType.StatusChanged:
      return {
        ...state,
        status: event.data.status,
        reason: event.data.reason,
        capacityPercent: event.data.capacityPercent,
        statusSince: event.data.at,
      };
  }
}

export interface SizeFillCapacity {
  sizeCode: string;
  cylindersPerDay: number;
}

/**
 * Cylinders of each size the plant can fill in a day, if it filled only that size: its oxygen
 * (1 m³ = 1,000 L) over the day, scaled down while degraded, as whole cylinders, capped by the
 * size's fill limit; none when down.
 */
export function dailyFillCapacity(
  state: PlantState,
  sizes: CylinderSizeCatalog,
): SizeFillCapacity[] {
  if (!state.capacity || state.status === 'down') {
    return sizes.codes().map((sizeCode) => ({ sizeCode, cylindersPerDay: 0 }));
  }
  const { outputCubicMetresPerHour, hoursPerDay, fillLimitsPerDay } = state.capacity;
  const litresPerDay =
    outputCubicMetresPerHour * 1_000 * hoursPerDay * (state.capacityPercent / 100);
  return sizes.list().map((size) => {
    const byOxygen = Math.floor(litresPerDay / size.oxygenLitres);
    const limit = fillLimitsPerDay[size.code];
    return {
      sizeCode: size.code,
      cylindersPerDay: limit === undefined ? byOxygen : Math.min(byOxygen, limit),
    };
  });
}

function requirePositive(value: unknown, field: string, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new InvalidCommand(field, `must be a number above 0 and at most ${max}`);
  }
}

function isPercent(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 99;
}

import { CYLINDER_EVENT_VERSIONS, CylinderEvent } from './cylinder/cylinder.events';
import {
  HOSPITAL_DEMAND_EVENT_VERSIONS,
  HospitalDemandEvent,
} from './hospital-demand/hospital-demand';
import { RawEvent, Upcaster, UpcasterRegistry } from './shared/event';
import { ALERT_EVENT_VERSIONS, AlertEvent } from './alert/alert';
import { ROUTE_PLAN_EVENT_VERSIONS, RoutePlanEvent } from './plan/route-plan';
import { PLANT_EVENT_VERSIONS, PlantEvent } from './plant/plant';
import { SCAN_CONFLICT_EVENT_VERSIONS, ScanConflictEvent } from './scan-conflict/scan-conflict';
import { SUPPLY_LEVEL_EVENT_VERSIONS, SupplyLevelChanged } from './supply/supply-level.events';
import { TRIP_EVENT_VERSIONS, TripEvent } from './trip/trip.events';
import { VEHICLE_BOOKING_EVENT_VERSIONS, VehicleBookingEvent } from './vehicle/vehicle-booking';
import { LOT_RECALL_EVENT_VERSIONS, LotRecallEvent } from './recall/lot-recall';
import {
  DELIVERY_RECEIPT_EVENT_VERSIONS,
  DeliveryReceiptConfirmed,
} from './delivery-receipt/delivery-receipt';
import { HELP_REQUEST_EVENT_VERSIONS, HelpRequestEvent } from './help-request/help-request.events';

/** Every event the domain writes. */
export type DomainEvent =
  | CylinderEvent
  | TripEvent
  | HospitalDemandEvent
  | PlantEvent
  | SupplyLevelChanged
  | AlertEvent
  | ScanConflictEvent
  | RoutePlanEvent
  | VehicleBookingEvent
  | LotRecallEvent
  | DeliveryReceiptConfirmed
  | HelpRequestEvent;

/** The version the code writes and reads today, per event type. */
export const DOMAIN_EVENT_VERSIONS: Readonly<Record<DomainEvent['type'], number>> = {
  ...CYLINDER_EVENT_VERSIONS,
  ...TRIP_EVENT_VERSIONS,
  ...HOSPITAL_DEMAND_EVENT_VERSIONS,
  ...PLANT_EVENT_VERSIONS,
  ...SUPPLY_LEVEL_EVENT_VERSIONS,
  ...ALERT_EVENT_VERSIONS,
  ...SCAN_CONFLICT_EVENT_VERSIONS,
  ...ROUTE_PLAN_EVENT_VERSIONS,
  ...VEHICLE_BOOKING_EVENT_VERSIONS,
  ...LOT_RECALL_EVENT_VERSIONS,
  ...DELIVERY_RECEIPT_EVENT_VERSIONS,
  ...HELP_REQUEST_EVENT_VERSIONS,
};

/**
 * Schema changes of past events, oldest first. Empty while every type is at v1. To change an
 * event's shape: bump its version in `*_EVENT_VERSIONS` and its type, and add here an upcaster
 * from the old version, e.g. `defineUpcaster<FilledV1, FilledV2>({ type: 'CylinderFilled',
 * fromVersion: 1, toVersion: 2, upcast: (v1) => ({ ...v1, ... }) })`. History is never rewritten.
 */
export const DOMAIN_UPCASTERS: readonly Upcaster[] = [];

export const domainEventUpcasters = new UpcasterRegistry<DomainEvent>(
  DOMAIN_EVENT_VERSIONS,
  DOMAIN_UPCASTERS,
);

/**
 * Reads an event from the ledger as today's `DomainEvent`. The store keeps `type` and `data`;
 * the application layer keeps `version` beside them (e.g. in the event's metadata) and passes
 * it here. Throws `UnknownEventType` or `UnsupportedEventVersion`.
 */
export function upcastDomainEvent(raw: RawEvent): DomainEvent {
  return domainEventUpcasters.upcast(raw);
}

export function isCylinderEvent(event: DomainEvent): event is CylinderEvent {
  return Object.prototype.hasOwnProperty.call(CYLINDER_EVENT_VERSIONS, event.type);
}

export function isTripEvent(event: DomainEvent): event is TripEvent {
  return Object.prototype.hasOwnProperty.call(TRIP_EVENT_VERSIONS, event.type);
}

export function isHospitalDemandEvent(event: DomainEvent): event is HospitalDemandEvent {
  return Object.prototype.hasOwnProperty.call(HOSPITAL_DEMAND_EVENT_VERSIONS, event.type);
}

export function isVehicleBookingEvent(event: DomainEvent): event is VehicleBookingEvent {
  return Object.prototype.hasOwnProperty.call(VEHICLE_BOOKING_EVENT_VERSIONS, event.type);
}

export function isLotRecallEvent(event: DomainEvent): event is LotRecallEvent {
  return Object.prototype.hasOwnProperty.call(LOT_RECALL_EVENT_VERSIONS, event.type);
}

export function isRoutePlanEvent(event: DomainEvent): event is RoutePlanEvent {
  return Object.prototype.hasOwnProperty.call(ROUTE_PLAN_EVENT_VERSIONS, event.type);
}

/** A domain event as the ledger keeps it: type and data, the schema version in the metadata. */
export interface StoredEventShape {
  type: string;
  data: unknown;
  metadata: { schemaVersion?: unknown; [key: string]: unknown };
}

/** Reads a stored event back as today's `DomainEvent` (upcasting older schema versions). */
export function fromStoredEvent(stored: StoredEventShape): DomainEvent {
  return upcastDomainEvent({
    type: stored.type,
    version: Number(stored.metadata.schemaVersion ?? 1),
    data: stored.data,
  });
}

export function isPlantEvent(event: DomainEvent): event is PlantEvent {
  return Object.prototype.hasOwnProperty.call(PLANT_EVENT_VERSIONS, event.type);
}

export function isAlertEvent(event: DomainEvent): event is AlertEvent {
  return Object.prototype.hasOwnProperty.call(ALERT_EVENT_VERSIONS, event.type);
}

export function isScanConflictEvent(event: DomainEvent): event is ScanConflictEvent {
  return Object.prototype.hasOwnProperty.call(SCAN_CONFLICT_EVENT_VERSIONS, event.type);
}

export function isHelpRequestEvent(event: DomainEvent): event is HelpRequestEvent {
  return Object.prototype.hasOwnProperty.call(HELP_REQUEST_EVENT_VERSIONS, event.type);
}

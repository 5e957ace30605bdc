import { DomainError } from '../shared/domain-error';
import { VersionedEvent } from '../shared/event';
import { IsoInstant } from '../shared/time';

/**
 * The hospital's own count of a delivery: what arrived, against what the driver recorded.
 * `missing` (recorded, not here) and `unexpected` (here, not recorded) make a discrepancy for
 * the dispatcher.
 */
export type DeliveryReceiptConfirmed = VersionedEvent<
  'DeliveryReceiptConfirmed',
  {
    tripId: string;
    facilityId: string;
    received: string[];
    missing: string[];
    unexpected: string[];
    at: IsoInstant;
  }
>;

export const DELIVERY_RECEIPT_EVENT_VERSIONS = { DeliveryReceiptConfirmed: 1 } as const;

export function deliveryReceiptStreamName(tripId: string, facilityId: string): string {
  return `delivery-receipt-${tripId}--${facilityId}`;
}

export class DeliveryNotRecorded extends DomainError {
  readonly code = 'receipt.delivery-not-recorded';
  readonly kind = 'conflict';
  constructor(tripId: string, facilityId: string) {
    super(`Trip ${tripId} has no delivery recorded at ${facilityId} yet`, {
      tripId,
      facilityId,
      rule: 'a receipt confirms a delivery the driver has recorded',
    });
  }
}

export class ReceiptAlreadyConfirmed extends DomainError {
  readonly code = 'receipt.already-confirmed';
  readonly kind = 'conflict';
  constructor(tripId: string, facilityId: string) {
    super(`The delivery of trip ${tripId} at ${facilityId} was already confirmed`, {
      tripId,
      facilityId,
      rule: 'a delivery is confirmed once; a later finding is reported on the cylinder (lost, damaged)',
    });
  }
}

export function decideConfirmReceipt(
  request: { tripId: string; facilityId: string; received: string[]; at: IsoInstant },
  delivery: { recorded: boolean; delivered: string[] },
  alreadyConfirmed: boolean,
): DeliveryReceiptConfirmed {
  if (!delivery.recorded) throw new DeliveryNotRecorded(request.tripId, request.facilityId);
  if (alreadyConfirmed) throw new ReceiptAlreadyConfirmed(request.tripId, request.facilityId);
  const received = [...new Set(request.received)];
  return {
    type: 'DeliveryReceiptConfirmed',
    version: 1,
    data: {
      tripId: request.tripId,
      facilityId: request.facilityId,
      received,
      missing: delivery.delivered.filter((serial) => !received.includes(serial)),
      unexpected: received.filter((serial) => !delivery.delivered.includes(serial)),
      at: request.at,
    },
  };
}

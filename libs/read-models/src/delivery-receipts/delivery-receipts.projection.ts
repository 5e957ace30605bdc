import type { DeliveryReceiptConfirmed } from '@oxyledger/domain';
import type { RecordedEvent } from '@oxyledger/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../projection';

/** `delivery-receipts`: one row per confirmed delivery, from the `delivery-receipt-` streams. */
export class DeliveryReceiptsProjection implements Projection {
  readonly name = 'delivery-receipts';
  readonly filter = { streamPrefixes: ['delivery-receipt-'] };
  readonly tables = ['delivery_receipts'] as const;

  async apply(events: RecordedEvent[], transaction: EntityManager): Promise<void> {
    for (const recorded of events) {
      if (recorded.type !== 'DeliveryReceiptConfirmed') continue;
      const data = recorded.data as DeliveryReceiptConfirmed['data'];
      await transaction.query(
        `INSERT INTO delivery_receipts
           (trip_id, facility_id, received, missing, unexpected, confirmed_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (trip_id, facility_id) DO NOTHING`,
        [data.tripId, data.facilityId, data.received, data.missing, data.unexpected, data.at],
      );
    }
  }
}

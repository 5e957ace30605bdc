import {
  type Cylinder,
  cylinderLocation,
  type CylinderState,
  evolveCylinder,
  fromStoredEvent,
  initialCylinderState,
  isCylinderEvent,
  isRegistered,
  testDueDate,
} from '@oxyledger/domain';
import type { RecordedEvent } from '@oxyledger/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../projection';

interface Row {
  serial: string;
  state: CylinderState;
  lastEventType: string;
  lastEventAt: string;
  lastFillLot: string | null;
  lastFillPurity: number | null;
}

/**
 * Each cylinder's current state: where it is (facility or trip), its status, last event, last
 * fill and next test due. The domain's own `evolveCylinder` computes the state, kept beside the
 * columns queries filter on, so the read model can never disagree with the ledger's rules.
 */
export class CylinderStatesProjection implements Projection {
  readonly name = 'cylinder-states';
  readonly filter = { streamPrefixes: ['cylinder-'] };

  async apply(events: RecordedEvent[], transaction: EntityManager): Promise<void> {
    const serials = [...new Set(events.map((event) => serialOf(event.streamName)))];
    const rows = await this.load(serials, transaction);
    for (const recorded of events) {
      const event = fromStoredEvent(recorded);
      if (!isCylinderEvent(event)) continue;
      const serial = serialOf(recorded.streamName);
      const row = rows.get(serial) ?? {
        serial,
        state: initialCylinderState(),
        lastEventType: event.type,
        lastEventAt: event.data.at,
        lastFillLot: null,
        lastFillPurity: null,
      };
      row.state = evolveCylinder(row.state, event);
      row.lastEventType = event.type;
      row.lastEventAt = event.data.at;
      if (event.type === 'CylinderFilled') {
        row.lastFillLot = event.data.lot;
        row.lastFillPurity = event.data.purityPercent;
      }
      rows.set(serial, row);
    }
    await this.save([...rows.values()], transaction);
  }

  private async load(serials: string[], transaction: EntityManager): Promise<Map<string, Row>> {
    const stored = (await transaction.query(
      `SELECT serial, state, last_event_type, last_event_at, last_fill_lot, last_fill_purity
       FROM app.cylinder_states WHERE serial = ANY($1)`,
      [serials],
    )) as {
      serial: string;
      state: CylinderState;
      last_event_type: string;
      last_event_at: Date;
      last_fill_lot: string | null;
      last_fill_purity: string | null;
    }[];
    return new Map(
      stored.map((row) => [
        row.serial,
        {
          serial: row.serial,
          state: row.state,
          lastEventType: row.last_event_type,
          lastEventAt: row.last_event_at.toISOString(),
          lastFillLot: row.last_fill_lot,
          lastFillPurity: row.last_fill_purity === null ? null : Number(row.last_fill_purity),
        },
      ]),
    );
  }

  private async save(rows: Row[], transaction: EntityManager): Promise<void> {
    const registered = rows.filter((row): row is Row & { state: Cylinder } =>
      isRegistered(row.state),
    );
    if (registered.length === 0) return;
    const columns = registered.map((row) => {
      const location = cylinderLocation(row.state);
      return {
        serial: row.serial,
        sizeCode: row.state.sizeCode,
        ownerId: row.state.ownerId,
        status: row.state.status,
        facilityId: location?.kind === 'facility' ? location.facilityId : null,
        tripId: location?.kind === 'trip' ? location.tripId : null,
        lastEventType: row.lastEventType,
        lastEventAt: row.lastEventAt,
        lastFillLot: row.lastFillLot,
        lastFillPurity: row.lastFillPurity,
        nextTestDue: testDueDate(row.state),
        state: row.state,
      };
    });
    await transaction.query(
      `INSERT INTO app.cylinder_states AS c (serial, size_code, owner_id, status, facility_id,
         trip_id, last_event_type, last_event_at, last_fill_lot, last_fill_purity, next_test_due, state)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(serial text, "sizeCode" text,
         "ownerId" text, status text, "facilityId" text, "tripId" text, "lastEventType" text,
         "lastEventAt" timestamptz, "lastFillLot" text, "lastFillPurity" numeric,
         "nextTestDue" date, state jsonb)
       ON CONFLICT (serial) DO UPDATE SET
         size_code = EXCLUDED.size_code, owner_id = EXCLUDED.owner_id, status = EXCLUDED.status,
         facility_id = EXCLUDED.facility_id, trip_id = EXCLUDED.trip_id,
         last_event_type = EXCLUDED.last_event_type, last_event_at = EXCLUDED.last_event_at,
         last_fill_lot = EXCLUDED.last_fill_lot, last_fill_purity = EXCLUDED.last_fill_purity,
         next_test_due = EXCLUDED.next_test_due, state = EXCLUDED.state`,
      [JSON.stringify(columns)],
    );
  }
}

function serialOf(streamName: string): string {
  return streamName.slice('cylinder-'.length);
}

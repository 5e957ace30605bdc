import {
  HELP_REQUEST_STREAM_PREFIX,
  type HelpRequestEvent,
  isHelpRequestEvent,
  upcastDomainEvent,
} from '@oxyledger/domain';
import type { RecordedEvent } from '@oxyledger/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../projection';

/**
 * `help-requests`: one row per help request with its state, assignee, and the first time it was
 * assigned and resolved (for time-to-assign and time-to-resolve). Times are when it happened on
 * the device (`occurredAt`), else when the ledger recorded it.
 */
export class HelpRequestsProjection implements Projection {
  readonly name = 'help-requests';
  readonly filter = { streamPrefixes: [HELP_REQUEST_STREAM_PREFIX] };
  readonly tables = ['help_requests'] as const;

  async apply(events: RecordedEvent[], transaction: EntityManager): Promise<void> {
    for (const recorded of events) {
      const event = upcastDomainEvent({
        type: recorded.type,
        version: Number(recorded.metadata.schemaVersion ?? 1),
        data: recorded.data,
      });
      if (!isHelpRequestEvent(event)) continue;
      const at = recorded.metadata.occurredAt ?? recorded.recordedAt.toISOString();
      await applyOne(event, at, transaction);
    }
  }
}

async function applyOne(event: HelpRequestEvent, at: string, tx: EntityManager): Promise<void> {
  const id = event.data.requestId;
  const set = (assignments: string, values: unknown[]) =>
    tx.query(`UPDATE help_requests SET ${assignments}, updated_at = $2 WHERE request_id = $1`, [
      id,
      at,
      ...values,
    ]);
  switch (event.type) {
    case 'HelpRequestOpened': {
      const d = event.data;
      await tx.query(
        `INSERT INTO help_requests (request_id, category, urgency, status, facility_id, title,
            opened_by, opened_at, updated_at)
         VALUES ($1, $2, $3, 'opened', $4, $5, $6, $7, $7) ON CONFLICT (request_id) DO NOTHING`,
        [id, d.category, d.urgency, d.facilityId, d.title, d.openedBy, at],
      );
      return;
    }
    case 'HelpRequestTriaged':
      await set(`status = 'triaged', urgency = $3`, [event.data.urgency]);
      return;
    case 'HelpRequestAssigned': {
      const { kind, id: assigneeId, userId } = event.data.assignee;
      await set(
        `status = 'assigned', assignee_kind = $3, assignee_id = $4, assignee_user_id = $5,
         first_assigned_at = coalesce(first_assigned_at, $2)`,
        [kind, assigneeId, userId ?? null],
      );
      return;
    }
    case 'HelpRequestStarted':
      await set(`status = 'in-progress'`, []);
      return;
    case 'HelpRequestResolved':
      await set(`status = 'resolved', first_resolved_at = coalesce(first_resolved_at, $2)`, []);
      return;
    case 'HelpRequestClosed':
      await set(`status = 'closed'`, []);
      return;
    case 'HelpRequestReopened':
      await set(`status = 'reopened'`, []);
      return;
    case 'HelpRequestCommented':
      await set(`comments = comments + 1`, []);
      return;
  }
}

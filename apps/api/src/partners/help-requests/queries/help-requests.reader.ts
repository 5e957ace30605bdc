import { Injectable } from '@nestjs/common';
import {
  fromStoredEvent,
  type HelpRequestEvent,
  HelpRequestNotFound,
  helpRequestStreamName,
  isHelpRequestEvent,
  evolveHelpRequest,
  type HelpRequestState,
} from '@oxyledger/domain';
import { DataSource } from 'typeorm';
import { LedgerStore } from '@oxyledger/ledger';
import { isHelpRequestId } from '../help-request.loader';

export interface BoardFilter {
  status?: string;
  urgency?: string;
  category?: string;
  governorate?: string;
  facilityId?: string;
  assigneeId?: string;
}

export interface BoardItem {
  requestId: string;
  category: string;
  urgency: string;
  status: string;
  facilityId: string;
  facilityName: string | null;
  facilityKind: string | null;
  governorate: string | null;
  title: string;
  openedAt: string;
  assignee: { kind: string; id: string; name: string | null } | null;
  comments: number;
  updatedAt: string;
}

const URGENCY_ORDER = `CASE h.urgency WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;

/** Help requests as the board and a request's page show them, from the read model and the stream. */
@Injectable()
export class HelpRequestsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerStore,
  ) {}

  async board(
    filter: BoardFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: BoardItem[]; total: number }> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      conditions.push(sql.replace('?', `$${values.length}`));
    };
    if (filter.status) add('h.status = ?', filter.status);
    if (filter.urgency) add('h.urgency = ?', filter.urgency);
    if (filter.category) add('h.category = ?', filter.category);
    if (filter.governorate) add('f.governorate = ?', filter.governorate);
    if (filter.facilityId) add('h.facility_id = ?', filter.facilityId);
    if (filter.assigneeId) add('h.assignee_id = ?', filter.assigneeId);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const from = `FROM app.help_requests h LEFT JOIN app.facilities f ON f.id = h.facility_id`;
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total ${from} ${where}`,
      values,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT h.*, f.name AS facility_name, f.kind AS facility_kind, f.governorate,
              coalesce(p.name, o.name) AS assignee_name
         ${from}
         LEFT JOIN app.partner_people p ON h.assignee_kind = 'person' AND p.id = h.assignee_id
         LEFT JOIN app.partner_organisations o ON h.assignee_kind = 'organisation' AND o.id = h.assignee_id
         ${where}
        ORDER BY ${URGENCY_ORDER}, h.opened_at DESC, h.request_id
        LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, page.pageSize, (page.page - 1) * page.pageSize],
    )) as Record<string, unknown>[];
    return {
      total,
      items: rows.map((row) => ({
        requestId: row.request_id as string,
        category: row.category as string,
        urgency: row.urgency as string,
        status: row.status as string,
        facilityId: row.facility_id as string,
        facilityName: (row.facility_name as string | null) ?? null,
        facilityKind: (row.facility_kind as string | null) ?? null,
        governorate: (row.governorate as string | null) ?? null,
        title: row.title as string,
        openedAt: (row.opened_at as Date).toISOString(),
        assignee: row.assignee_id
          ? {
              kind: row.assignee_kind as string,
              id: row.assignee_id as string,
              name: (row.assignee_name as string | null) ?? null,
            }
          : null,
        comments: row.comments as number,
        updatedAt: (row.updated_at as Date).toISOString(),
      })),
    };
  }

  /** One request from its own stream (always current), with its timeline. */
  async detail(requestId: string) {
    if (!isHelpRequestId(requestId)) throw new HelpRequestNotFound(requestId);
    const recorded = await this.ledger.history(helpRequestStreamName(requestId));
    const events = recorded
      .map((r) => ({ recorded: r, event: fromStoredEvent(r) }))
      .filter((e): e is { recorded: typeof e.recorded; event: HelpRequestEvent } =>
        isHelpRequestEvent(e.event),
      );
    const state = events.map((e) => e.event).reduce(evolveHelpRequest, null as HelpRequestState);
    if (!state) throw new HelpRequestNotFound(requestId);
    const opened = events[0].event;
    const userIds = [...new Set(events.map(({ event }) => actorOf(event)))];
    const names = new Map(
      (
        (await this.dataSource.query(
          'SELECT id::text AS id, display_name FROM app.users WHERE id::text = ANY($1)',
          [userIds],
        )) as { id: string; display_name: string }[]
      ).map((row) => [row.id, row.display_name]),
    );
    const [facility] = (await this.dataSource.query(
      'SELECT id, name, kind, governorate FROM app.facilities WHERE id = $1',
      [state.facilityId],
    )) as { id: string; name: string; kind: string; governorate: string }[];
    let assigneeName: string | null = null;
    if (state.assignee) {
      const table = state.assignee.kind === 'person' ? 'partner_people' : 'partner_organisations';
      const [row] = (await this.dataSource.query(`SELECT name FROM app.${table} WHERE id = $1`, [
        state.assignee.id,
      ])) as { name: string }[];
      assigneeName = row?.name ?? null;
    }
    return {
      ...state,
      description: opened.type === 'HelpRequestOpened' ? opened.data.description : '',
      photos: opened.type === 'HelpRequestOpened' ? (opened.data.photos ?? []) : [],
      facility: facility ?? null,
      assignee: state.assignee ? { ...state.assignee, name: assigneeName } : null,
      timeline: events.map(({ recorded, event }) => ({
        type: event.type,
        at: recorded.metadata.occurredAt ?? recorded.recordedAt.toISOString(),
        by: actorOf(event),
        byName: names.get(actorOf(event)) ?? null,
        data: event.data,
      })),
    };
  }

  /** Hours from opening to first assignment and to first resolution, per category and governorate. */
  async stats(filter: { from?: string; to?: string }) {
    const rows = (await this.dataSource.query(
      `SELECT h.category, coalesce(f.governorate, '') AS governorate,
              count(*)::int AS requests,
              count(h.first_assigned_at)::int AS assigned,
              count(h.first_resolved_at)::int AS resolved,
              round((avg(extract(epoch FROM h.first_assigned_at - h.opened_at)) / 3600)::numeric, 1)::float AS "meanHoursToAssign",
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.first_assigned_at - h.opened_at)) / 3600)::numeric, 1)::float AS "medianHoursToAssign",
              round((avg(extract(epoch FROM h.first_resolved_at - h.opened_at)) / 3600)::numeric, 1)::float AS "meanHoursToResolve",
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.first_resolved_at - h.opened_at)) / 3600)::numeric, 1)::float AS "medianHoursToResolve"
         FROM app.help_requests h LEFT JOIN app.facilities f ON f.id = h.facility_id
        WHERE ($1::timestamptz IS NULL OR h.opened_at >= $1) AND ($2::timestamptz IS NULL OR h.opened_at < $2)
        GROUP BY h.category, f.governorate ORDER BY h.category, governorate`,
      [filter.from ?? null, filter.to ?? null],
    )) as Record<string, unknown>[];
    return { items: rows };
  }
}

function actorOf(event: HelpRequestEvent): string {
  switch (event.type) {
    case 'HelpRequestOpened':
      return event.data.openedBy;
    case 'HelpRequestTriaged':
      return event.data.triagedBy;
    case 'HelpRequestAssigned':
      return event.data.assignedBy;
    default:
      return event.data.by;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE } from '@oxyledger/network';
import { SqlFilter } from '../supply-scope';
import type { CylinderListItem, CylinderListPage, CylinderListQuery } from './cylinder-list.dto';

interface CylinderRow {
  serial: string;
  size_code: string;
  owner_id: string;
  status: string;
  facility_id: string | null;
  facility_kind: string | null;
  trip_id: string | null;
  location_since: Date | null;
  last_event_type: string;
  last_event_at: Date;
  last_fill_lot: string | null;
  last_fill_purity: string | null;
  next_test_due: string;
}

/** Pages of `app.cylinder_states`; the attention lists add their own conditions and order. */
@Injectable()
export class CylinderListReader {
  constructor(private readonly dataSource: DataSource) {}

  async page(
    filter: CylinderListQuery,
    options: { where?: SqlFilter; orderBy?: string } = {},
  ): Promise<CylinderListPage> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? DEFAULT_PAGE_SIZE;
    const where = (options.where ?? new SqlFilter())
      .add('c.facility_id = ?', filter.facilityId)
      .add('c.owner_id = ?', filter.ownerId)
      .add('c.size_code = ?', filter.sizeCode)
      .add('c.status = ?', filter.status)
      .add('c.trip_id = ?', filter.tripId)
      .add(
        'c.facility_id IN (SELECT id FROM app.facilities WHERE governorate = ?)',
        filter.governorate,
      );
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM app.cylinder_states c WHERE ${where.where}`,
      where.params,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT serial, size_code, owner_id, status, facility_id, facility_kind, trip_id,
              location_since, last_event_type, last_event_at, last_fill_lot, last_fill_purity,
              next_test_due::text AS next_test_due
       FROM app.cylinder_states c WHERE ${where.where}
       ORDER BY ${options.orderBy ?? 'c.serial'}
       LIMIT ${where.param(pageSize)} OFFSET ${where.param((page - 1) * pageSize)}`,
      where.params,
    )) as CylinderRow[];
    return { page, pageSize, total, items: rows.map(toItem) };
  }
}

function toItem(row: CylinderRow): CylinderListItem {
  return {
    serial: row.serial,
    sizeCode: row.size_code,
    ownerId: row.owner_id,
    status: row.status,
    facilityId: row.facility_id,
    facilityKind: row.facility_kind,
    tripId: row.trip_id,
    locationSince: row.location_since?.toISOString() ?? null,
    lastEventType: row.last_event_type,
    lastEventAt: row.last_event_at.toISOString(),
    lastFillLot: row.last_fill_lot,
    lastFillPurityPercent: row.last_fill_purity === null ? null : Number(row.last_fill_purity),
    nextTestDue: row.next_test_due,
  };
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hospitalDemandsOf } from '@oxyledger/read-models';
import type { ReportingGapView } from './reporting-gaps.dto';

const DAY_MS = 86_400_000;

/**
 * Hospitals that have gone quiet: no census and no cylinder movement for `days`. Movements come
 * from the read models (arrivals in `cylinder_visits`, events on the cylinders held there);
 * the census from the `hospital_demand` read model.
 */
@Injectable()
export class ReportingGapsReader {
  constructor(private readonly dataSource: DataSource) {}

  async silentFor(days: number, now: Date, onlyFacilityId?: string): Promise<ReportingGapView[]> {
    const hospitals = (await this.dataSource.query(
      `SELECT f.id, f.name, f.governorate,
              GREATEST(
                (SELECT max(v.first_at) FROM app.cylinder_visits v WHERE v.facility_id = f.id),
                (SELECT max(c.last_event_at) FROM app.cylinder_states c WHERE c.facility_id = f.id)
              ) AS last_movement_at
         FROM app.facilities f
        WHERE f.kind = 'hospital' AND f.active AND ($1::text IS NULL OR f.id = $1)
        ORDER BY f.name`,
      [onlyFacilityId ?? null],
    )) as { id: string; name: string; governorate: string; last_movement_at: Date | null }[];
    const cutOff = now.getTime() - days * DAY_MS;
    const demands = await hospitalDemandsOf(
      this.dataSource,
      hospitals.map((hospital) => hospital.id),
    );
    const reports = hospitals.map((hospital) => {
      const lastCensusAt = demands.get(hospital.id)!.census?.at ?? null;
      return {
        facilityId: hospital.id,
        name: hospital.name,
        governorate: hospital.governorate,
        lastCensusAt,
        lastMovementAt: hospital.last_movement_at?.toISOString() ?? null,
      };
    });
    return reports.filter((report) => {
      const times = [report.lastCensusAt, report.lastMovementAt]
        .filter((value): value is string => value !== null)
        .map((value) => Date.parse(value));
      return times.length === 0 || Math.max(...times) < cutOff;
    });
  }
}

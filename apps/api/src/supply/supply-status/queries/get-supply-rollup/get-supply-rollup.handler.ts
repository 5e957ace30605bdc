import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SUPPLY_LEVELS, type SupplyLevel } from '@oxyledger/domain';
import { DataSource } from 'typeorm';
import { GOVERNORATES, NetworkService } from '@oxyledger/network';
import { type HospitalSupply, HospitalSupplyReader } from '@oxyledger/supply';
import type { SupplyRollup } from '../../supply-status.dto';
import { GetSupplyRollupQuery } from './get-supply-rollup.query';

const FILL_WINDOW_DAYS = 7;

@QueryHandler(GetSupplyRollupQuery)
export class GetSupplyRollupHandler implements IQueryHandler<GetSupplyRollupQuery> {
  constructor(
    private readonly network: NetworkService,
    private readonly supply: HospitalSupplyReader,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ now }: GetSupplyRollupQuery): Promise<{
    national: SupplyRollup;
    governorates: SupplyRollup[];
  }> {
    const statuses = await this.supply.stored(
      await this.network.allFacilities({ kind: 'hospital', active: true }),
      now,
    );
    const since = new Date(now.getTime() - FILL_WINDOW_DAYS * 86_400_000).toISOString();
    const fills = (await this.dataSource.query(
      `SELECT f.governorate, sum(d.count)::float8 AS cylinders, sum(d.oxygen_litres)::float8 AS litres
       FROM app.daily_fills d JOIN app.facilities f ON f.id = d.plant_id
       WHERE d.day > $1::date GROUP BY f.governorate`,
      [since.slice(0, 10)],
    )) as { governorate: string; cylinders: number; litres: number }[];
    const rollup = (governorate: string | null): SupplyRollup => {
      const mine = statuses.filter((s) => governorate === null || s.governorate === governorate);
      const filled = fills.filter((f) => governorate === null || f.governorate === governorate);
      return summarize(
        governorate,
        mine,
        filled.reduce((sum, f) => sum + f.litres, 0) / FILL_WINDOW_DAYS,
        filled.reduce((sum, f) => sum + f.cylinders, 0) / FILL_WINDOW_DAYS,
      );
    };
    return { national: rollup(null), governorates: GOVERNORATES.map(rollup) };
  }
}

function summarize(
  governorate: string | null,
  statuses: HospitalSupply[],
  filledLitresPerDay: number,
  filledCylindersPerDay: number,
): SupplyRollup {
  const byLevel = Object.fromEntries(SUPPLY_LEVELS.map((level) => [level, 0])) as Record<
    SupplyLevel,
    number
  >;
  let need = 0;
  let needCylinders = 0;
  let onHand = 0;
  let toSend = 0;
  for (const status of statuses) {
    byLevel[status.level] += 1;
    need += status.needLitresPerDay;
    onHand += status.onHandLitres;
    for (const size of status.bySize) {
      needCylinders += size.dailyUseCylinders;
      toSend += size.toSendCylinders;
    }
  }
  return {
    governorate,
    hospitals: statuses.length,
    byLevel,
    needLitresPerDay: Math.round(need),
    needCylindersPerDay: Math.round(needCylinders * 10) / 10,
    onHandLitres: Math.round(onHand),
    daysOfSupply: need > 0 ? Math.round((onHand / need) * 10) / 10 : null,
    filledLitresPerDay: Math.round(filledLitresPerDay),
    filledCylindersPerDay: Math.round(filledCylindersPerDay * 10) / 10,
    toSendCylinders: toSend,
  };
}

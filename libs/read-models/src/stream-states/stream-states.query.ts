import {
  type AlertHandling,
  type HospitalDemand,
  initialAlertHandling,
  initialHospitalDemand,
  initialPlantState,
  type PlantState,
} from '@oxyledger/domain';
import type { DataSource } from 'typeorm';

async function statesOf<State>(
  dataSource: DataSource,
  table: 'hospital_demand' | 'plant_states' | 'alert_handling',
  keys: readonly string[],
  initial: () => State,
): Promise<Map<string, State>> {
  const rows = (await dataSource.query(`SELECT key, state FROM app.${table} WHERE key = ANY($1)`, [
    [...keys],
  ])) as { key: string; state: State }[];
  const found = new Map(rows.map((row) => [row.key, row.state]));
  return new Map(keys.map((key) => [key, found.get(key) ?? initial()]));
}

/** Hospitals' beds and latest census, from `hospital_demand` (none yet: the initial state). */
export function hospitalDemandsOf(
  dataSource: DataSource,
  facilityIds: readonly string[],
): Promise<Map<string, HospitalDemand>> {
  return statesOf(dataSource, 'hospital_demand', facilityIds, initialHospitalDemand);
}

/** Plants' capacity and status, from `plant_states`. */
export function plantStatesOf(
  dataSource: DataSource,
  facilityIds: readonly string[],
): Promise<Map<string, PlantState>> {
  return statesOf(dataSource, 'plant_states', facilityIds, initialPlantState);
}

/** Alerts' acknowledgements and resolutions, from `alert_handling`. */
export function alertHandlingsOf(
  dataSource: DataSource,
  alertIds: readonly string[],
): Promise<Map<string, AlertHandling>> {
  return statesOf(dataSource, 'alert_handling', alertIds, initialAlertHandling);
}

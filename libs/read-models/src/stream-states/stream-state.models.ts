import {
  type AlertEvent,
  type AlertHandling,
  evolveAlert,
  evolveHospitalDemand,
  evolvePlant,
  evolveScanConflict,
  type HospitalDemand,
  type HospitalDemandEvent,
  initialAlertHandling,
  initialHospitalDemand,
  initialPlantState,
  isAlertEvent,
  isHospitalDemandEvent,
  isPlantEvent,
  isScanConflictEvent,
  type PlantEvent,
  type PlantState,
  type ScanConflict,
  type ScanConflictEvent,
} from '@oxyledger/domain';
import { type StreamStateModel, StreamStatesProjection } from './stream-state.projection';

/** `hospital_demand`: each hospital's beds and latest census, keyed by facility id. */
export const hospitalDemandModel: StreamStateModel<HospitalDemand, HospitalDemandEvent> = {
  streamPrefix: 'hospital-demand-',
  table: 'hospital_demand',
  isEvent: isHospitalDemandEvent,
  evolve: evolveHospitalDemand,
  initial: initialHospitalDemand,
};

/** `plant_states`: each plant's capacity and status, keyed by facility id. */
export const plantStatesModel: StreamStateModel<PlantState, PlantEvent> = {
  streamPrefix: 'plant-',
  table: 'plant_states',
  isEvent: isPlantEvent,
  evolve: evolvePlant,
  initial: initialPlantState,
};

/** `alert_handling`: acknowledgements and resolutions, keyed by alert id. */
export const alertHandlingModel: StreamStateModel<AlertHandling, AlertEvent> = {
  streamPrefix: 'alert-',
  table: 'alert_handling',
  isEvent: isAlertEvent,
  evolve: evolveAlert,
  initial: initialAlertHandling,
};

/** `scan_conflicts`: the review queue, keyed by conflict id, open ones findable by index. */
export const scanConflictsModel: StreamStateModel<ScanConflict | null, ScanConflictEvent> = {
  streamPrefix: 'scan-conflict-',
  table: 'scan_conflicts',
  isEvent: isScanConflictEvent,
  evolve: evolveScanConflict,
  initial: () => null,
  columns: (conflict) => ({
    trip_id: conflict?.tripId ?? null,
    facility_id: conflict?.facilityId ?? null,
    recorded_at: conflict?.recordedAt ?? null,
    resolved: conflict ? conflict.resolution !== null : null,
  }),
};

/**
 * `stream-states`: hospital demand, plant states, alert handling and scan conflicts, each kept
 * as one row per stream (see `StreamStatesProjection`).
 */
export const streamStatesProjection = () =>
  new StreamStatesProjection('stream-states', [
    hospitalDemandModel,
    plantStatesModel,
    alertHandlingModel,
    scanConflictsModel,
  ]);

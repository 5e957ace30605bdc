import { DeliveryProof } from '../delivery-proof/delivery-proof';
import { FacilityRef } from '../facility/facility';
import { IsoDate, IsoInstant } from '../shared/time';

/**
 * Commands on one cylinder stream. `at` is when it happened on the device (ISO 8601): the
 * domain never reads a clock. Batch and trip commands, which touch many streams, are in
 * `operations/` and are decided through these.
 */
interface CylinderCommandData {
  serial: string;
  at: IsoInstant;
}

export interface CylinderRegistration {
  serial: string;
  sizeCode: string;
  ownerId: string;
  gasGrade: string;
  manufactureDate: IsoDate;
  lastTestDate: IsoDate;
  /** Years between periodic tests; defaults to the configured interval. */
  testIntervalYears?: number;
  /** Where it is registered: a producer's plant, unless migrated. */
  facility: FacilityRef;
  /**
   * For migrating an existing fleet: the cylinder's current contents, at any facility.
   * Omitted for a new cylinder, which is registered EMPTY at a producer's plant.
   */
  migratedAs?: 'EMPTY' | 'FULL';
}

export type RegisterCylinder = {
  type: 'RegisterCylinder';
  data: CylinderRegistration & { at: IsoInstant };
};

export type FillCylinder = {
  type: 'FillCylinder';
  data: CylinderCommandData & {
    plantId: string;
    manifoldId?: string;
    lot: string;
    purityPercent: number;
    pressureBar: number;
    operatorId: string;
    /**
     * `failed`: the operator's QC check failed; the reading is kept and the cylinder is
     * quarantined instead of counting as full. Default `passed`, which the readings must bear out.
     */
    qcResult?: 'passed' | 'failed';
  };
};

export type LoadCylinder = {
  type: 'LoadCylinder';
  data: CylinderCommandData & { tripId: string; originFacilityId: string };
};

export type DeliverCylinder = {
  type: 'DeliverCylinder';
  data: CylinderCommandData & {
    tripId: string;
    facility: FacilityRef;
    receivedBy: string;
    proof?: DeliveryProof;
  };
};

export type CollectCylinder = {
  type: 'CollectCylinder';
  data: CylinderCommandData & { tripId: string; facilityId: string };
};

export type UnloadCylinder = {
  type: 'UnloadCylinder';
  data: CylinderCommandData & { tripId: string; facility: FacilityRef };
};

export type PutCylinderInUse = {
  type: 'PutCylinderInUse';
  data: CylinderCommandData & { hospitalId: string };
};

export type MarkCylinderEmpty = {
  type: 'MarkCylinderEmpty';
  data: CylinderCommandData & { hospitalId: string };
};

export type RecordCylinderTest = {
  type: 'RecordCylinderTest';
  data: CylinderCommandData & {
    result: 'passed' | 'failed';
    testedOn: IsoDate;
    testedBy: string;
    notes?: string;
  };
};

export type QuarantineCylinder = {
  type: 'QuarantineCylinder';
  data: CylinderCommandData & { reason: string };
};

export type ReleaseCylinder = {
  type: 'ReleaseCylinder';
  /** `releaseAs: 'EMPTY'` when the contents were vented; otherwise it returns to its state before. */
  data: CylinderCommandData & { releaseAs?: 'EMPTY' };
};

export type CondemnCylinder = {
  type: 'CondemnCylinder';
  data: CylinderCommandData & { reason: string };
};

export type ReportCylinderLost = {
  type: 'ReportCylinderLost';
  data: CylinderCommandData & { reason?: string };
};

export type ReportCylinderFound = {
  type: 'ReportCylinderFound';
  /** Comes back EMPTY at `facility`: its contents are unknown (`foundAs: 'FULL'` is refused). */
  data: CylinderCommandData & { facility: FacilityRef; foundAs?: 'EMPTY' | 'FULL' };
};

export type CylinderCommand =
  | RegisterCylinder
  | FillCylinder
  | LoadCylinder
  | DeliverCylinder
  | CollectCylinder
  | UnloadCylinder
  | PutCylinderInUse
  | MarkCylinderEmpty
  | RecordCylinderTest
  | QuarantineCylinder
  | ReleaseCylinder
  | CondemnCylinder
  | ReportCylinderLost
  | ReportCylinderFound;

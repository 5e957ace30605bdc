import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { FacilityEntity } from './facility.entity';
import type { VehicleCapacity } from './network.types';

/** `app.vehicles`: trucks, each based at a producer or depot (migration `NetworkMasterData…`). */
@Entity({ schema: 'app', name: 'vehicles' })
export class VehicleEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'registration_plate', type: 'text' })
  registrationPlate!: string;

  @Index('vehicles_depot_facility_id_idx')
  @Column({ name: 'depot_facility_id', type: 'text' })
  depotFacilityId!: string;

  @ManyToOne(() => FacilityEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({
    name: 'depot_facility_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'vehicles_depot_facility_fk',
  })
  depotFacility?: FacilityEntity;

  /** Cylinders carried per size code, e.g. `{ "J": 60, "E": 120 }`. */
  @Column({ type: 'jsonb' })
  capacity!: VehicleCapacity;

  @Column({ name: 'supplier_id', type: 'text' })
  supplierId!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

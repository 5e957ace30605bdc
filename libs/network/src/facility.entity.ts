import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  UpdateDateColumn,
  type ValueTransformer,
} from 'typeorm';
import type { FacilityKind } from './network.types';

/** PostgreSQL `time` reads back as `HH:MM:SS`; the api speaks `HH:MM`. */
const clockTime: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : value.slice(0, 5)),
};

/** `app.facilities`: producer plants, hospitals and depots (migration `NetworkMasterData…`). */
@Entity({ schema: 'app', name: 'facilities' })
export class FacilityEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  kind!: FacilityKind;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  governorate!: string;

  @Column({ type: 'double precision' })
  latitude!: number;

  @Column({ type: 'double precision' })
  longitude!: number;

  @Column({ name: 'receiving_opens', type: 'time', nullable: true, transformer: clockTime })
  receivingOpens!: string | null;

  @Column({ name: 'receiving_closes', type: 'time', nullable: true, transformer: clockTime })
  receivingCloses!: string | null;

  @Column({ name: 'supplier_id', type: 'text', nullable: true })
  supplierId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

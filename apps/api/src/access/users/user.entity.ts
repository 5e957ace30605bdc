import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../actor';

/** A row of `app.users` (migration `CreateUsers1795731727450`). */
@Entity({ schema: 'app', name: 'users' })
export class UserEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** As typed at creation; unique regardless of case (index on `lower(username)`). */
  @Column('text')
  username!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  /** `scrypt$N$r$p$salt$hash`, see `PasswordHasher`. */
  @Column('text', { name: 'password_hash' })
  passwordHash!: string;

  @Column('text')
  role!: Role;

  @Column('text', { name: 'facility_id', nullable: true })
  facilityId!: string | null;

  /** A driver's home plant, where the planner puts them on trucks; `null`: any plant of theirs. */
  @Column('text', { name: 'home_facility_id', nullable: true })
  homeFacilityId!: string | null;

  @Column('text', { name: 'supplier_id', nullable: true })
  supplierId!: string | null;

  @Column('boolean')
  active!: boolean;

  /** Bumped on a password reset: refresh tokens issued before stop working. */
  @Column('integer', { name: 'token_version' })
  tokenVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

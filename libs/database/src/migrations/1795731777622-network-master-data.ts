import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The network's master data: `app.facilities` (producers, hospitals, depots) and `app.vehicles`
 * (each based at a producer or depot). The checks repeat the rules the service enforces, so a
 * stray SQL script cannot store what the api would refuse; the governorate list is configuration
 * (`network/governorates.ts`), not a constraint, so another country needs no migration.
 */
export class NetworkMasterData1795731777622 implements MigrationInterface {
  name = 'NetworkMasterData1795731777622';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.facilities (
        id               text             NOT NULL,
        kind             text             NOT NULL,
        name             text             NOT NULL,
        governorate      text             NOT NULL,
        latitude         double precision NOT NULL,
        longitude        double precision NOT NULL,
        receiving_opens  time,
        receiving_closes time,
        supplier_id      text,
        active           boolean          NOT NULL DEFAULT true,
        created_at       timestamptz      NOT NULL DEFAULT now(),
        updated_at       timestamptz      NOT NULL DEFAULT now(),
        CONSTRAINT facilities_pkey PRIMARY KEY (id),
        CONSTRAINT facilities_id_slug CHECK (id ~ '^[a-z0-9-]{3,64}$'),
        CONSTRAINT facilities_kind_known CHECK (kind IN ('producer', 'hospital', 'depot')),
        CONSTRAINT facilities_name_not_blank CHECK (btrim(name) <> ''),
        CONSTRAINT facilities_governorate_not_blank CHECK (btrim(governorate) <> ''),
        CONSTRAINT facilities_latitude_range CHECK (latitude BETWEEN -90 AND 90),
        CONSTRAINT facilities_longitude_range CHECK (longitude BETWEEN -180 AND 180),
        CONSTRAINT facilities_receiving_hours CHECK (
          (receiving_opens IS NULL) = (receiving_closes IS NULL)
          AND (receiving_opens IS NULL OR receiving_opens < receiving_closes)
        ),
        CONSTRAINT facilities_supplier_id_slug CHECK (supplier_id ~ '^[a-z0-9-]{3,64}$'),
        CONSTRAINT facilities_supplier_by_kind CHECK ((kind = 'hospital') = (supplier_id IS NULL))
      )
    `);
    await queryRunner.query(`
      CREATE TABLE app.vehicles (
        id                 text        NOT NULL,
        registration_plate text        NOT NULL,
        depot_facility_id  text        NOT NULL,
        capacity           jsonb       NOT NULL,
        supplier_id        text        NOT NULL,
        active             boolean     NOT NULL DEFAULT true,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT vehicles_pkey PRIMARY KEY (id),
        CONSTRAINT vehicles_id_slug CHECK (id ~ '^[a-z0-9-]{3,64}$'),
        CONSTRAINT vehicles_registration_plate_not_blank CHECK (btrim(registration_plate) <> ''),
        CONSTRAINT vehicles_capacity_object CHECK (jsonb_typeof(capacity) = 'object'),
        CONSTRAINT vehicles_supplier_id_slug CHECK (supplier_id ~ '^[a-z0-9-]{3,64}$'),
        CONSTRAINT vehicles_depot_facility_fk FOREIGN KEY (depot_facility_id)
          REFERENCES app.facilities (id) ON UPDATE RESTRICT ON DELETE RESTRICT
      )
    `);
    await queryRunner.query(
      `CREATE INDEX vehicles_depot_facility_id_idx ON app.vehicles (depot_facility_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.vehicles`);
    await queryRunner.query(`DROP TABLE app.facilities`);
  }
}

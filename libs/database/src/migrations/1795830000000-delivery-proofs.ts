import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `app.delivery_proofs`: signature and photo images of proofs of delivery, by content hash (the
 * delivery events cite the hash). Not a read model: it is not rebuilt from the ledger.
 */
export class DeliveryProofs1795830000000 implements MigrationInterface {
  name = 'DeliveryProofs1795830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.delivery_proofs (
        sha256       text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL,
        bytes        bytea NOT NULL,
        facility_id  text NOT NULL,
        uploaded_by  text NOT NULL,
        uploaded_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.delivery_proofs');
  }
}

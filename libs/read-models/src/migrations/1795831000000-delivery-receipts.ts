import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `delivery_receipts`: hospitals' confirmations of deliveries, with their discrepancies. */
export class DeliveryReceipts1795831000000 implements MigrationInterface {
  name = 'DeliveryReceipts1795831000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.delivery_receipts (
        trip_id      text NOT NULL,
        facility_id  text NOT NULL,
        received     text[] NOT NULL,
        missing      text[] NOT NULL,
        unexpected   text[] NOT NULL,
        confirmed_at timestamptz NOT NULL,
        PRIMARY KEY (trip_id, facility_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX delivery_receipts_discrepancy_idx ON app.delivery_receipts (confirmed_at)
       WHERE cardinality(missing) > 0 OR cardinality(unexpected) > 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.delivery_receipts');
  }
}

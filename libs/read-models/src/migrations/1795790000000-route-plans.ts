import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Proposed, edited, approved and rejected refill route plans, kept by the `route-plans` projection. */
export class RoutePlans1795790000000 implements MigrationInterface {
  name = 'RoutePlans1795790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.route_plans (
        plan_id     text        PRIMARY KEY,
        region      text        NOT NULL,
        status      text        NOT NULL,
        proposed_at timestamptz NOT NULL,
        decided_at  timestamptz,
        record      jsonb       NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX route_plans_status_proposed_idx ON app.route_plans (status, proposed_at DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.route_plans');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class TakeoverClassification1795449527257 implements MigrationInterface {
  name = 'TakeoverClassification1795449527257';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "takeovers"
            ADD "initiated_by" text
        `);
    await queryRunner.query(`
            ALTER TABLE "takeovers"
            ADD "cause" text
        `);
    await queryRunner.query(`
            ALTER TABLE "takeovers"
            ADD "location_type" text
        `);
    await queryRunner.query(`
            ALTER TABLE "takeovers"
            ADD "classified_by" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "takeovers"
            ADD "classified_at" TIMESTAMP WITH TIME ZONE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "takeovers" DROP COLUMN "classified_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "takeovers" DROP COLUMN "classified_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "takeovers" DROP COLUMN "location_type"
        `);
    await queryRunner.query(`
            ALTER TABLE "takeovers" DROP COLUMN "cause"
        `);
    await queryRunner.query(`
            ALTER TABLE "takeovers" DROP COLUMN "initiated_by"
        `);
  }
}

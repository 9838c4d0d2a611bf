import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated reports: monthly per permit and per enterprise, and the jurisdiction's semi-annual filing of
 * notices. One row per kind, subject and period, so regeneration updates in place.
 */
export class Reports1795460200000 implements MigrationInterface {
  name = 'Reports1795460200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" text NOT NULL,
                "subject" text NOT NULL,
                "jurisdiction_code" text NOT NULL,
                "enterprise_id" uuid,
                "permit_id" uuid,
                "period_start" date NOT NULL,
                "period_end" date NOT NULL,
                "content" jsonb NOT NULL,
                "content_sha256" character(64) NOT NULL,
                "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "generation" integer NOT NULL DEFAULT '1',
                CONSTRAINT "CHK_reports_subject" CHECK (
                    ("kind" = 'PERMIT_MONTHLY' AND "permit_id" IS NOT NULL AND "enterprise_id" IS NOT NULL AND "subject" = "permit_id"::text)
                    OR ("kind" = 'ENTERPRISE_MONTHLY' AND "permit_id" IS NULL AND "enterprise_id" IS NOT NULL AND "subject" = "enterprise_id"::text)
                    OR ("kind" = 'NOTICE_FILING_SEMIANNUAL' AND "permit_id" IS NULL AND "enterprise_id" IS NULL AND "subject" = "jurisdiction_code")
                ),
                CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_reports_subject_period" ON "reports" ("kind", "subject", "period_start")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_reports_jurisdiction_period" ON "reports" ("jurisdiction_code", "period_start")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_reports_enterprise_period" ON "reports" ("enterprise_id", "period_start")
        `);
    await queryRunner.query(`
            ALTER TABLE "reports"
            ADD CONSTRAINT "FK_reports_jurisdiction" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reports"
            ADD CONSTRAINT "FK_reports_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reports"
            ADD CONSTRAINT "FK_reports_permit" FOREIGN KEY ("permit_id") REFERENCES "permits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "reports" DROP CONSTRAINT "FK_reports_permit"
        `);
    await queryRunner.query(`
            ALTER TABLE "reports" DROP CONSTRAINT "FK_reports_enterprise"
        `);
    await queryRunner.query(`
            ALTER TABLE "reports" DROP CONSTRAINT "FK_reports_jurisdiction"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_reports_enterprise_period"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_reports_jurisdiction_period"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_reports_subject_period"
        `);
    await queryRunner.query(`
            DROP TABLE "reports"
        `);
  }
}

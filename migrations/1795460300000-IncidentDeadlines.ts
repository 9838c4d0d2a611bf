import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analysis reports asked of an enterprise after an incident (BJ-ORD-32) with their due dates, and
 * alerts about one incident: unique per incident and type instead of per vehicle and type.
 */
export class IncidentDeadlines1795460300000 implements MigrationInterface {
  name = 'IncidentDeadlines1795460300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "incidents"
              ADD "analysis_requested_at" TIMESTAMP WITH TIME ZONE,
              ADD "analysis_requested_by" uuid,
              ADD "analysis_request_note" text,
              ADD "analysis_due_at" TIMESTAMP WITH TIME ZONE,
              ADD "analysis_report_ref" text,
              ADD "analysis_summary" text,
              ADD "analysis_submitted_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_incidents_analysis_due" ON "incidents" ("analysis_due_at")
            WHERE "analysis_submitted_at" IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts" ADD "incident_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts"
            ADD CONSTRAINT "FK_alerts_incident" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_alerts_unresolved"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_alerts_unresolved" ON "alerts" ("vehicle_id", "type")
            WHERE "status" <> 'RESOLVED' AND "incident_id" IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_alerts_incident_unresolved" ON "alerts" ("incident_id", "type")
            WHERE "status" <> 'RESOLVED' AND "incident_id" IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."UQ_alerts_incident_unresolved"
        `);
    await queryRunner.query(`
            DELETE FROM "alerts" WHERE "incident_id" IS NOT NULL
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_alerts_unresolved"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_alerts_unresolved" ON "alerts" ("vehicle_id", "type")
            WHERE "status" <> 'RESOLVED'
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts" DROP CONSTRAINT "FK_alerts_incident"
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts" DROP COLUMN "incident_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_incidents_analysis_due"
        `);
    await queryRunner.query(`
            ALTER TABLE "incidents"
              DROP COLUMN "analysis_requested_at",
              DROP COLUMN "analysis_requested_by",
              DROP COLUMN "analysis_request_note",
              DROP COLUMN "analysis_due_at",
              DROP COLUMN "analysis_report_ref",
              DROP COLUMN "analysis_summary",
              DROP COLUMN "analysis_submitted_at"
        `);
  }
}

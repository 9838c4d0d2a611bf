import { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1795449862204 implements MigrationInterface {
  name = 'Alerts1795449862204';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "alerts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "vehicle_id" uuid NOT NULL,
                "enterprise_id" uuid NOT NULL,
                "jurisdiction_code" text NOT NULL,
                "permit_id" uuid,
                "type" text NOT NULL,
                "severity" text NOT NULL,
                "rule_id" text NOT NULL,
                "message" jsonb NOT NULL,
                "status" text NOT NULL DEFAULT 'OPEN',
                "first_seen" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL,
                "point_count" integer NOT NULL DEFAULT '0',
                "late" boolean NOT NULL DEFAULT false,
                "acknowledged_by" uuid,
                "acknowledged_at" TIMESTAMP WITH TIME ZONE,
                "resolved_by" uuid,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "note" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_alerts_enterprise_status" ON "alerts" ("enterprise_id", "status", "last_seen")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_alerts_jurisdiction_status" ON "alerts" ("jurisdiction_code", "status", "last_seen")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_alerts_unresolved" ON "alerts" ("vehicle_id", "type")
            WHERE "status" <> 'RESOLVED'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."UQ_alerts_unresolved"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_alerts_jurisdiction_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_alerts_enterprise_status"
        `);
    await queryRunner.query(`
            DROP TABLE "alerts"
        `);
  }
}

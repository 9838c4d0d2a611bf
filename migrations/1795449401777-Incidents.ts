import { MigrationInterface, QueryRunner } from 'typeorm';

export class Incidents1795449401777 implements MigrationInterface {
  name = 'Incidents1795449401777';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "incidents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "enterprise_id" uuid NOT NULL,
                "jurisdiction_code" text NOT NULL,
                "vehicle_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "lat" double precision NOT NULL,
                "lon" double precision NOT NULL,
                "mode_at_time" text,
                "parties" jsonb NOT NULL DEFAULT '[]',
                "fatalities" integer NOT NULL DEFAULT '0',
                "serious_injuries" integer NOT NULL DEFAULT '0',
                "minor_injuries" integer NOT NULL DEFAULT '0',
                "vehicle_destroyed" boolean NOT NULL DEFAULT false,
                "damage" text,
                "av_at_fault" text NOT NULL DEFAULT 'UNDETERMINED',
                "narrative" text NOT NULL,
                "evidence_refs" text array NOT NULL DEFAULT '{}',
                "report_due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "reported_late" boolean NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                "reported_by" uuid NOT NULL,
                "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ccb34c01719889017e2246469f9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_incidents_jurisdiction_time" ON "incidents" ("jurisdiction_code", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_incidents_vehicle_time" ON "incidents" ("vehicle_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "incident_versions" (
                "incident_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "snapshot" jsonb NOT NULL,
                "amendment_reason" text,
                "superseded_by" uuid NOT NULL,
                "superseded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_751754208ff7fc1e7b755706b7d" PRIMARY KEY ("incident_id", "version")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "incidents"
            ADD CONSTRAINT "FK_incidents_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "incident_versions"
            ADD CONSTRAINT "FK_incident_versions_incident" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "incident_versions" DROP CONSTRAINT "FK_incident_versions_incident"
        `);
    await queryRunner.query(`
            ALTER TABLE "incidents" DROP CONSTRAINT "FK_incidents_vehicle"
        `);
    await queryRunner.query(`
            DROP TABLE "incident_versions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_incidents_vehicle_time"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_incidents_jurisdiction_time"
        `);
    await queryRunner.query(`
            DROP TABLE "incidents"
        `);
  }
}

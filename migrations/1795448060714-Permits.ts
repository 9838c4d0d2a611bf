import { MigrationInterface, QueryRunner } from 'typeorm';

export class Permits1795448060714 implements MigrationInterface {
  name = 'Permits1795448060714';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "applications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "enterprise_id" uuid NOT NULL,
                "jurisdiction_code" text NOT NULL,
                "kind" text NOT NULL,
                "status" text NOT NULL DEFAULT 'DRAFT',
                "vehicle_ids" uuid array NOT NULL DEFAULT '{}',
                "operator_ids" uuid array NOT NULL DEFAULT '{}',
                "remote_operator_ids" uuid array NOT NULL DEFAULT '{}',
                "zone_ids" uuid array NOT NULL DEFAULT '{}',
                "requested_from" date NOT NULL,
                "requested_to" date NOT NULL,
                "conditions" jsonb NOT NULL,
                "requested_driverless_stage" text,
                "adds_to_permit_id" uuid,
                "renews_permit_id" uuid,
                "evaluation" jsonb,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decided_by" uuid,
                "decision_reason" text,
                "override_reason" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_applications_enterprise" ON "applications" ("enterprise_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_applications_jurisdiction_status" ON "applications" ("jurisdiction_code", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "application_documents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "type" text NOT NULL,
                "file_name" text NOT NULL,
                "media_type" text NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" character(64) NOT NULL,
                "storage_key" text NOT NULL,
                "amount_cny" numeric(14, 2),
                "vehicle_id" uuid,
                "valid_until" date,
                "uploaded_by" uuid NOT NULL,
                "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_592142aa992e003beadf1409e9e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_application_documents_application" ON "application_documents" ("application_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "application_evaluations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "pack_version" text NOT NULL,
                "eligible" boolean NOT NULL,
                "evaluated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "trigger" text NOT NULL,
                "result" jsonb NOT NULL,
                CONSTRAINT "PK_702ca0a01a485c7d2cb874e9cdb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_application_evaluations_application" ON "application_evaluations" ("application_id", "evaluated_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "mileage_recognitions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "jurisdiction_code" text NOT NULL,
                "vehicle_id" uuid NOT NULL,
                "source_jurisdiction" text NOT NULL,
                "source_permit_number" text NOT NULL,
                "autonomous_km" numeric(12, 3) NOT NULL,
                "autonomous_hours" numeric(12, 3) NOT NULL,
                "note" text,
                "recorded_by" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_29b20531d2b5600a5a7416bc2a8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_mileage_recognitions_vehicle" ON "mileage_recognitions" ("vehicle_id", "jurisdiction_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "notice_counters" (
                "prefix" text NOT NULL,
                "last_serial" integer NOT NULL,
                CONSTRAINT "PK_f17f1a113cd1be1fc9071e705e6" PRIMARY KEY ("prefix")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "permits" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "notice_number" text NOT NULL,
                "application_id" uuid NOT NULL,
                "enterprise_id" uuid NOT NULL,
                "jurisdiction_code" text NOT NULL,
                "kind" text NOT NULL,
                "status" text NOT NULL DEFAULT 'ACTIVE',
                "valid_from" date NOT NULL,
                "valid_to" date NOT NULL,
                "zone_ids" uuid array NOT NULL DEFAULT '{}',
                "time_windows" jsonb NOT NULL DEFAULT '[]',
                "conditions" jsonb NOT NULL,
                "driverless_stage" text,
                "renews_permit_id" uuid,
                "issued_by" uuid NOT NULL,
                "status_reason" text,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e0f39993461b6ea160b4f42ac1c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_permits_notice_number" ON "permits" ("notice_number")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_permits_enterprise" ON "permits" ("enterprise_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_permits_valid_to" ON "permits" ("status", "valid_to")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_permits_jurisdiction_status" ON "permits" ("jurisdiction_code", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "permit_vehicles" (
                "permit_id" uuid NOT NULL,
                "vehicle_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_48bfdf405a19a4cf381a5ad96af" PRIMARY KEY ("permit_id", "vehicle_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_permit_vehicles_vehicle" ON "permit_vehicles" ("vehicle_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "applications"
            ADD CONSTRAINT "FK_applications_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "application_documents"
            ADD CONSTRAINT "FK_application_documents_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "application_evaluations"
            ADD CONSTRAINT "FK_application_evaluations_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "mileage_recognitions"
            ADD CONSTRAINT "FK_mileage_recognitions_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "permits"
            ADD CONSTRAINT "FK_permits_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "permit_vehicles"
            ADD CONSTRAINT "FK_permit_vehicles_permit" FOREIGN KEY ("permit_id") REFERENCES "permits"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "permit_vehicles"
            ADD CONSTRAINT "FK_permit_vehicles_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "permit_vehicles" DROP CONSTRAINT "FK_permit_vehicles_vehicle"
        `);
    await queryRunner.query(`
            ALTER TABLE "permit_vehicles" DROP CONSTRAINT "FK_permit_vehicles_permit"
        `);
    await queryRunner.query(`
            ALTER TABLE "permits" DROP CONSTRAINT "FK_permits_enterprise"
        `);
    await queryRunner.query(`
            ALTER TABLE "mileage_recognitions" DROP CONSTRAINT "FK_mileage_recognitions_vehicle"
        `);
    await queryRunner.query(`
            ALTER TABLE "application_evaluations" DROP CONSTRAINT "FK_application_evaluations_application"
        `);
    await queryRunner.query(`
            ALTER TABLE "application_documents" DROP CONSTRAINT "FK_application_documents_application"
        `);
    await queryRunner.query(`
            ALTER TABLE "applications" DROP CONSTRAINT "FK_applications_enterprise"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_permit_vehicles_vehicle"
        `);
    await queryRunner.query(`
            DROP TABLE "permit_vehicles"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_permits_jurisdiction_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_permits_valid_to"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_permits_enterprise"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_permits_notice_number"
        `);
    await queryRunner.query(`
            DROP TABLE "permits"
        `);
    await queryRunner.query(`
            DROP TABLE "notice_counters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_mileage_recognitions_vehicle"
        `);
    await queryRunner.query(`
            DROP TABLE "mileage_recognitions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_application_evaluations_application"
        `);
    await queryRunner.query(`
            DROP TABLE "application_evaluations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_application_documents_application"
        `);
    await queryRunner.query(`
            DROP TABLE "application_documents"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_applications_jurisdiction_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_applications_enterprise"
        `);
    await queryRunner.query(`
            DROP TABLE "applications"
        `);
  }
}

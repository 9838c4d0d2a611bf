import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roadside devices per zone with their heartbeat state, and alerts about a device instead of a
 * vehicle: vehicle_id and enterprise_id become nullable, device_id is added, and at most one
 * unresolved alert per device and type.
 */
export class RoadsideDevices1795460100000 implements MigrationInterface {
  name = 'RoadsideDevices1795460100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "roadside_devices" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "jurisdiction_code" text NOT NULL,
                "zone_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "serial" text NOT NULL,
                "description" text,
                "position" geometry(Point, 4326),
                "status" text NOT NULL DEFAULT 'NEVER_SEEN',
                "last_heartbeat_at" TIMESTAMP WITH TIME ZONE,
                "firmware_version" text,
                "uptime_seconds" integer,
                "token_hash" character(64) NOT NULL,
                "token_prefix" text NOT NULL,
                "token_issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "registered_by" uuid NOT NULL,
                "decommissioned_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c944074990a207d17a472e6c1f6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_roadside_devices_zone" ON "roadside_devices" ("zone_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_roadside_devices_token_hash" ON "roadside_devices" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_roadside_devices_heartbeat" ON "roadside_devices" ("status", "last_heartbeat_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_roadside_devices_serial" ON "roadside_devices" ("jurisdiction_code", "serial")
        `);
    await queryRunner.query(`
            ALTER TABLE "roadside_devices"
            ADD CONSTRAINT "FK_roadside_devices_zone" FOREIGN KEY ("zone_id") REFERENCES "zones"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts" ALTER COLUMN "vehicle_id" DROP NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts" ALTER COLUMN "enterprise_id" DROP NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts" ADD "device_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts"
            ADD CONSTRAINT "FK_alerts_device" FOREIGN KEY ("device_id") REFERENCES "roadside_devices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_alerts_device_unresolved" ON "alerts" ("device_id", "type")
            WHERE "status" <> 'RESOLVED' AND "device_id" IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."UQ_alerts_device_unresolved"
        `);
    // Alerts about a device have no vehicle or enterprise: they cannot meet NOT NULL again.
    await queryRunner.query(`
            DELETE FROM "alerts" WHERE "device_id" IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts" DROP CONSTRAINT "FK_alerts_device"
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts" DROP COLUMN "device_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts" ALTER COLUMN "enterprise_id" SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "alerts" ALTER COLUMN "vehicle_id" SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "roadside_devices" DROP CONSTRAINT "FK_roadside_devices_zone"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_roadside_devices_serial"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_roadside_devices_heartbeat"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_roadside_devices_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_roadside_devices_zone"
        `);
    await queryRunner.query(`
            DROP TABLE "roadside_devices"
        `);
  }
}

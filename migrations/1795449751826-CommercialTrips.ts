import { MigrationInterface, QueryRunner } from 'typeorm';

export class CommercialTrips1795449751826 implements MigrationInterface {
  name = 'CommercialTrips1795449751826';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "commercial_trips" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "permit_id" uuid NOT NULL,
                "enterprise_id" uuid NOT NULL,
                "jurisdiction_code" text NOT NULL,
                "vehicle_id" uuid NOT NULL,
                "external_ref" text NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ended_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "passengers" integer NOT NULL DEFAULT '0',
                "cargo_tonnes" numeric(12, 3) NOT NULL DEFAULT '0',
                "fare_cny" numeric(14, 2) NOT NULL DEFAULT '0',
                "distance_km" numeric(10, 3),
                "reported_by" uuid NOT NULL,
                "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_87d5aa8263c0c3feb7d2574417a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_commercial_trips_permit_time" ON "commercial_trips" ("permit_id", "started_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_commercial_trips_ref" ON "commercial_trips" ("enterprise_id", "external_ref")
        `);
    await queryRunner.query(`
            ALTER TABLE "commercial_trips"
            ADD CONSTRAINT "FK_commercial_trips_permit" FOREIGN KEY ("permit_id") REFERENCES "permits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "commercial_trips" DROP CONSTRAINT "FK_commercial_trips_permit"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_commercial_trips_ref"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_commercial_trips_permit_time"
        `);
    await queryRunner.query(`
            DROP TABLE "commercial_trips"
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class FleetAndTelemetry1795445613845 implements MigrationInterface {
  name = 'FleetAndTelemetry1795445613845';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Written by hand: zones are PostGIS geometries (the extension ships with the postgis package).
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS postgis`);
    await queryRunner.query(`
            CREATE TABLE "vehicles" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "enterprise_id" uuid NOT NULL,
                "jurisdiction_code" text NOT NULL,
                "vin" character(17) NOT NULL,
                "plate" text,
                "vehicle_code" text,
                "category" text NOT NULL,
                "automation_level" text NOT NULL,
                "seats" smallint NOT NULL,
                "configuration_version" integer NOT NULL,
                "configuration_fingerprint" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_18d8646b59304dce4af3a9e35b6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_vehicles_enterprise" ON "vehicles" ("enterprise_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_vehicles_jurisdiction" ON "vehicles" ("jurisdiction_code")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_vehicles_vin" ON "vehicles" ("vin")
        `);
    await queryRunner.query(`
            CREATE TABLE "closed_field_tests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "vehicle_id" uuid NOT NULL,
                "km" numeric(10, 1) NOT NULL,
                "site" text NOT NULL,
                "tested_on" date NOT NULL,
                "report_ref" text NOT NULL,
                "passed" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6541c3a3ebd61e7ecf78d9ff153" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_closed_field_tests_vehicle" ON "closed_field_tests" ("vehicle_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "vehicle_configurations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "vehicle_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "make" text NOT NULL,
                "model" text NOT NULL,
                "ads_software_version" text NOT NULL,
                "sensor_suite" jsonb NOT NULL,
                "fingerprint" character(64) NOT NULL,
                "declared_by" uuid,
                "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4cd4d9203d1a8a0470f641f9bc0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_vehicle_configurations_fingerprint" ON "vehicle_configurations" ("fingerprint")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_vehicle_configurations_version" ON "vehicle_configurations" ("vehicle_id", "version")
        `);
    await queryRunner.query(`
            CREATE TABLE "vehicle_credentials" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "vehicle_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "token_prefix" text NOT NULL,
                "issued_by" uuid,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_8337474ed9423520cbb42fb9a96" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_vehicle_credentials_vehicle" ON "vehicle_credentials" ("vehicle_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_vehicle_credentials_token_hash" ON "vehicle_credentials" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "zones" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "jurisdiction_code" text NOT NULL,
                "code" text NOT NULL,
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "buffer_meters" double precision,
                "conditions" text array NOT NULL DEFAULT '{}',
                "geometry" geometry(Geometry, 4326) NOT NULL,
                "area" geometry(MultiPolygon, 4326) NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_880484a43ca311707b05895bd4a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_zones_area" ON "zones" USING gist ("area")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_zones_code" ON "zones" ("jurisdiction_code", "code")
        `);
    await queryRunner.query(`
            CREATE TABLE "takeovers" (
                "vehicle_id" uuid NOT NULL,
                "seq" bigint NOT NULL,
                "ts" TIMESTAMP WITH TIME ZONE NOT NULL,
                "from_mode" smallint NOT NULL,
                "to_mode" smallint NOT NULL,
                "lat" double precision NOT NULL,
                "lon" double precision NOT NULL,
                "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5ee72e54d95f5c31016cb3c7fbb" PRIMARY KEY ("vehicle_id", "seq")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_takeovers_vehicle_ts" ON "takeovers" ("vehicle_id", "ts")
        `);
    await queryRunner.query(`
            CREATE TABLE "vehicle_daily_stats" (
                "vehicle_id" uuid NOT NULL,
                "day" date NOT NULL,
                "autonomous_mm" bigint NOT NULL DEFAULT '0',
                "manual_mm" bigint NOT NULL DEFAULT '0',
                "remote_mm" bigint NOT NULL DEFAULT '0',
                "autonomous_ms" bigint NOT NULL DEFAULT '0',
                "manual_ms" bigint NOT NULL DEFAULT '0',
                "remote_ms" bigint NOT NULL DEFAULT '0',
                "points" bigint NOT NULL DEFAULT '0',
                "position_jumps" integer NOT NULL DEFAULT '0',
                "quality_events" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_70dc8d5b77c5e5d2094f4e5073f" PRIMARY KEY ("vehicle_id", "day")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "vehicle_zone_daily_stats" (
                "vehicle_id" uuid NOT NULL,
                "zone_id" uuid NOT NULL,
                "day" date NOT NULL,
                "autonomous_mm" bigint NOT NULL DEFAULT '0',
                "manual_mm" bigint NOT NULL DEFAULT '0',
                "remote_mm" bigint NOT NULL DEFAULT '0',
                "autonomous_ms" bigint NOT NULL DEFAULT '0',
                "manual_ms" bigint NOT NULL DEFAULT '0',
                "remote_ms" bigint NOT NULL DEFAULT '0',
                CONSTRAINT "PK_64fe653293ebe8e82a809694a84" PRIMARY KEY ("vehicle_id", "zone_id", "day")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_vehicle_zone_daily_stats_zone" ON "vehicle_zone_daily_stats" ("zone_id", "day")
        `);
    await queryRunner.query(`
            ALTER TABLE "vehicles"
            ADD CONSTRAINT "FK_vehicles_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "closed_field_tests"
            ADD CONSTRAINT "FK_closed_field_tests_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "vehicle_configurations"
            ADD CONSTRAINT "FK_vehicle_configurations_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "vehicle_credentials"
            ADD CONSTRAINT "FK_vehicle_credentials_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "zones"
            ADD CONSTRAINT "FK_zones_jurisdiction" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "takeovers"
            ADD CONSTRAINT "FK_takeovers_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "vehicle_daily_stats"
            ADD CONSTRAINT "FK_vehicle_daily_stats_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "vehicle_zone_daily_stats"
            ADD CONSTRAINT "FK_vehicle_zone_daily_stats_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "vehicle_zone_daily_stats"
            ADD CONSTRAINT "FK_vehicle_zone_daily_stats_zone" FOREIGN KEY ("zone_id") REFERENCES "zones"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);

    // Written by hand: telemetry points live in a table partitioned by day of ts, which TypeORM
    // cannot describe. A point's identity is (vehicle, seq); a unique key on a partitioned table
    // must contain the partition column, so the key here is (vehicle_id, seq, ts) and duplicates
    // are caught before insertion instead: the worker drops every seq already in the vehicle's
    // `consumed` multirange (seqs stored or rejected), and writes only if that row has not changed
    // since it read it (a version check in the same statement), so concurrent batches cannot both pass.
    await queryRunner.query(`
      CREATE TABLE telemetry_points (
        vehicle_id uuid NOT NULL,
        seq bigint NOT NULL,
        ts timestamptz NOT NULL,
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        speed_kmh double precision NOT NULL,
        heading_deg real NOT NULL,
        odometer_km double precision,
        mode smallint NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (vehicle_id, seq, ts)
      ) PARTITION BY RANGE (ts)
    `);
    await queryRunner.query(`CREATE INDEX idx_telemetry_points_vehicle_ts ON telemetry_points (vehicle_id, ts)`);
    // Points outside every daily partition still land somewhere: nothing accepted is lost.
    await queryRunner.query(`CREATE TABLE telemetry_points_default PARTITION OF telemetry_points DEFAULT`);
    await queryRunner.query(`
      CREATE FUNCTION ensure_telemetry_partitions(first_day date, last_day date) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        day date := first_day;
        created integer := 0;
        name text;
      BEGIN
        WHILE day <= last_day LOOP
          name := 'telemetry_points_p' || to_char(day, 'YYYYMMDD');
          IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF telemetry_points FOR VALUES FROM (%L) TO (%L)',
              name, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
          END IF;
          day := day + 1;
        END LOOP;
        RETURN created;
      END $$
    `);
    await queryRunner.query(`SELECT ensure_telemetry_partitions(current_date - 8, current_date + 3)`);
    // Per-vehicle ingest state: every consumed seq (a multirange keeps this to one range per gap),
    // the watermark derived from it, the latest point by seq, and a version for optimistic writes.
    await queryRunner.query(`
      CREATE TABLE vehicle_telemetry_state (
        vehicle_id uuid PRIMARY KEY REFERENCES vehicles (id) ON DELETE CASCADE,
        consumed int8multirange NOT NULL DEFAULT '{}',
        persisted_through_seq bigint NOT NULL DEFAULT 0,
        points_stored bigint NOT NULL DEFAULT 0,
        -- Incremented by every write: a batch is applied only if the row is still as it read it.
        version bigint NOT NULL DEFAULT 0,
        last_seq bigint,
        last_ts timestamptz,
        last_lat double precision,
        last_lon double precision,
        last_speed_kmh double precision,
        last_heading_deg real,
        last_odometer_km double precision,
        last_mode smallint,
        last_received_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE vehicle_telemetry_state`);
    await queryRunner.query(`DROP FUNCTION ensure_telemetry_partitions(date, date)`);
    await queryRunner.query(`DROP TABLE telemetry_points`);
    await queryRunner.query(`
            ALTER TABLE "vehicle_zone_daily_stats" DROP CONSTRAINT "FK_vehicle_zone_daily_stats_zone"
        `);
    await queryRunner.query(`
            ALTER TABLE "vehicle_zone_daily_stats" DROP CONSTRAINT "FK_vehicle_zone_daily_stats_vehicle"
        `);
    await queryRunner.query(`
            ALTER TABLE "vehicle_daily_stats" DROP CONSTRAINT "FK_vehicle_daily_stats_vehicle"
        `);
    await queryRunner.query(`
            ALTER TABLE "takeovers" DROP CONSTRAINT "FK_takeovers_vehicle"
        `);
    await queryRunner.query(`
            ALTER TABLE "zones" DROP CONSTRAINT "FK_zones_jurisdiction"
        `);
    await queryRunner.query(`
            ALTER TABLE "vehicle_credentials" DROP CONSTRAINT "FK_vehicle_credentials_vehicle"
        `);
    await queryRunner.query(`
            ALTER TABLE "vehicle_configurations" DROP CONSTRAINT "FK_vehicle_configurations_vehicle"
        `);
    await queryRunner.query(`
            ALTER TABLE "closed_field_tests" DROP CONSTRAINT "FK_closed_field_tests_vehicle"
        `);
    await queryRunner.query(`
            ALTER TABLE "vehicles" DROP CONSTRAINT "FK_vehicles_enterprise"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_vehicle_zone_daily_stats_zone"
        `);
    await queryRunner.query(`
            DROP TABLE "vehicle_zone_daily_stats"
        `);
    await queryRunner.query(`
            DROP TABLE "vehicle_daily_stats"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_takeovers_vehicle_ts"
        `);
    await queryRunner.query(`
            DROP TABLE "takeovers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_zones_code"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_zones_area"
        `);
    await queryRunner.query(`
            DROP TABLE "zones"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_vehicle_credentials_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_vehicle_credentials_vehicle"
        `);
    await queryRunner.query(`
            DROP TABLE "vehicle_credentials"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_vehicle_configurations_version"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_vehicle_configurations_fingerprint"
        `);
    await queryRunner.query(`
            DROP TABLE "vehicle_configurations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_closed_field_tests_vehicle"
        `);
    await queryRunner.query(`
            DROP TABLE "closed_field_tests"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_vehicles_vin"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_vehicles_jurisdiction"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_vehicles_enterprise"
        `);
    await queryRunner.query(`
            DROP TABLE "vehicles"
        `);
  }
}

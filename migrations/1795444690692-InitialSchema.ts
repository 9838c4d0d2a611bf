import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795444690692 implements MigrationInterface {
  name = 'InitialSchema1795444690692';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_checkpoints" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requested_by" uuid,
                "status" text NOT NULL DEFAULT 'PENDING',
                "ok" boolean,
                "entries_checked" integer,
                "head_seq" bigint,
                "head_hash" character(64),
                "first_broken_seq" bigint,
                "reason" text,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_ec62ec0b7b181580b1fa64e1167" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_entries" (
                "seq" bigint NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_id" uuid,
                "actor_role" text NOT NULL,
                "action" text NOT NULL,
                "entity_type" text NOT NULL,
                "entity_id" text NOT NULL,
                "enterprise_id" uuid,
                "jurisdiction_code" text,
                "summary" jsonb NOT NULL,
                "request_id" text,
                "prev_hash" character(64) NOT NULL,
                "hash" character(64) NOT NULL,
                CONSTRAINT "PK_0de907d00514c64bf4c6fd7ae10" PRIMARY KEY ("seq")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_audit_entries_entity" ON "audit_entries" ("entity_type", "entity_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_audit_entries_jurisdiction" ON "audit_entries" ("jurisdiction_code", "seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_audit_entries_enterprise" ON "audit_entries" ("enterprise_id", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "jurisdictions" (
                "code" text NOT NULL,
                "name_zh" text NOT NULL,
                "name_en" text NOT NULL,
                "timezone" text NOT NULL,
                "notice_prefix" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e33b5f6afb84e58de0c2399edb0" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "enterprises" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "credit_code" character(18) NOT NULL,
                "jurisdiction_code" text NOT NULL,
                "contact_name" text NOT NULL,
                "contact_phone" text NOT NULL,
                "contact_email" text NOT NULL,
                "status" text NOT NULL DEFAULT 'PENDING_VERIFICATION',
                "verified_at" TIMESTAMP WITH TIME ZONE,
                "verified_by" uuid,
                "decision_note" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a019e9afe6517b4f2a4588f2cce" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_enterprises_jurisdiction" ON "enterprises" ("jurisdiction_code")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_enterprises_credit_code_jurisdiction" ON "enterprises" ("credit_code", "jurisdiction_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "display_name" text NOT NULL,
                "role" text NOT NULL,
                "enterprise_id" uuid,
                "jurisdiction_code" text,
                "token_hash" character(64) NOT NULL,
                "invited_by" uuid NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_invitations_token_hash" ON "invitations" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "user_accounts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "display_name" text NOT NULL,
                "password_hash" text NOT NULL,
                "role" text NOT NULL,
                "enterprise_id" uuid,
                "jurisdiction_code" text,
                "status" text NOT NULL DEFAULT 'ACTIVE',
                "last_login_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_125e915cf23ad1cfb43815ce59b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_user_accounts_enterprise" ON "user_accounts" ("enterprise_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_user_accounts_email" ON "user_accounts" ("email")
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "family_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_refresh_tokens_user" ON "refresh_tokens" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_refresh_tokens_hash" ON "refresh_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_refresh_tokens_family" ON "refresh_tokens" ("family_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "safety_operators" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "enterprise_id" uuid NOT NULL,
                "jurisdiction_code" text NOT NULL,
                "name" text NOT NULL,
                "identity_number_masked" text NOT NULL,
                "identity_number_hash" character(64) NOT NULL,
                "birth_date" date NOT NULL,
                "licence_class" text NOT NULL,
                "first_licensed_on" date NOT NULL,
                "ad_training_hours" numeric(8, 1) NOT NULL,
                "no_full_score_in_last_three_cycles" boolean NOT NULL,
                "no_drink_or_drug_driving" boolean NOT NULL,
                "no_serious_at_fault_accident" boolean NOT NULL,
                "no_serious_violation_last_year" boolean NOT NULL,
                "training_certificate_ref" text,
                "remote_qualified" boolean NOT NULL DEFAULT false,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1cb4bc269be59a4e6393d0cb113" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_safety_operators_enterprise" ON "safety_operators" ("enterprise_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_safety_operators_identity" ON "safety_operators" ("enterprise_id", "identity_number_hash")
        `);
    await queryRunner.query(`
            ALTER TABLE "enterprises"
            ADD CONSTRAINT "FK_enterprises_jurisdiction" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_invitations_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_accounts"
            ADD CONSTRAINT "FK_user_accounts_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_accounts"
            ADD CONSTRAINT "FK_user_accounts_jurisdiction" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "user_accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "safety_operators"
            ADD CONSTRAINT "FK_safety_operators_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Written by hand (not generated): reference jurisdictions, and the audit log's
    // append-only guarantee, enforced by the database itself.
    await queryRunner.query(`
            INSERT INTO "jurisdictions" ("code", "name_zh", "name_en", "timezone", "notice_prefix") VALUES
              ('CN-SZ-PINGSHAN', '深圳市坪山区', 'Shenzhen Pingshan District', 'Asia/Shanghai', 'PS'),
              ('CN-BJ-YIZHUANG', '北京市高级别自动驾驶示范区（亦庄政策先行区）', 'Beijing High-level Autonomous Driving Demonstration Zone (Yizhuang policy pilot zone)', 'Asia/Shanghai', 'BJ')
        `);
    await queryRunner.query(`
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'audit_entries is append-only: % is not allowed', TG_OP
                USING ERRCODE = 'insufficient_privilege';
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON "audit_entries"
            FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
        `);
    await queryRunner.query(`
            CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "audit_entries"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_entries_no_truncate ON "audit_entries"`);
    await queryRunner.query(`DROP TRIGGER audit_entries_no_update_delete ON "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION audit_entries_append_only()`);
    await queryRunner.query(`
            ALTER TABLE "safety_operators" DROP CONSTRAINT "FK_safety_operators_enterprise"
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_refresh_tokens_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_accounts" DROP CONSTRAINT "FK_user_accounts_jurisdiction"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_accounts" DROP CONSTRAINT "FK_user_accounts_enterprise"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_invitations_enterprise"
        `);
    await queryRunner.query(`
            ALTER TABLE "enterprises" DROP CONSTRAINT "FK_enterprises_jurisdiction"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_safety_operators_identity"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_safety_operators_enterprise"
        `);
    await queryRunner.query(`
            DROP TABLE "safety_operators"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_refresh_tokens_family"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_refresh_tokens_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_refresh_tokens_user"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_user_accounts_email"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_user_accounts_enterprise"
        `);
    await queryRunner.query(`
            DROP TABLE "user_accounts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_invitations_token_hash"
        `);
    await queryRunner.query(`
            DROP TABLE "invitations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_enterprises_credit_code_jurisdiction"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_enterprises_jurisdiction"
        `);
    await queryRunner.query(`
            DROP TABLE "enterprises"
        `);
    await queryRunner.query(`
            DROP TABLE "jurisdictions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_entries_enterprise"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_entries_jurisdiction"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_entries_entity"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_entries"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_checkpoints"
        `);
  }
}

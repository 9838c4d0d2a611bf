import { type INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { Role } from '@app/core';
import {
  creditCodeCheckCharacter,
  EnterprisesService,
  Enterprise,
  EnterpriseStatus,
  identityCheckCharacter,
  PasswordHasher,
  SafetyOperatorsService,
  UserAccount,
} from '@app/identity';
import { enterpriseAdminContext, regulatorContext } from './seed-actors';

export interface DemoAccount {
  email: string;
  role: Role;
  scope: string;
}

const STAFF = [
  {
    email: 'regulator.pingshan@demo.local',
    displayName: '坪山区监管员 (demo)',
    role: Role.Regulator,
    jurisdictionCode: 'CN-SZ-PINGSHAN',
  },
  {
    email: 'auditor.pingshan@demo.local',
    displayName: '坪山区审计员 (demo)',
    role: Role.Auditor,
    jurisdictionCode: 'CN-SZ-PINGSHAN',
  },
  {
    email: 'regulator.yizhuang@demo.local',
    displayName: '亦庄监管员 (demo)',
    role: Role.Regulator,
    jurisdictionCode: 'CN-BJ-YIZHUANG',
  },
  {
    email: 'auditor.yizhuang@demo.local',
    displayName: '亦庄审计员 (demo)',
    role: Role.Auditor,
    jurisdictionCode: 'CN-BJ-YIZHUANG',
  },
] as const;

/** Demo enterprises: one in each jurisdiction (names are fictional). */
const ENTERPRISES = [
  {
    key: 'pingshan-robotaxi',
    name: '坪山示范出行科技有限公司 (demo)',
    division: '440310',
    jurisdictionCode: 'CN-SZ-PINGSHAN',
    regulator: 0,
  },
  {
    key: 'yizhuang-mobility',
    name: '亦庄示范智行科技有限公司 (demo)',
    division: '110115',
    jurisdictionCode: 'CN-BJ-YIZHUANG',
    regulator: 2,
  },
] as const;

export interface DemoEnterpriseSpec {
  key: string;
  name: string;
  division: string;
  jurisdictionCode: string;
  /** Makes the credit code unique. */
  serial: number;
}

/** Credit-code serials after these are free for further demo enterprises. */
export const DEMO_ENTERPRISE_COUNT = ENTERPRISES.length;
/** The demo enterprises every jurisdiction gets (the Pingshan scale seed adds more). */
export const DEMO_ENTERPRISE_NAMES: readonly string[] = ENTERPRISES.map((e) => e.name);

function creditCode(division: string, serial: number): string {
  const first17 = `91${division}MA${String(serial).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

function identityNumber(division: string, birth: string, serial: number): string {
  const first17 = `${division}${birth}${String(serial).padStart(3, '0')}`;
  return first17 + identityCheckCharacter(first17);
}

/** Regulators, auditors, two verified enterprises with their users and safety operators. Idempotent. */
export async function seedDemoIdentity(app: INestApplicationContext, password: string): Promise<DemoAccount[]> {
  const dataSource = app.get(DataSource);
  const audit = app.get(AuditService);
  const hasher = app.get(PasswordHasher);
  const passwordHash = await hasher.hash(password);
  const accounts = dataSource.getRepository(UserAccount);
  const staffIds: string[] = [];

  for (const staff of STAFF) {
    const existing = await accounts.findOneBy({ email: staff.email });
    if (existing) {
      staffIds.push(existing.id);
      continue;
    }
    const created = await dataSource.transaction(async (manager) => {
      const account = await manager.save(manager.create(UserAccount, { ...staff, passwordHash }));
      await audit.record(manager, 'system', {
        action: 'account.seeded',
        entityType: 'user_account',
        entityId: account.id,
        jurisdictionCode: staff.jurisdictionCode,
        after: { email: staff.email, role: staff.role },
      });
      return account;
    });
    staffIds.push(created.id);
  }

  const demo: DemoAccount[] = STAFF.map((s) => ({
    email: s.email,
    role: s.role,
    scope: s.jurisdictionCode,
  }));
  for (const [index, spec] of ENTERPRISES.entries()) {
    const adminEmail = `admin@${spec.key}.demo.local`;
    demo.push({ email: adminEmail, role: Role.EnterpriseAdmin, scope: spec.name });
    await ensureDemoEnterprise(app, { ...spec, serial: index + 1 }, staffIds[spec.regulator], password);
  }
  await alignDemoPasswords(dataSource, audit, hasher, demo, password);
  return demo;
}

/**
 * A database seeded from another checkout (another .env) keeps that checkout's demo password, and
 * the password printed at start would then not work: set the current one on the demo accounts.
 */
async function alignDemoPasswords(
  dataSource: DataSource,
  audit: AuditService,
  hasher: PasswordHasher,
  demo: DemoAccount[],
  password: string,
): Promise<void> {
  const accounts = dataSource.getRepository(UserAccount);
  for (const { email } of demo) {
    const account = await accounts.findOneBy({ email });
    if (!account || (await hasher.verify(account.passwordHash, password))) continue;
    await dataSource.transaction(async (manager) => {
      await manager.update(UserAccount, account.id, { passwordHash: await hasher.hash(password) });
      await audit.record(manager, 'system', {
        action: 'account.demo_password_set',
        entityType: 'user_account',
        entityId: account.id,
        enterpriseId: account.enterpriseId,
        jurisdictionCode: account.jurisdictionCode,
        after: { email },
      });
    });
  }
}

/**
 * A registered, verified enterprise with its admin (admin@<key>.demo.local) and three safety
 * operators; nothing is done if its credit code is already registered.
 */
export async function ensureDemoEnterprise(
  app: INestApplicationContext,
  spec: DemoEnterpriseSpec,
  regulatorUserId: string,
  password: string,
): Promise<void> {
  const dataSource = app.get(DataSource);
  const code = creditCode(spec.division, spec.serial);
  if (await dataSource.getRepository(Enterprise).existsBy({ creditCode: code })) return;
  const { enterprise, admin } = await app.get(EnterprisesService).register(
    {
      name: spec.name,
      creditCode: code,
      jurisdictionCode: spec.jurisdictionCode,
      contact: { name: '示范联系人', phone: '13800138000', email: `contact@${spec.key}.demo.local` },
      admin: { email: `admin@${spec.key}.demo.local`, displayName: `${spec.key} admin (demo)`, password },
    },
    null,
  );
  const regulator = regulatorContext(regulatorUserId, spec.jurisdictionCode);
  if (enterprise.status === EnterpriseStatus.PendingVerification) {
    await app
      .get(EnterprisesService)
      .verify(
        regulator,
        { kind: 'jurisdiction', jurisdictionCode: spec.jurisdictionCode },
        enterprise.id,
        'Demo enterprise',
      );
  }
  const owner = enterpriseAdminContext(admin.id, enterprise.id);
  for (let n = 1; n <= 3; n += 1) {
    await app.get(SafetyOperatorsService).create(
      owner,
      { kind: 'enterprise', enterpriseId: enterprise.id },
      {
        name: `示范安全员${n}`,
        identityNumber: identityNumber(spec.division, `19${85 + n}0${n}1${n}`, spec.serial * 10 + n),
        licenceClass: 'C1',
        firstLicensedOn: `20${10 + n}-03-01`,
        adTrainingHours: 40 + 10 * n,
        noFullScoreInLastThreeCycles: true,
        noDrinkOrDrugDriving: true,
        noSeriousAtFaultAccident: true,
        noSeriousViolationLastYear: true,
        trainingCertificateRef: `TRAIN-${spec.key}-${n}`,
        remoteQualified: n === 3,
      },
    );
  }
}

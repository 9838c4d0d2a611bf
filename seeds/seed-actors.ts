import { DataSource } from 'typeorm';
import { type RequestContext, Role } from '@app/core';
import { UserAccount } from '@app/identity';

/** The seed acts as the people the platform knows, so every change is theirs in the audit trail. */
export const regulatorContext = (userId: string, jurisdictionCode: string): RequestContext => ({
  actor: { userId, role: Role.Regulator, enterpriseId: null, jurisdictionCode },
  requestId: null,
});

export const enterpriseAdminContext = (userId: string, enterpriseId: string): RequestContext => ({
  actor: { userId, role: Role.EnterpriseAdmin, enterpriseId, jurisdictionCode: null },
  requestId: null,
});

/** The jurisdiction's (first) regulator. */
export async function regulatorOf(dataSource: DataSource, jurisdictionCode: string): Promise<RequestContext> {
  const account = await dataSource
    .getRepository(UserAccount)
    .findOneByOrFail({ role: Role.Regulator, jurisdictionCode });
  return regulatorContext(account.id, jurisdictionCode);
}

/** The enterprise's admin. */
export async function enterpriseAdminOf(dataSource: DataSource, enterpriseId: string): Promise<RequestContext> {
  const account = await dataSource
    .getRepository(UserAccount)
    .findOneByOrFail({ enterpriseId, role: Role.EnterpriseAdmin });
  return enterpriseAdminContext(account.id, enterpriseId);
}

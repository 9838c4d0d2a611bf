/** Who may do what. Regulators and auditors are bound to one jurisdiction, enterprise users to one enterprise. */
export enum Role {
  PlatformAdmin = 'PLATFORM_ADMIN',
  Regulator = 'REGULATOR',
  Auditor = 'AUDITOR',
  EnterpriseAdmin = 'ENTERPRISE_ADMIN',
  EnterpriseOperator = 'ENTERPRISE_OPERATOR',
}

export const REGULATOR_ROLES = [Role.Regulator, Role.Auditor] as const;
export const ENTERPRISE_ROLES = [Role.EnterpriseAdmin, Role.EnterpriseOperator] as const;
export const ALL_ROLES = Object.values(Role);

/** An authenticated person. */
export interface Actor {
  userId: string;
  role: Role;
  enterpriseId: string | null;
  jurisdictionCode: string | null;
}

/** What a service needs to know about the request it acts for: who, and which request (for the audit log). */
export interface RequestContext {
  actor: Actor;
  requestId: string | null;
}

/**
 * The rows an actor may see of enterprise-owned data: its own enterprise's, its jurisdiction's,
 * or everything (platform admin). Repositories turn this into WHERE conditions.
 */
export type TenantScope =
  { kind: 'all' } | { kind: 'jurisdiction'; jurisdictionCode: string } | { kind: 'enterprise'; enterpriseId: string };

export function tenantScopeOf(actor: Actor): TenantScope {
  switch (actor.role) {
    case Role.PlatformAdmin:
      return { kind: 'all' };
    case Role.Regulator:
    case Role.Auditor:
      return {
        kind: 'jurisdiction',
        jurisdictionCode: requireScope(actor.jurisdictionCode, actor),
      };
    case Role.EnterpriseAdmin:
    case Role.EnterpriseOperator:
      return { kind: 'enterprise', enterpriseId: requireScope(actor.enterpriseId, actor) };
  }
}

function requireScope(value: string | null, actor: Actor): string {
  // An account without its binding would otherwise see everything; refuse loudly instead.
  if (!value) throw new Error(`account ${actor.userId} with role ${actor.role} has no binding`);
  return value;
}

/** TypeORM `where` fragment for entities that carry enterpriseId and jurisdictionCode. */
export function scopeWhere(scope: TenantScope): {
  enterpriseId?: string;
  jurisdictionCode?: string;
} {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'jurisdiction':
      return { jurisdictionCode: scope.jurisdictionCode };
    case 'enterprise':
      return { enterpriseId: scope.enterpriseId };
  }
}

/**
 * The scope as two SQL parameters, enterprise id and jurisdiction code, each null when the scope
 * does not narrow by it: for raw queries written `($n::uuid IS NULL OR enterprise_id = $n)`.
 */
export function scopeParams(scope: TenantScope): [string | null, string | null] {
  const where = scopeWhere(scope);
  return [where.enterpriseId ?? null, where.jurisdictionCode ?? null];
}

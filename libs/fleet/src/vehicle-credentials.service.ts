import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  NotFoundException,
  PgPool,
  RedisClient,
  issueToken,
  type RequestContext,
  sha256Hex,
  type TenantScope,
  TransactionService,
  UnauthorizedException,
} from '@app/core';
import { VehicleCredential } from './entities/vehicle-credential.entity';
import { VehiclesService } from './vehicles.service';

/** Who a vehicle token speaks for. */
export interface VehicleIdentity {
  credentialId: string;
  vehicleId: string;
  enterpriseId: string;
  jurisdictionCode: string;
}

/** Marks a revoked credential in Redis for longer than tokens stay cached, so revocation is immediate. */
export const revokedCredentialKey = (credentialId: string): string => `vehicle-credential:revoked:${credentialId}`;
const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 200_000;

@Injectable()
export class VehicleCredentialsService {
  /**
   * Token hash → identity, for a minute: vehicles post every few seconds and a database query per
   * request would cost more than the rest of the request. Revocation does not wait for expiry:
   * every vehicle request also checks the revocation marker in Redis (see revokedCredentialKey).
   */
  private readonly cache = new Map<string, { identity: VehicleIdentity; expires: number }>();

  constructor(
    @InjectRepository(VehicleCredential)
    private readonly credentials: Repository<VehicleCredential>,
    private readonly vehicles: VehiclesService,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    private readonly pg: PgPool,
    private readonly redis: RedisClient,
  ) {}

  /**
   * Issues a new token and revokes the vehicle's previous ones (rotation). The token is returned
   * once and never stored.
   */
  async issue(
    ctx: RequestContext,
    scope: TenantScope,
    vehicleId: string,
  ): Promise<{ credential: VehicleCredential; token: string }> {
    const vehicle = await this.vehicles.get(scope, vehicleId);
    const { token, ...stored } = issueToken('vt');
    const revokedIds: string[] = [];
    const credential = await this.transactions.run(async (manager) => {
      const revoked = await manager
        .createQueryBuilder()
        .update(VehicleCredential)
        .set({ revokedAt: new Date() })
        .where({ vehicleId: vehicle.id, revokedAt: IsNull() })
        .returning(['id'])
        .execute();
      revokedIds.push(...(revoked.raw as { id: string }[]).map((row) => row.id));
      const created = await manager.save(
        manager.create(VehicleCredential, {
          vehicleId: vehicle.id,
          ...stored,
          issuedBy: ctx.actor.userId,
        }),
      );
      await this.audit.record(manager, ctx, {
        action: 'vehicle.credential-issued',
        entityType: 'vehicle',
        entityId: vehicle.id,
        enterpriseId: vehicle.enterpriseId,
        jurisdictionCode: vehicle.jurisdictionCode,
        after: {
          credentialId: created.id,
          tokenPrefix: created.tokenPrefix,
          previousRevoked: revoked.affected ?? 0,
        },
      });
      return created;
    });
    await this.markRevoked(revokedIds);
    return { credential, token };
  }

  async list(scope: TenantScope, vehicleId: string): Promise<VehicleCredential[]> {
    const vehicle = await this.vehicles.get(scope, vehicleId);
    return this.credentials.find({ where: { vehicleId: vehicle.id }, order: { issuedAt: 'DESC' } });
  }

  async revoke(
    ctx: RequestContext,
    scope: TenantScope,
    vehicleId: string,
    credentialId: string,
  ): Promise<VehicleCredential> {
    const vehicle = await this.vehicles.get(scope, vehicleId);
    const result = await this.transactions.run(async (manager) => {
      const credential = await manager.findOneBy(VehicleCredential, {
        id: credentialId,
        vehicleId: vehicle.id,
      });
      if (!credential) throw new NotFoundException('Vehicle credential', credentialId);
      if (credential.revokedAt) return credential;
      credential.revokedAt = new Date();
      await manager.save(credential);
      await this.audit.record(manager, ctx, {
        action: 'vehicle.credential-revoked',
        entityType: 'vehicle',
        entityId: vehicle.id,
        enterpriseId: vehicle.enterpriseId,
        jurisdictionCode: vehicle.jurisdictionCode,
        after: { credentialId, tokenPrefix: credential.tokenPrefix },
      });
      return credential;
    });
    await this.markRevoked([credentialId]);
    return result;
  }

  /** Resolves a vehicle token; unknown or revoked tokens are refused. One prepared, indexed query. */
  async authenticate(token: string): Promise<VehicleIdentity> {
    const hash = sha256Hex(token);
    const cached = this.cache.get(hash);
    if (cached && cached.expires > Date.now()) return cached.identity;
    const [row] = await this.pg.query<{
      id: string;
      vehicle_id: string;
      enterprise_id: string;
      jurisdiction_code: string;
    }>(
      'vehicle-authenticate',
      `SELECT c.id, v.id AS vehicle_id, v.enterprise_id, v.jurisdiction_code FROM vehicle_credentials c
       JOIN vehicles v ON v.id = c.vehicle_id WHERE c.token_hash = $1 AND c.revoked_at IS NULL`,
      [hash],
    );
    if (!row) throw new UnauthorizedException('invalid-vehicle-token', 'Vehicle token is unknown or revoked');
    const identity = {
      credentialId: row.id,
      vehicleId: row.vehicle_id,
      enterpriseId: row.enterprise_id,
      jurisdictionCode: row.jurisdiction_code,
    };
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(hash, { identity, expires: Date.now() + CACHE_TTL_MS });
    return identity;
  }

  private async markRevoked(credentialIds: string[]): Promise<void> {
    for (const [hash, entry] of this.cache)
      if (credentialIds.includes(entry.identity.credentialId)) this.cache.delete(hash);
    const ttlSeconds = (2 * CACHE_TTL_MS) / 1000;
    await Promise.all(credentialIds.map((id) => this.redis.set(revokedCredentialKey(id), '1', 'EX', ttlSeconds)));
  }
}

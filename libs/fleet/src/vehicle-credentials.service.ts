import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  NotFoundException,
  randomToken,
  type RequestContext,
  sha256Hex,
  type TenantScope,
  TransactionService,
  UnauthorizedException,
} from '@app/core';
import { VehicleCredential } from './entities/vehicle-credential.entity';
import { Vehicle } from './entities/vehicle.entity';
import { VehiclesService } from './vehicles.service';

/** Who a vehicle token speaks for. */
export interface VehicleIdentity {
  vehicleId: string;
  enterpriseId: string;
  jurisdictionCode: string;
}

@Injectable()
export class VehicleCredentialsService {
  constructor(
    @InjectRepository(VehicleCredential)
    private readonly credentials: Repository<VehicleCredential>,
    private readonly vehicles: VehiclesService,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
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
    const token = randomToken('vt');
    const credential = await this.transactions.run(async (manager) => {
      const revoked = await manager.update(
        VehicleCredential,
        { vehicleId: vehicle.id, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      const created = await manager.save(
        manager.create(VehicleCredential, {
          vehicleId: vehicle.id,
          tokenHash: sha256Hex(token),
          tokenPrefix: token.slice(0, 10),
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
    return this.transactions.run(async (manager) => {
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
  }

  /** Resolves a vehicle token; unknown or revoked tokens are refused. One indexed query. */
  async authenticate(token: string): Promise<VehicleIdentity> {
    const row = await this.credentials
      .createQueryBuilder('c')
      .innerJoin(Vehicle, 'v', 'v.id = c.vehicle_id')
      .select([
        'v.id AS vehicle_id',
        'v.enterprise_id AS enterprise_id',
        'v.jurisdiction_code AS jurisdiction_code',
      ])
      .where('c.token_hash = :hash AND c.revoked_at IS NULL', { hash: sha256Hex(token) })
      .getRawOne<{ vehicle_id: string; enterprise_id: string; jurisdiction_code: string }>();
    if (!row)
      throw new UnauthorizedException(
        'invalid-vehicle-token',
        'Vehicle token is unknown or revoked',
      );
    return {
      vehicleId: row.vehicle_id,
      enterpriseId: row.enterprise_id,
      jurisdictionCode: row.jurisdiction_code,
    };
  }
}

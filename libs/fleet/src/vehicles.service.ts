import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  ConflictException,
  findVisibleOrFail,
  isUniqueViolation,
  type RequestContext,
  scopeWhere,
  sha256Hex,
  type TenantScope,
  TransactionService,
  ValidationFailedException,
} from '@app/core';
import { EnterprisesService } from '@app/identity';
import { canonicalJson } from '@app/audit';
import { type ClosedFieldTestDto, type CreateVehicleDto, type VehicleConfigurationDto } from './dto/fleet.dto';
import { ClosedFieldTest } from './entities/closed-field-test.entity';
import { VehicleConfiguration } from './entities/vehicle-configuration.entity';
import { Vehicle, VehicleCategory } from './entities/vehicle.entity';

/** Equal for configurations that are identical (sensor order and case of letters do not matter). */
export function configurationFingerprint(config: VehicleConfigurationDto): string {
  const normal = (s: string): string => s.trim().toLowerCase();
  return sha256Hex(
    canonicalJson({
      make: normal(config.make),
      model: normal(config.model),
      adsSoftwareVersion: normal(config.adsSoftwareVersion),
      sensorSuite: config.sensorSuite.map(normal).sort(),
    }),
  );
}

@Injectable()
export class VehiclesService {
  constructor(
    @InjectRepository(Vehicle) private readonly vehicles: Repository<Vehicle>,
    @InjectRepository(VehicleConfiguration)
    private readonly configurations: Repository<VehicleConfiguration>,
    @InjectRepository(ClosedFieldTest)
    private readonly closedFieldTests: Repository<ClosedFieldTest>,
    private readonly enterprises: EnterprisesService,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, scope: TenantScope, dto: CreateVehicleDto): Promise<Vehicle> {
    const enterprise = await this.enterprises.get(scope, ctx.actor.enterpriseId ?? '');
    if (dto.category === VehicleCategory.SmallUnmanned && !dto.vehicleCode && !dto.plate) {
      throw new ValidationFailedException([
        { field: 'vehicleCode', reason: 'a small unmanned vehicle needs a vehicleCode or a plate' },
      ]);
    }
    const alreadyRegistered = () =>
      new ConflictException('vehicle-exists', `A vehicle with VIN ${dto.vin} is already registered`);
    if (await this.vehicles.existsBy({ vin: dto.vin })) throw alreadyRegistered();
    const fingerprint = configurationFingerprint(dto.configuration);
    const register = this.transactions.run(async (manager) => {
      const vehicle = await manager.save(
        manager.create(Vehicle, {
          enterpriseId: enterprise.id,
          jurisdictionCode: enterprise.jurisdictionCode,
          vin: dto.vin,
          plate: dto.plate ?? null,
          vehicleCode: dto.vehicleCode ?? null,
          category: dto.category,
          automationLevel: dto.automationLevel,
          seats: dto.seats,
          configurationVersion: 1,
          configurationFingerprint: fingerprint,
        }),
      );
      await manager.save(
        manager.create(VehicleConfiguration, {
          ...dto.configuration,
          vehicleId: vehicle.id,
          version: 1,
          fingerprint,
          declaredBy: ctx.actor.userId,
        }),
      );
      await this.audit.record(manager, ctx, {
        action: 'vehicle.registered',
        entityType: 'vehicle',
        entityId: vehicle.id,
        enterpriseId: vehicle.enterpriseId,
        jurisdictionCode: vehicle.jurisdictionCode,
        after: { ...dto, configurationFingerprint: fingerprint },
      });
      return vehicle;
    });
    // Two simultaneous declarations of one VIN: the unique index keeps the first.
    return register.catch((error: unknown) => {
      throw isUniqueViolation(error, 'UQ_vehicles_vin') ? alreadyRegistered() : error;
    });
  }

  list(scope: TenantScope): Promise<Vehicle[]> {
    return this.vehicles.find({ where: scopeWhere(scope), order: { createdAt: 'DESC' } });
  }

  async get(scope: TenantScope, id: string): Promise<Vehicle> {
    return findVisibleOrFail(this.vehicles.manager, Vehicle, 'Vehicle', scope, id);
  }

  async configurationHistory(scope: TenantScope, vehicleId: string): Promise<VehicleConfiguration[]> {
    const vehicle = await this.get(scope, vehicleId);
    return this.configurations.find({
      where: { vehicleId: vehicle.id },
      order: { version: 'DESC' },
    });
  }

  /** Declares a changed configuration as a new version; an identical one is a 409. */
  async declareConfiguration(
    ctx: RequestContext,
    scope: TenantScope,
    vehicleId: string,
    dto: VehicleConfigurationDto,
  ): Promise<VehicleConfiguration> {
    return this.transactions.run(async (manager) => {
      const vehicle = await findVisibleOrFail(manager, Vehicle, 'Vehicle', scope, vehicleId, true);
      const fingerprint = configurationFingerprint(dto);
      if (fingerprint === vehicle.configurationFingerprint) {
        throw new ConflictException(
          'configuration-unchanged',
          `Vehicle ${vehicleId} already has this configuration (version ${vehicle.configurationVersion})`,
        );
      }
      const version = vehicle.configurationVersion + 1;
      const configuration = await manager.save(
        manager.create(VehicleConfiguration, {
          ...dto,
          vehicleId,
          version,
          fingerprint,
          declaredBy: ctx.actor.userId,
        }),
      );
      const before = {
        configurationVersion: vehicle.configurationVersion,
        configurationFingerprint: vehicle.configurationFingerprint,
      };
      await manager.update(Vehicle, vehicle.id, {
        configurationVersion: version,
        configurationFingerprint: fingerprint,
      });
      await this.audit.record(manager, ctx, {
        action: 'vehicle.configuration-declared',
        entityType: 'vehicle',
        entityId: vehicle.id,
        enterpriseId: vehicle.enterpriseId,
        jurisdictionCode: vehicle.jurisdictionCode,
        before,
        after: { configurationVersion: version, configurationFingerprint: fingerprint, ...dto },
      });
      return configuration;
    });
  }

  async closedFieldTestsOf(scope: TenantScope, vehicleId: string): Promise<ClosedFieldTest[]> {
    const vehicle = await this.get(scope, vehicleId);
    return this.closedFieldTests.find({
      where: { vehicleId: vehicle.id },
      order: { testedOn: 'DESC' },
    });
  }

  async addClosedFieldTest(
    ctx: RequestContext,
    scope: TenantScope,
    vehicleId: string,
    dto: ClosedFieldTestDto,
  ): Promise<ClosedFieldTest> {
    const vehicle = await this.get(scope, vehicleId);
    return this.transactions.run(async (manager) => {
      const test = await manager.save(manager.create(ClosedFieldTest, { ...dto, vehicleId: vehicle.id }));
      await this.audit.record(manager, ctx, {
        action: 'vehicle.closed-field-test-recorded',
        entityType: 'vehicle',
        entityId: vehicle.id,
        enterpriseId: vehicle.enterpriseId,
        jurisdictionCode: vehicle.jurisdictionCode,
        after: { ...dto, closedFieldTestId: test.id },
      });
      return test;
    });
  }
}

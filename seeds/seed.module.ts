import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CoreModule } from '@app/core';
import { FleetModule } from '@app/fleet';
import { IdentityModule } from '@app/identity';
import { PermitsModule } from '@app/permits';
import { RoadsideModule } from '@app/roadside';

/** The domain modules the demo seed drives, without HTTP. */
@Module({ imports: [CoreModule, AuditModule, IdentityModule, FleetModule, PermitsModule, RoadsideModule] })
export class SeedModule {}

import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DEVICE_ROUTE, IS_PUBLIC, ROLES, VEHICLE_ROUTE } from '@app/core';

/**
 * Refuses to start the API if any route declares none of @Roles, @Public, @VehicleRoute and
 * @DeviceRoute, so no route can ship unguarded by accident.
 */
@Injectable()
export class RouteAccessCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const unguarded: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as object;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const targets = [handler as () => void, wrapper.metatype as () => void];
        const declared = [ROLES, IS_PUBLIC, VEHICLE_ROUTE, DEVICE_ROUTE].some((key) =>
          this.reflector.getAllAndOverride<unknown>(key, targets),
        );
        if (!declared) unguarded.push(`${wrapper.name}.${name}`);
      }
    }
    if (unguarded.length > 0) throw new Error(`Routes without @Roles or @Public: ${unguarded.join(', ')}`);
  }
}

export * from './device-counts';
export * from './dto/roadside-devices.dto';
export * from './entities/roadside-device.entity';
export * from './roadside-devices.service';
export * from './roadside-heartbeats.service';
export * from './roadside.module';

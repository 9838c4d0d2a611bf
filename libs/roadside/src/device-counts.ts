import { RoadsideDeviceKind, RoadsideDeviceStatus } from './entities/roadside-device.entity';

export type InServiceStatus = Exclude<RoadsideDeviceStatus, RoadsideDeviceStatus.Decommissioned>;

/** Roadside devices of one jurisdiction, for the statistics. */
export interface RoadsideDeviceCounts {
  jurisdictionCode: string;
  /** Devices in service; decommissioned ones count only in `decommissioned`. */
  total: number;
  /** Every kind, zero included, so the figures keep one shape. */
  byKind: Record<RoadsideDeviceKind, number>;
  byStatus: Record<InServiceStatus, number>;
  decommissioned: number;
}

export interface DeviceCountRow {
  kind: RoadsideDeviceKind;
  status: RoadsideDeviceStatus;
  count: number;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

const IN_SERVICE = Object.values(RoadsideDeviceStatus).filter(
  (status): status is InServiceStatus => status !== RoadsideDeviceStatus.Decommissioned,
);

/** Folds `count(*) GROUP BY kind, status` rows into the statistics shape. */
export function tallyDevices(jurisdictionCode: string, rows: readonly DeviceCountRow[]): RoadsideDeviceCounts {
  const counts: RoadsideDeviceCounts = {
    jurisdictionCode,
    total: 0,
    byKind: zeros(Object.values(RoadsideDeviceKind)),
    byStatus: zeros(IN_SERVICE),
    decommissioned: 0,
  };
  for (const { kind, status, count } of rows) {
    if (status === RoadsideDeviceStatus.Decommissioned) {
      counts.decommissioned += count;
      continue;
    }
    counts.total += count;
    counts.byKind[kind] += count;
    counts.byStatus[status] += count;
  }
  return counts;
}

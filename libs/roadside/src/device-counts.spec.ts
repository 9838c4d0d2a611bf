import { tallyDevices } from './device-counts';
import { RoadsideDeviceKind as Kind, RoadsideDeviceStatus as Status } from './entities/roadside-device.entity';

describe('tallyDevices', () => {
  it('gives every kind and in-service status a count, zero included', () => {
    expect(tallyDevices('CN-SZ-PINGSHAN', [])).toEqual({
      jurisdictionCode: 'CN-SZ-PINGSHAN',
      total: 0,
      byKind: { RSU: 0, CAMERA: 0, RADAR: 0, LIDAR: 0, WEATHER_STATION: 0 },
      byStatus: { NEVER_SEEN: 0, ONLINE: 0, OFFLINE: 0 },
      decommissioned: 0,
    });
  });

  it('sums kinds across statuses and statuses across kinds, keeping decommissioned devices apart', () => {
    const counts = tallyDevices('CN-SZ-PINGSHAN', [
      { kind: Kind.Rsu, status: Status.Online, count: 5 },
      { kind: Kind.Rsu, status: Status.Offline, count: 2 },
      { kind: Kind.Camera, status: Status.Online, count: 7 },
      { kind: Kind.Radar, status: Status.NeverSeen, count: 1 },
      { kind: Kind.Camera, status: Status.Decommissioned, count: 3 },
    ]);
    expect(counts.total).toBe(15);
    expect(counts.byKind).toMatchObject({ RSU: 7, CAMERA: 7, RADAR: 1, LIDAR: 0 });
    expect(counts.byStatus).toEqual({ NEVER_SEEN: 1, ONLINE: 12, OFFLINE: 2 });
    expect(counts.decommissioned).toBe(3);
  });
});

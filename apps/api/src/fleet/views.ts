import {
  type ClosedFieldTest,
  type Vehicle,
  type VehicleConfiguration,
  type VehicleCredential,
  type Zone,
} from '@app/fleet';

export const vehicleView = (v: Vehicle) => ({
  id: v.id,
  enterpriseId: v.enterpriseId,
  jurisdictionCode: v.jurisdictionCode,
  vin: v.vin,
  plate: v.plate,
  vehicleCode: v.vehicleCode,
  category: v.category,
  automationLevel: v.automationLevel,
  seats: v.seats,
  configurationVersion: v.configurationVersion,
  configurationFingerprint: v.configurationFingerprint,
  createdAt: v.createdAt,
});

export const configurationView = (c: VehicleConfiguration) => ({
  version: c.version,
  make: c.make,
  model: c.model,
  adsSoftwareVersion: c.adsSoftwareVersion,
  sensorSuite: c.sensorSuite,
  fingerprint: c.fingerprint,
  declaredBy: c.declaredBy,
  declaredAt: c.declaredAt,
});

export const closedFieldTestView = (t: ClosedFieldTest) => ({
  id: t.id,
  km: t.km,
  site: t.site,
  testedOn: t.testedOn,
  reportRef: t.reportRef,
  passed: t.passed,
});

export const credentialView = (c: VehicleCredential) => ({
  id: c.id,
  tokenPrefix: c.tokenPrefix,
  issuedAt: c.issuedAt,
  revokedAt: c.revokedAt,
});

export const zoneView = (z: Zone) => ({
  id: z.id,
  jurisdictionCode: z.jurisdictionCode,
  code: z.code,
  name: z.name,
  kind: z.kind,
  bufferMeters: z.bufferMeters,
  conditions: z.conditions,
  geometry: z.geometry,
  version: z.version,
  updatedAt: z.updatedAt,
});

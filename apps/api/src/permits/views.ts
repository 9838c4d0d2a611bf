import { type Application, type ApplicationDocument, type Permit, type PermitVehicle } from '@app/permits';

export const applicationView = (a: Application) => ({
  id: a.id,
  enterpriseId: a.enterpriseId,
  jurisdictionCode: a.jurisdictionCode,
  kind: a.kind,
  status: a.status,
  vehicleIds: a.vehicleIds,
  operatorIds: a.operatorIds,
  remoteOperatorIds: a.remoteOperatorIds,
  zoneIds: a.zoneIds,
  requestedFrom: a.requestedFrom,
  requestedTo: a.requestedTo,
  conditions: a.conditions,
  requestedDriverlessStage: a.requestedDriverlessStage,
  addsToPermitId: a.addsToPermitId,
  renewsPermitId: a.renewsPermitId,
  eligible: a.evaluation?.eligible ?? null,
  submittedAt: a.submittedAt,
  decidedAt: a.decidedAt,
  decisionReason: a.decisionReason,
  overrideReason: a.overrideReason,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

export const documentView = (d: ApplicationDocument) => ({
  id: d.id,
  type: d.type,
  fileName: d.fileName,
  mediaType: d.mediaType,
  sizeBytes: d.sizeBytes,
  sha256: d.sha256,
  amountCny: d.amountCny,
  vehicleId: d.vehicleId,
  validUntil: d.validUntil,
  uploadedAt: d.uploadedAt,
});

export const permitView = (p: Permit, vehicles?: PermitVehicle[]) => ({
  id: p.id,
  noticeNumber: p.noticeNumber,
  applicationId: p.applicationId,
  enterpriseId: p.enterpriseId,
  jurisdictionCode: p.jurisdictionCode,
  kind: p.kind,
  status: p.status,
  validFrom: p.validFrom,
  validTo: p.validTo,
  zoneIds: p.zoneIds,
  timeWindows: p.timeWindows,
  conditions: p.conditions,
  driverlessStage: p.driverlessStage,
  renewsPermitId: p.renewsPermitId,
  statusReason: p.statusReason,
  issuedAt: p.issuedAt,
  ...(vehicles
    ? {
        vehicles: vehicles.map((v) => ({ vehicleId: v.vehicleId, applicationId: v.applicationId, addedAt: v.addedAt })),
      }
    : {}),
});

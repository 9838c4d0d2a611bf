import { type Enterprise } from './entities/enterprise.entity';
import { type Invitation } from './entities/invitation.entity';
import { type SafetyOperator } from './entities/safety-operator.entity';
import { type UserAccount } from './entities/user-account.entity';

/** What responses show of each entity: never password hashes, token hashes or identity hashes. */
export function enterpriseView(e: Enterprise) {
  return {
    id: e.id,
    name: e.name,
    creditCode: e.creditCode,
    jurisdictionCode: e.jurisdictionCode,
    contact: { name: e.contactName, phone: e.contactPhone, email: e.contactEmail },
    status: e.status,
    verifiedAt: e.verifiedAt,
    decisionNote: e.decisionNote,
    createdAt: e.createdAt,
  };
}

export type AccountView = ReturnType<typeof accountView>;
export function accountView(a: UserAccount) {
  return {
    id: a.id,
    email: a.email,
    displayName: a.displayName,
    role: a.role,
    enterpriseId: a.enterpriseId,
    jurisdictionCode: a.jurisdictionCode,
    status: a.status,
    lastLoginAt: a.lastLoginAt,
    createdAt: a.createdAt,
  };
}

export function invitationView(i: Invitation, token: string) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    enterpriseId: i.enterpriseId,
    jurisdictionCode: i.jurisdictionCode,
    expiresAt: i.expiresAt,
    /** Shown once: hand it to the invitee, who accepts with POST /v1/auth/invitations/accept. */
    token,
  };
}

export function safetyOperatorView(o: SafetyOperator) {
  return {
    id: o.id,
    enterpriseId: o.enterpriseId,
    jurisdictionCode: o.jurisdictionCode,
    name: o.name,
    identityNumber: o.identityNumberMasked,
    birthDate: o.birthDate,
    licenceClass: o.licenceClass,
    firstLicensedOn: o.firstLicensedOn,
    adTrainingHours: o.adTrainingHours,
    declarations: {
      noFullScoreInLastThreeCycles: o.noFullScoreInLastThreeCycles,
      noDrinkOrDrugDriving: o.noDrinkOrDrugDriving,
      noSeriousAtFaultAccident: o.noSeriousAtFaultAccident,
      noSeriousViolationLastYear: o.noSeriousViolationLastYear,
    },
    trainingCertificateRef: o.trainingCertificateRef,
    remoteQualified: o.remoteQualified,
    active: o.active,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

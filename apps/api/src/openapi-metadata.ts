/* eslint-disable */
export default async () => {
  const t = {
    ['../../../libs/identity/src/dto/identity.dto']:
      await import('../../../libs/identity/src/dto/identity.dto'),
    ['./http/problem.dto']: await import('./http/problem.dto'),
  };
  return {
    '@nestjs/swagger': {
      models: [
        [import('../../../libs/core/src/metrics/metrics.controller'), { MetricsController: {} }],
        [import('../../../libs/core/src/health/health.controller'), { HealthController: {} }],
        [
          import('../../../libs/identity/src/dto/identity.dto'),
          {
            LoginDto: {
              email: { required: true, type: () => String, maxLength: 254, format: 'email' },
              password: { required: true, type: () => String, maxLength: 128 },
            },
            RefreshDto: {
              refreshToken: {
                required: true,
                type: () => String,
                description:
                  'The refresh token from the last sign-in or refresh; each can be used once.',
                maxLength: 200,
              },
            },
            ContactDto: {
              name: { required: true, type: () => String, minLength: 1, maxLength: 100 },
              phone: {
                required: true,
                type: () => String,
                description: 'Mainland mobile (11 digits) or a landline with area code.',
                pattern: '^(\\+?86[- ]?)?(1\\d{10}|0\\d{2,3}-?\\d{7,8})$',
              },
              email: { required: true, type: () => String, maxLength: 254, format: 'email' },
            },
            NewAccountDto: {
              email: { required: true, type: () => String, maxLength: 254, format: 'email' },
              displayName: { required: true, type: () => String, minLength: 1, maxLength: 100 },
              password: {
                required: true,
                type: () => String,
                description: 'At least 12 characters.',
                minLength: 12,
                maxLength: 128,
              },
            },
            RegisterEnterpriseDto: {
              name: { required: true, type: () => String, minLength: 2, maxLength: 200 },
              creditCode: {
                required: true,
                type: () => String,
                description:
                  'Unified social credit code (\u7EDF\u4E00\u793E\u4F1A\u4FE1\u7528\u4EE3\u7801, GB 32100), 18 characters with its check character.',
              },
              jurisdictionCode: {
                required: true,
                type: () => String,
                description: 'Jurisdiction the enterprise registers with, e.g. CN-SZ-PINGSHAN.',
              },
              contact: {
                required: true,
                type: () => t['../../../libs/identity/src/dto/identity.dto'].ContactDto,
              },
              admin: {
                required: true,
                type: () => t['../../../libs/identity/src/dto/identity.dto'].NewAccountDto,
                description: "The enterprise's first administrator account.",
              },
            },
            EnterpriseDecisionDto: {
              note: { required: false, type: () => String, maxLength: 2000 },
            },
            RejectEnterpriseDto: {
              reason: { required: true, type: () => String, minLength: 1, maxLength: 2000 },
            },
            InviteEnterpriseUserDto: {
              email: { required: true, type: () => String, maxLength: 254, format: 'email' },
              displayName: { required: true, type: () => String, minLength: 1, maxLength: 100 },
              role: { required: true, type: () => Object },
            },
            InviteStaffDto: {
              email: { required: true, type: () => String, maxLength: 254, format: 'email' },
              displayName: { required: true, type: () => String, minLength: 1, maxLength: 100 },
              role: { required: true, type: () => Object },
              jurisdictionCode: {
                required: false,
                type: () => String,
                description: 'Required for REGULATOR and AUDITOR.',
              },
            },
            AcceptInvitationDto: {
              token: { required: true, type: () => String, maxLength: 200 },
              password: { required: true, type: () => String, minLength: 12, maxLength: 128 },
            },
            CreateSafetyOperatorDto: {
              name: { required: true, type: () => String, minLength: 1, maxLength: 100 },
              identityNumber: {
                required: true,
                type: () => String,
                description:
                  '18-digit resident identity number (GB 11643); stored only masked and as a keyed hash.',
              },
              licenceClass: {
                required: true,
                enum: ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6'],
              },
              firstLicensedOn: {
                required: true,
                type: () => String,
                description:
                  'Date of the first driving licence (YYYY-MM-DD); driving years are counted from it.',
              },
              adTrainingHours: { required: true, type: () => Number, minimum: 0, maximum: 100000 },
              noFullScoreInLastThreeCycles: { required: true, type: () => Boolean },
              noDrinkOrDrugDriving: { required: true, type: () => Boolean },
              noSeriousAtFaultAccident: { required: true, type: () => Boolean },
              noSeriousViolationLastYear: { required: true, type: () => Boolean },
              trainingCertificateRef: { required: false, type: () => String, maxLength: 200 },
              remoteQualified: { required: false, type: () => Boolean },
            },
            UpdateSafetyOperatorDto: {
              licenceClass: {
                required: false,
                enum: ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6'],
              },
              adTrainingHours: { required: false, type: () => Number, minimum: 0, maximum: 100000 },
              noFullScoreInLastThreeCycles: { required: false, type: () => Boolean },
              noDrinkOrDrugDriving: { required: false, type: () => Boolean },
              noSeriousAtFaultAccident: { required: false, type: () => Boolean },
              noSeriousViolationLastYear: { required: false, type: () => Boolean },
              trainingCertificateRef: { required: false, type: () => String, maxLength: 200 },
              remoteQualified: { required: false, type: () => Boolean },
              active: { required: false, type: () => Boolean },
            },
          },
        ],
        [
          import('./http/problem.dto'),
          {
            FieldProblemDto: {
              field: { required: true, type: () => String },
              reason: { required: true, type: () => String },
            },
            ProblemDto: {
              type: { required: true, type: () => String },
              title: { required: true, type: () => String },
              status: { required: true, type: () => Number },
              detail: { required: true, type: () => String },
              instance: { required: true, type: () => String },
              requestId: { required: false, type: () => String },
              errors: { required: false, type: () => [t['./http/problem.dto'].FieldProblemDto] },
              currentState: { required: false, type: () => String },
            },
          },
        ],
        [
          import('./audit/audit.controller'),
          {
            AuditQueryDto: {
              entityType: { required: false, type: () => String, maxLength: 64 },
              entityId: { required: false, type: () => String, maxLength: 64 },
              action: { required: false, type: () => String, maxLength: 100 },
              actorId: { required: false, type: () => String, format: 'uuid' },
              from: {
                required: false,
                type: () => Date,
                description: 'Entries at or after this time (RFC 3339).',
              },
              to: { required: false, type: () => Date },
              beforeSeq: {
                required: false,
                type: () => Number,
                description: 'Cursor: the `nextBeforeSeq` of the previous page.',
                minimum: 1,
              },
              limit: { required: false, type: () => Number, minimum: 1, maximum: 500 },
              order: {
                required: false,
                type: () => String,
                description:
                  'Accepted for symmetry with other lists; entries are always newest first.',
              },
            },
            AuditController: {},
          },
        ],
        [import('./identity/auth.controller'), { AuthController: {} }],
        [import('./identity/enterprises.controller'), { EnterprisesController: {} }],
        [import('./identity/jurisdictions.controller'), { JurisdictionsController: {} }],
        [import('./identity/safety-operators.controller'), { SafetyOperatorsController: {} }],
        [import('./identity/staff.controller'), { StaffController: {} }],
      ],
      controllers: [],
    },
  };
};

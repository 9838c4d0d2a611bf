/* eslint-disable */
export default async () => {
  const t = {
    ['../../../libs/identity/src/dto/identity.dto']: await import('../../../libs/identity/src/dto/identity.dto'),
    ['../../../libs/fleet/src/entities/vehicle.entity']:
      await import('../../../libs/fleet/src/entities/vehicle.entity'),
    ['../../../libs/fleet/src/dto/fleet.dto']: await import('../../../libs/fleet/src/dto/fleet.dto'),
    ['../../../libs/fleet/src/entities/zone.entity']: await import('../../../libs/fleet/src/entities/zone.entity'),
    ['./http/problem.dto']: await import('./http/problem.dto'),
    ['./telemetry/telemetry.dto']: await import('./telemetry/telemetry.dto'),
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
                description: 'The refresh token from the last sign-in or refresh; each can be used once.',
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
              contact: { required: true, type: () => t['../../../libs/identity/src/dto/identity.dto'].ContactDto },
              admin: {
                required: true,
                type: () => t['../../../libs/identity/src/dto/identity.dto'].NewAccountDto,
                description: "The enterprise's first administrator account.",
              },
            },
            EnterpriseDecisionDto: { note: { required: false, type: () => String, maxLength: 2000 } },
            RejectEnterpriseDto: { reason: { required: true, type: () => String, minLength: 1, maxLength: 2000 } },
            InviteEnterpriseUserDto: { role: { required: true, type: () => Object } },
            InviteStaffDto: {
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
                description: '18-digit resident identity number (GB 11643); stored only masked and as a keyed hash.',
              },
              licenceClass: {
                required: true,
                enum: ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6'],
              },
              firstLicensedOn: {
                required: true,
                type: () => String,
                description: 'Date of the first driving licence (YYYY-MM-DD); driving years are counted from it.',
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
          import('../../../libs/fleet/src/dto/fleet.dto'),
          {
            VehicleConfigurationDto: {
              make: { required: true, type: () => String, minLength: 1, maxLength: 100 },
              model: { required: true, type: () => String, minLength: 1, maxLength: 100 },
              adsSoftwareVersion: {
                required: true,
                type: () => String,
                description: 'Version of the automated driving system software.',
                minLength: 1,
                maxLength: 100,
              },
              sensorSuite: {
                required: true,
                type: () => [String],
                description: 'The sensors fitted, e.g. ["lidar-128 x1", "camera-8mp x11"]; order does not matter.',
                minItems: 1,
                maxItems: 50,
                minLength: 1,
                maxLength: 100,
              },
            },
            CreateVehicleDto: {
              vin: {
                required: true,
                type: () => String,
                description: '17-character VIN with its ISO 3779 check digit.',
              },
              plate: {
                required: false,
                type: () => String,
                description: 'Temporary plate (\u4E34\u65F6\u884C\u9A76\u8F66\u53F7\u724C), if issued.',
                minLength: 5,
                maxLength: 12,
              },
              vehicleCode: {
                required: false,
                type: () => String,
                description: 'Small-vehicle code such as MT0001 (two capitals and four digits).',
                pattern: '^[A-Z]{2}\\d{4}$',
              },
              category: { required: true, enum: t['../../../libs/fleet/src/entities/vehicle.entity'].VehicleCategory },
              automationLevel: {
                required: true,
                enum: t['../../../libs/fleet/src/entities/vehicle.entity'].AutomationLevel,
              },
              seats: {
                required: true,
                type: () => Number,
                description: "Seats including the driver's; 0 for vehicles without a cockpit.",
                minimum: 0,
                maximum: 100,
              },
              configuration: {
                required: true,
                type: () => t['../../../libs/fleet/src/dto/fleet.dto'].VehicleConfigurationDto,
              },
            },
            ClosedFieldTestDto: {
              km: { required: true, type: () => Number, minimum: 0, maximum: 10000000 },
              site: { required: true, type: () => String, minLength: 1, maxLength: 200 },
              testedOn: {
                required: true,
                type: () => String,
                description: 'Date of the test (YYYY-MM-DD), not in the future.',
              },
              reportRef: { required: true, type: () => String, minLength: 1, maxLength: 200 },
            },
            GeoJsonGeometry: {
              type: { required: true, enum: ['LineString', 'Polygon', 'MultiPolygon'] },
              coordinates: {
                required: true,
                type: () => [Object],
                description: '[longitude, latitude] positions nested as the type requires (RFC 7946).',
              },
            },
            CreateZoneDto: {
              code: {
                required: true,
                type: () => String,
                description: 'Short stable identifier, e.g. PS-BUS-13KM.',
                pattern: '^[A-Z0-9][A-Z0-9-]{1,63}$',
              },
              name: { required: true, type: () => String, minLength: 1, maxLength: 200 },
              jurisdictionCode: {
                required: false,
                type: () => String,
                description: 'Required for platform admins; regulators create zones in their own jurisdiction.',
              },
              kind: { required: true, enum: t['../../../libs/fleet/src/entities/zone.entity'].ZoneKind },
              geometry: {
                required: true,
                type: () => t['../../../libs/fleet/src/dto/fleet.dto'].GeoJsonGeometry,
                description: 'GeoJSON Polygon, MultiPolygon (areas) or LineString (routes), [lon, lat] positions.',
              },
              crs: {
                required: false,
                description:
                  'Coordinate system of `geometry`: WGS84 (default) or GCJ02 (Chinese web maps), converted on input.',
                enum: ['WGS84', 'GCJ02'],
              },
              bufferMeters: {
                required: false,
                type: () => Number,
                description: 'Half-width of a route in metres (routes only).',
                minimum: 1,
                maximum: 5000,
              },
              conditions: { required: false, type: () => [String], maxLength: 50, maxItems: 20 },
            },
            UpdateZoneDto: {},
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
              from: { required: false, type: () => Date, description: 'Entries at or after this time (RFC 3339).' },
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
                description: 'Accepted for symmetry with other lists; entries are always newest first.',
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
        [
          import('./fleet/vehicles.controller'),
          {
            TrackQueryDto: {
              from: { required: true, type: () => Date, description: 'Start of the time range (RFC 3339), inclusive.' },
              to: { required: true, type: () => Date, description: 'End of the time range (RFC 3339), exclusive.' },
              after: {
                required: false,
                type: () => String,
                description: 'The `next` cursor of the previous page.',
                pattern: '^\\d+_\\d+$',
              },
              limit: { required: false, type: () => Number, minimum: 1, maximum: 5000 },
            },
            StatsQueryDto: {
              from: {
                required: true,
                type: () => String,
                description: 'First local day (YYYY-MM-DD), inclusive.',
                pattern: '^\\d{4}-\\d{2}-\\d{2}$',
              },
              to: {
                required: true,
                type: () => String,
                description: 'Last local day (YYYY-MM-DD), inclusive.',
                pattern: '^\\d{4}-\\d{2}-\\d{2}$',
              },
            },
            VehiclesController: {},
          },
        ],
        [
          import('./fleet/zones.controller'),
          { ZoneQueryDto: { jurisdictionCode: { required: false, type: () => String } }, ZonesController: {} },
        ],
        [
          import('./telemetry/telemetry.dto'),
          {
            TelemetryPointDto: {
              seq: { required: true, type: () => Number },
              ts: { required: true, type: () => Object },
              lat: { required: true, type: () => Number },
              lon: { required: true, type: () => Number },
              speedKmh: { required: true, type: () => Number },
              headingDeg: { required: true, type: () => Number },
              odometerKm: { required: false, type: () => Number },
              mode: { required: true, type: () => String },
            },
            TelemetryRequestDto: {
              points: { required: true, type: () => [t['./telemetry/telemetry.dto'].TelemetryPointDto] },
            },
            PointRejectionDto: {
              index: { required: true, type: () => Number },
              seq: { required: true, type: () => Number, nullable: true },
              reason: { required: true, type: () => String },
            },
            TelemetryReceiptDto: {
              accepted: { required: true, type: () => Number },
              rejected: { required: true, type: () => [t['./telemetry/telemetry.dto'].PointRejectionDto] },
              persistedThroughSeq: { required: true, type: () => Number },
            },
          },
        ],
        [import('./telemetry/telemetry.controller'), { TelemetryController: {} }],
      ],
      controllers: [],
    },
  };
};

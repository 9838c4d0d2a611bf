/* eslint-disable */
export default async () => {
  const t = {
    ['../../../libs/identity/src/dto/identity.dto']: await import('../../../libs/identity/src/dto/identity.dto'),
    ['../../../libs/fleet/src/entities/vehicle.entity']:
      await import('../../../libs/fleet/src/entities/vehicle.entity'),
    ['../../../libs/fleet/src/dto/fleet.dto']: await import('../../../libs/fleet/src/dto/fleet.dto'),
    ['../../../libs/fleet/src/entities/zone.entity']: await import('../../../libs/fleet/src/entities/zone.entity'),
    ['../../../libs/permits/src/dto/permits.dto']: await import('../../../libs/permits/src/dto/permits.dto'),
    ['../../../libs/supervision/src/entities/incident.entity']:
      await import('../../../libs/supervision/src/entities/incident.entity'),
    ['../../../libs/supervision/src/dto/incidents.dto']:
      await import('../../../libs/supervision/src/dto/incidents.dto'),
    ['../../../libs/supervision/src/entities/alert.entity']:
      await import('../../../libs/supervision/src/entities/alert.entity'),
    ['../../../libs/supervision/src/dto/operations.dto']:
      await import('../../../libs/supervision/src/dto/operations.dto'),
    ['../../../libs/roadside/src/entities/roadside-device.entity']:
      await import('../../../libs/roadside/src/entities/roadside-device.entity'),
    ['../../../libs/roadside/src/dto/roadside-devices.dto']:
      await import('../../../libs/roadside/src/dto/roadside-devices.dto'),
    ['./http/problem.dto']: await import('./http/problem.dto'),
    ['./telemetry/telemetry.dto']: await import('./telemetry/telemetry.dto'),
    ['../../../libs/permits/src/entities/application.entity']:
      await import('../../../libs/permits/src/entities/application.entity'),
    ['../../../libs/permits/src/entities/permit.entity']:
      await import('../../../libs/permits/src/entities/permit.entity'),
  };
  return {
    '@nestjs/swagger': {
      models: [
        [import('../../../libs/core/src/metrics/metrics.controller'), { MetricsController: {} }],
        [import('../../../libs/core/src/health/health.controller'), { HealthController: {} }],
        [
          import('../../../libs/core/src/validation/time-range.dto'),
          {
            TimeRangeQueryDto: {
              from: { required: true, type: () => Date, description: 'Start of the range (RFC 3339), inclusive.' },
              to: {
                required: true,
                type: () => Date,
                description: 'End of the range (RFC 3339), exclusive; after `from`.',
              },
            },
          },
        ],
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
          import('../../../libs/permits/src/dto/permits.dto'),
          {
            ConditionsDto: {
              night: { required: true, type: () => Boolean },
              adverseWeather: { required: true, type: () => Boolean },
              expressway: { required: true, type: () => Boolean },
              passengers: { required: true, type: () => Boolean },
              cargo: { required: true, type: () => Boolean },
              scenes: {
                required: true,
                type: () => [Object],
                description: 'Application scenes (SEED-PS-SCENES).',
                enum: ['BUS', 'PASSENGER', 'CARGO', 'SANITATION', 'SECURITY', 'RETAIL', 'TOURISM', 'DELIVERY'],
                isArray: true,
              },
            },
            CreateApplicationDto: {
              kind: {
                required: true,
                enum: ['SMALL_UNMANNED_VEHICLE', 'ROAD_TEST', 'MANNED_PILOT', 'DRIVERLESS_PILOT'],
              },
              vehicleIds: {
                required: true,
                type: () => [String],
                description: "The enterprise's own vehicles.",
                format: 'uuid',
                minItems: 1,
                maxItems: 500,
              },
              operatorIds: {
                required: true,
                type: () => [String],
                description: "On-board or on-site safety operators (the enterprise's own).",
                format: 'uuid',
                maxItems: 1000,
              },
              remoteOperatorIds: {
                required: false,
                type: () => [String],
                description: 'Remote safety officers (driverless, small unmanned vehicles).',
                format: 'uuid',
                maxItems: 1000,
              },
              zoneIds: {
                required: true,
                type: () => [String],
                description: 'Zones and routes of the jurisdiction where the activity is requested.',
                format: 'uuid',
                minItems: 1,
                maxItems: 100,
              },
              requestedFrom: { required: true, type: () => String },
              requestedTo: { required: true, type: () => String },
              conditions: { required: true, type: () => t['../../../libs/permits/src/dto/permits.dto'].ConditionsDto },
              requestedDriverlessStage: {
                required: false,
                description: 'Driverless pilots: the stage requested (BJ-DL-STAGES).',
                enum: ['FRONT_PASSENGER_OFFICER', 'REAR_OFFICER', 'REMOTE_ONLY'],
              },
              addsToPermitId: {
                required: false,
                type: () => String,
                description: 'Adds vehicles of identical configuration to this issued permit (CN-NAT-ADD-VEH).',
                format: 'uuid',
              },
              renewsPermitId: {
                required: false,
                type: () => String,
                description: 'Renews this issued permit.',
                format: 'uuid',
              },
            },
            UpdateApplicationDto: {},
            AddDocumentDto: {
              type: {
                required: true,
                enum: [
                  'COMPULSORY_INSURANCE',
                  'LIABILITY_INSURANCE',
                  'GUARANTEE_LETTER',
                  'SEAT_INSURANCE',
                  'CLOSED_FIELD_REPORT',
                  'CYBERSECURITY_ASSESSMENT',
                  'CYBERSECURITY_TEST',
                  'THIRD_PARTY_REVIEWED_PLAN',
                  'SAFETY_PLAN',
                  'EVALUATION_PROCEDURE',
                  'REMOTE_MONITORING_CAPABILITY',
                  'EVENT_RECORDING_CAPABILITY',
                  'LAW_ENFORCEMENT_INTERACTION_PLAN',
                  'TRANSPORT_OPERATING_QUALIFICATION',
                ],
              },
              fileName: { required: true, type: () => String, minLength: 1, maxLength: 200 },
              mediaType: { required: true, type: () => String, pattern: '^[a-z]+\\/[a-z0-9.+-]+$' },
              contentBase64: {
                required: true,
                type: () => String,
                description: 'The file, base64-encoded (the request body limit applies: about 700 KiB of file).',
                maxLength: 1000000,
                format: 'base64',
              },
              amountCny: {
                required: false,
                type: () => Number,
                description: 'Insurance and guarantee letters: the amount in CNY.',
                minimum: 0,
                maximum: 1000000000000,
              },
              vehicleId: {
                required: false,
                type: () => String,
                description: "When the document covers one of the application's vehicles only.",
                format: 'uuid',
              },
              validUntil: { required: false, type: () => String },
            },
            ReasonDto: { reason: { required: true, type: () => String, minLength: 1, maxLength: 2000 } },
            TimeWindowDto: {
              from: { required: true, type: () => String, pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
              to: { required: true, type: () => String, pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' },
            },
            ApproveDto: {
              note: { required: false, type: () => String, maxLength: 2000 },
              overrideReason: {
                required: false,
                type: () => String,
                description: 'Required when some eligibility rule did not pass: why the regulator approves anyway.',
                minLength: 10,
                maxLength: 2000,
              },
              timeWindows: {
                required: false,
                type: () => [t['../../../libs/permits/src/dto/permits.dto'].TimeWindowDto],
                description: "Daily operating windows in the jurisdiction's time zone; absent means all day.",
                maxItems: 10,
              },
            },
            RecognitionDto: {
              vehicleId: { required: true, type: () => String, format: 'uuid' },
              sourceJurisdiction: {
                required: true,
                type: () => String,
                description: 'Where the mileage was accrued (another jurisdiction or city).',
                minLength: 2,
                maxLength: 100,
              },
              sourcePermitNumber: {
                required: true,
                type: () => String,
                description: 'Notice number of the permit it was accrued under.',
                minLength: 1,
                maxLength: 100,
              },
              autonomousKm: { required: true, type: () => Number, minimum: 0, maximum: 10000000 },
              autonomousHours: { required: true, type: () => Number, minimum: 0, maximum: 1000000 },
              note: { required: false, type: () => String, maxLength: 2000 },
            },
          },
        ],
        [
          import('../../../libs/supervision/src/dto/incidents.dto'),
          {
            IncidentPartyDto: {
              kind: { required: true, enum: ['VEHICLE', 'PEDESTRIAN', 'CYCLIST', 'PROPERTY', 'OTHER'] },
              description: { required: true, type: () => String, minLength: 1, maxLength: 500 },
            },
            ReportIncidentDto: {
              vehicleId: { required: true, type: () => String, format: 'uuid' },
              kind: { required: true, enum: t['../../../libs/supervision/src/entities/incident.entity'].IncidentKind },
              occurredAt: { required: true, type: () => Date, description: 'When it happened (RFC 3339).' },
              lat: { required: true, type: () => Number, minimum: -90, maximum: 90 },
              lon: { required: true, type: () => Number, minimum: -180, maximum: 180 },
              modeAtTime: {
                required: false,
                description: 'Mode at the time; when absent, taken from the nearest stored telemetry point.',
                enum: ['AUTONOMOUS', 'MANUAL', 'REMOTE'],
              },
              parties: {
                required: false,
                type: () => [t['../../../libs/supervision/src/dto/incidents.dto'].IncidentPartyDto],
                maxItems: 50,
              },
              fatalities: { required: false, type: () => Number, minimum: 0, maximum: 1000 },
              seriousInjuries: { required: false, type: () => Number, minimum: 0, maximum: 1000 },
              minorInjuries: { required: false, type: () => Number, minimum: 0, maximum: 1000 },
              vehicleDestroyed: { required: false, type: () => Boolean },
              damage: { required: false, type: () => String, maxLength: 2000 },
              avAtFault: { required: false, enum: t['../../../libs/supervision/src/entities/incident.entity'].AvFault },
              narrative: { required: true, type: () => String, minLength: 1, maxLength: 10000 },
              evidenceRefs: {
                required: false,
                type: () => [String],
                description: 'References to evidence (video ids, photos, police report numbers).',
                maxLength: 500,
                maxItems: 100,
              },
            },
            AmendIncidentDto: {
              reason: {
                required: true,
                type: () => String,
                description: 'Why the report changes.',
                minLength: 1,
                maxLength: 2000,
              },
            },
            RequestAnalysisDto: {
              dueAt: {
                required: true,
                type: () => Date,
                description:
                  'When the analysis report is due; a regulator may move it while the report is outstanding.',
              },
              note: { required: false, type: () => String, minLength: 1, maxLength: 2000 },
            },
            SubmitAnalysisDto: {
              documentRef: {
                required: true,
                type: () => String,
                description: 'Where the report document is kept (document store id or URL).',
                minLength: 1,
                maxLength: 500,
              },
              summary: { required: true, type: () => String, minLength: 1, maxLength: 10000 },
            },
            NearbyQueryDto: {
              lat: { required: true, type: () => Number, minimum: -90, maximum: 90 },
              lon: { required: true, type: () => Number, minimum: -180, maximum: 180 },
              radiusM: {
                required: true,
                type: () => Number,
                description: 'Radius in metres (at most 5 km).',
                minimum: 1,
                maximum: 5000,
              },
            },
          },
        ],
        [
          import('../../../libs/supervision/src/dto/alerts.dto'),
          {
            AlertQueryDto: {
              jurisdictionCode: {
                required: false,
                type: () => String,
                description: "Narrows a platform admin's view; others already see one jurisdiction at most.",
                minLength: 1,
                maxLength: 64,
              },
              enterpriseId: { required: false, type: () => String, format: 'uuid' },
              vehicleId: { required: false, type: () => String, format: 'uuid' },
              incidentId: { required: false, type: () => String, format: 'uuid' },
              deviceId: { required: false, type: () => String, format: 'uuid' },
              type: {
                required: false,
                enum: [
                  'NO_ACTIVE_PERMIT',
                  'OUTSIDE_ZONE',
                  'OUTSIDE_HOURS',
                  'OVERSPEED',
                  'STAGE_EXCEEDED',
                  'POSITION_JUMP',
                  'TELEMETRY_GAP',
                  'INCIDENT_REPORTED_LATE',
                  'INCIDENT_ANALYSIS_OVERDUE',
                  'DEVICE_OFFLINE',
                ],
              },
              status: { required: false, enum: t['../../../libs/supervision/src/entities/alert.entity'].AlertStatus },
              limit: { required: false, type: () => Number, minimum: 1, maximum: 500 },
            },
            AlertNoteDto: { note: { required: false, type: () => String, maxLength: 2000 } },
            ResolveAlertDto: { note: { required: true, type: () => String, minLength: 1, maxLength: 2000 } },
          },
        ],
        [
          import('../../../libs/supervision/src/dto/takeovers.dto'),
          {
            TakeoverQueryDto: {
              vehicleId: { required: false, type: () => String, format: 'uuid' },
              unclassified: {
                required: false,
                type: () => Boolean,
                description: 'Only those the enterprise has not classified yet.',
              },
            },
            ClassifyTakeoverDto: {
              initiatedBy: { required: true, enum: ['SYSTEM', 'SAFETY_OPERATOR', 'REMOTE_OPERATOR'] },
              cause: { required: true, type: () => String, minLength: 1, maxLength: 500 },
              locationType: {
                required: true,
                enum: ['OTHER', 'INTERSECTION', 'STRAIGHT_ROAD', 'CURVE', 'RAMP', 'EXPRESSWAY', 'PARKING'],
              },
            },
            DisengagementQueryDto: {
              from: { required: true, type: () => String, description: 'First local day (YYYY-MM-DD), inclusive.' },
              to: { required: true, type: () => String, description: 'Last local day (YYYY-MM-DD), inclusive.' },
            },
          },
        ],
        [
          import('../../../libs/supervision/src/dto/operations.dto'),
          {
            TripDto: {
              externalRef: {
                required: true,
                type: () => String,
                description: "The enterprise's own order or trip id; reporting it again changes nothing.",
                minLength: 1,
                maxLength: 100,
              },
              vehicleId: { required: true, type: () => String, format: 'uuid' },
              startedAt: { required: true, type: () => Date },
              endedAt: { required: true, type: () => Date },
              passengers: { required: true, type: () => Number, minimum: 0, maximum: 200 },
              cargoTonnes: { required: true, type: () => Number, minimum: 0, maximum: 1000 },
              fareCny: { required: true, type: () => Number, minimum: 0, maximum: 1000000 },
              distanceKm: { required: false, type: () => Number, minimum: 0, maximum: 10000 },
            },
            ReportTripsDto: {
              permitId: {
                required: true,
                type: () => String,
                description: 'The commercial pilot permit the trips ran under.',
                format: 'uuid',
              },
              trips: {
                required: true,
                type: () => [t['../../../libs/supervision/src/dto/operations.dto'].TripDto],
                description: 'At most 1000 trips per request.',
                minItems: 1,
                maxItems: 1000,
              },
            },
            OperationsTotalsQueryDto: { permitId: { required: false, type: () => String, format: 'uuid' } },
          },
        ],
        [
          import('../../../libs/supervision/src/webhooks/dto/webhooks.dto'),
          {
            CreateWebhookDto: {
              url: {
                required: true,
                type: () => String,
                description: 'Where events are POSTed: http or https, without credentials in the URL.',
                maxLength: 2000,
                format: 'uri',
              },
              description: { required: false, type: () => String, maxLength: 500 },
              events: {
                required: false,
                type: () => [Object],
                description: 'Events to receive; default `["alert.opened"]`.',
                enum: ['alert.opened', 'alert.acknowledged', 'alert.resolved'],
                isArray: true,
                minItems: 1,
                uniqueItems: true,
              },
            },
            UpdateWebhookDto: {
              active: {
                required: false,
                type: () => Boolean,
                description: 'A deactivated endpoint receives nothing, and its pending deliveries are given up.',
              },
            },
            WebhookDeliveryQueryDto: { limit: { required: false, type: () => Number, minimum: 1, maximum: 500 } },
            DeliverWebhookJob: { deliveryId: { required: true, type: () => String, format: 'uuid' } },
          },
        ],
        [
          import('../../../libs/reporting/src/dto/reports.dto'),
          {
            ReportQueryDto: {
              kind: { required: false, enum: ['PERMIT_MONTHLY', 'ENTERPRISE_MONTHLY', 'NOTICE_FILING_SEMIANNUAL'] },
              permitId: { required: false, type: () => String, format: 'uuid' },
              enterpriseId: { required: false, type: () => String, format: 'uuid' },
              jurisdictionCode: {
                required: false,
                type: () => String,
                description: "Narrows a platform admin's view; others already see one jurisdiction at most.",
                minLength: 1,
                maxLength: 64,
              },
              period: { required: false, type: () => String },
              limit: { required: false, type: () => Number, minimum: 1, maximum: 500 },
            },
            ReportFormatQueryDto: {
              format: {
                required: false,
                description: '`csv` downloads the table; without it, `Accept: text/csv` does the same.',
                enum: ['json', 'csv'],
              },
            },
            GenerateReportDto: {
              kind: { required: true, enum: ['PERMIT_MONTHLY', 'ENTERPRISE_MONTHLY', 'NOTICE_FILING_SEMIANNUAL'] },
              period: {
                required: true,
                type: () => String,
                description: 'A month for the monthly reports, a half-year for the notice filing.',
              },
              permitId: {
                required: false,
                type: () => String,
                description: 'The permit of a PERMIT_MONTHLY report.',
                format: 'uuid',
              },
              enterpriseId: {
                required: false,
                type: () => String,
                description: 'The enterprise of an ENTERPRISE_MONTHLY report.',
                format: 'uuid',
              },
              jurisdictionCode: {
                required: false,
                type: () => String,
                description:
                  'The jurisdiction of a NOTICE_FILING_SEMIANNUAL report; regulators may leave it out (their own).',
                minLength: 1,
                maxLength: 64,
              },
            },
            ScheduleReportsJob: { period: { required: false, type: () => String } },
            GenerateReportJob: {
              kind: { required: true, enum: ['PERMIT_MONTHLY', 'ENTERPRISE_MONTHLY', 'NOTICE_FILING_SEMIANNUAL'] },
              subject: {
                required: true,
                type: () => String,
                description: 'Permit id, enterprise id or jurisdiction code, by kind.',
                minLength: 1,
                maxLength: 64,
              },
              period: { required: true, type: () => String },
            },
          },
        ],
        [
          import('../../../libs/roadside/src/dto/roadside-devices.dto'),
          {
            DevicePositionDto: {
              lat: { required: true, type: () => Number, minimum: -90, maximum: 90 },
              lon: { required: true, type: () => Number, minimum: -180, maximum: 180 },
            },
            RegisterRoadsideDeviceDto: {
              kind: {
                required: true,
                enum: t['../../../libs/roadside/src/entities/roadside-device.entity'].RoadsideDeviceKind,
              },
              serial: {
                required: true,
                type: () => String,
                description: 'Manufacturer serial or external id, unique within the jurisdiction.',
                pattern: '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$',
              },
              zoneId: {
                required: true,
                type: () => String,
                description: "A zone of the caller's jurisdiction; the device belongs to the zone's jurisdiction.",
                format: 'uuid',
              },
              position: {
                required: false,
                type: () => t['../../../libs/roadside/src/dto/roadside-devices.dto'].DevicePositionDto,
                description: 'Where the device is mounted (WGS-84); must lie inside the zone.',
              },
              description: { required: false, type: () => String, maxLength: 500 },
            },
            UpdateRoadsideDeviceDto: {
              zoneId: {
                required: false,
                type: () => String,
                description:
                  'Moving the device to another zone of the same jurisdiction; its position must lie inside.',
                format: 'uuid',
              },
              position: {
                required: false,
                type: () => t['../../../libs/roadside/src/dto/roadside-devices.dto'].DevicePositionDto,
                nullable: true,
                description: 'A new position, or null to clear it.',
              },
              description: {
                required: false,
                type: () => String,
                nullable: true,
                description: 'A new description, or null to clear it.',
                maxLength: 500,
              },
            },
            RoadsideDeviceQueryDto: {
              zoneId: { required: false, type: () => String, format: 'uuid' },
              kind: {
                required: false,
                enum: t['../../../libs/roadside/src/entities/roadside-device.entity'].RoadsideDeviceKind,
              },
              status: {
                required: false,
                description: 'Without it, decommissioned devices are left out.',
                enum: t['../../../libs/roadside/src/entities/roadside-device.entity'].RoadsideDeviceStatus,
              },
              limit: {
                required: false,
                type: () => Number,
                description: 'At most this many (default 500), by jurisdiction and serial.',
                minimum: 1,
                maximum: 1000,
              },
              offset: { required: false, type: () => Number, minimum: 0 },
            },
            HeartbeatDto: {
              firmwareVersion: { required: false, type: () => String, pattern: '^[\\x21-\\x7e][\\x20-\\x7e]{0,63}$' },
              uptimeSeconds: {
                required: false,
                type: () => Number,
                description: 'Seconds since the device booted; at most ten years.',
                minimum: 0,
              },
            },
            DecommissionRoadsideDeviceDto: {
              reason: {
                required: false,
                type: () => String,
                description: 'Why it is taken out of service; kept in the audit log and on a resolved offline alert.',
                maxLength: 500,
              },
            },
          },
        ],
        [
          import('../../../libs/statistics/src/dto/stats-query.dto'),
          {
            PlatformStatsQueryDto: {
              jurisdictionCode: {
                required: false,
                type: () => String,
                description: 'One jurisdiction; without it, every jurisdiction the caller may see.',
                minLength: 1,
                maxLength: 64,
              },
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
              after: {
                required: false,
                type: () => String,
                description: 'The `next` cursor of the previous page.',
                pattern: '^\\d{1,15}_\\d{1,15}$',
              },
              limit: { required: false, type: () => Number, minimum: 1, maximum: 5000 },
            },
            StatsQueryDto: {
              from: { required: true, type: () => String, description: 'First local day (YYYY-MM-DD), inclusive.' },
              to: { required: true, type: () => String, description: 'Last local day (YYYY-MM-DD), inclusive.' },
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
        [
          import('./permits/applications.controller'),
          {
            ApplicationQueryDto: {
              status: {
                required: false,
                enum: t['../../../libs/permits/src/entities/application.entity'].ApplicationStatus,
              },
            },
            ApplicationsController: {},
          },
        ],
        [
          import('./permits/permits.controller'),
          {
            PermitQueryDto: {
              status: { required: false, enum: t['../../../libs/permits/src/entities/permit.entity'].PermitStatus },
            },
            RegisterQueryDto: { jurisdictionCode: { required: false, type: () => String } },
            PermitsController: {},
          },
        ],
        [
          import('./supervision/incidents.controller'),
          {
            IncidentQueryDto: { vehicleId: { required: false, type: () => String, format: 'uuid' } },
            IncidentsController: { view: { required: true, type: () => Object } },
          },
        ],
        [import('./supervision/takeovers.controller'), { TakeoversController: {} }],
        [import('./supervision/operations.controller'), { OperationsController: {} }],
        [import('./supervision/alerts.controller'), { AlertsController: {} }],
        [import('./reporting/reports.controller'), { ReportsController: {} }],
        [import('./roadside/roadside-devices.controller'), { RoadsideDevicesController: {} }],
        [import('./supervision/webhooks.controller'), { WebhooksController: {} }],
        [import('./statistics/stats.controller'), { StatsController: {} }],
      ],
      controllers: [],
    },
  };
};

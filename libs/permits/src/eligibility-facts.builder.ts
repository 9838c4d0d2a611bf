import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import {
  type DocumentFact,
  type EligibilityFacts,
  type OperatorFact,
  type PriorPermitFact,
  type VehicleFact,
} from '@app/rules';
import { type Application } from './entities/application.entity';

interface VehicleRow {
  id: string;
  vin: string;
  category: VehicleFact['category'];
  automation_level: VehicleFact['automationLevel'];
  seats: number;
  vehicle_code: string | null;
  plate: string | null;
  configuration_fingerprint: string;
  closed_field_km: string;
  has_closed_field_report: boolean;
  autonomous_mm: string;
  autonomous_ms: string;
  recognized_km: string;
  recognized_hours: string;
  violations: number;
  at_fault: number;
  serious_at_fault: number;
}

const wholeYearsBetween = (from: string, now: Date): number => {
  const start = new Date(`${from}T00:00:00Z`);
  let years = now.getUTCFullYear() - start.getUTCFullYear();
  if (
    now.getUTCMonth() < start.getUTCMonth() ||
    (now.getUTCMonth() === start.getUTCMonth() && now.getUTCDate() < start.getUTCDate())
  )
    years -= 1;
  return years;
};

/**
 * Gathers the facts a rule pack judges an application on, from the system of record: vehicles
 * with their closed-field evidence and the autonomous km and hours telemetry counted inside the
 * requested zones, recognised mileage, prior permits, operators, documents and the enterprise.
 * Violations and at-fault accidents count the incidents reported on this platform.
 */
@Injectable()
export class EligibilityFactsBuilder {
  /** Reads through the caller's transaction, which may hold the application's row lock. */
  async build(q: EntityManager, application: Application, now = new Date()): Promise<EligibilityFacts> {
    const [enterprise] = await q.query<{ id: string; status: string; credit_code: string }[]>(
      'SELECT id, status, credit_code FROM enterprises WHERE id = $1',
      [application.enterpriseId],
    );
    const zones = await q.query<{ id: string; code: string; kind: 'AREA' | 'ROUTE' | 'CLOSED_FIELD' }[]>(
      'SELECT id, code, kind FROM zones WHERE id = ANY($1::uuid[]) ORDER BY code',
      [application.zoneIds],
    );
    // Mileage "on the requested zones": zones lying inside another requested zone are not added
    // again, so a route inside a district is not counted twice.
    const vehicles = await q.query<VehicleRow[]>(
      `WITH outer_zones AS (
         SELECT z.id FROM zones z WHERE z.id = ANY($2::uuid[])
           AND NOT EXISTS (SELECT 1 FROM zones o WHERE o.id = ANY($2::uuid[]) AND o.id <> z.id AND ST_Within(z.area, o.area))
       )
       SELECT v.id, v.vin, v.category, v.automation_level, v.seats, v.vehicle_code, v.plate, v.configuration_fingerprint,
         (SELECT coalesce(sum(km), 0) FROM closed_field_tests t WHERE t.vehicle_id = v.id AND t.passed) AS closed_field_km,
         EXISTS (SELECT 1 FROM closed_field_tests t WHERE t.vehicle_id = v.id AND t.passed) AS has_closed_field_report,
         (SELECT coalesce(sum(s.autonomous_mm), 0) FROM vehicle_zone_daily_stats s WHERE s.vehicle_id = v.id AND s.zone_id IN (SELECT id FROM outer_zones)) AS autonomous_mm,
         (SELECT coalesce(sum(s.autonomous_ms), 0) FROM vehicle_zone_daily_stats s WHERE s.vehicle_id = v.id AND s.zone_id IN (SELECT id FROM outer_zones)) AS autonomous_ms,
         (SELECT coalesce(sum(r.autonomous_km), 0) FROM mileage_recognitions r WHERE r.vehicle_id = v.id AND r.jurisdiction_code = $3) AS recognized_km,
         (SELECT coalesce(sum(r.autonomous_hours), 0) FROM mileage_recognitions r WHERE r.vehicle_id = v.id AND r.jurisdiction_code = $3) AS recognized_hours,
         (SELECT count(*)::int FROM incidents i WHERE i.vehicle_id = v.id AND i.kind = 'TRAFFIC_VIOLATION') AS violations,
         (SELECT count(*)::int FROM incidents i WHERE i.vehicle_id = v.id AND i.kind = 'COLLISION' AND i.av_at_fault = 'YES') AS at_fault,
         (SELECT count(*)::int FROM incidents i WHERE i.vehicle_id = v.id AND i.kind = 'COLLISION' AND i.av_at_fault = 'YES'
            AND (i.fatalities > 0 OR i.serious_injuries > 0 OR i.vehicle_destroyed)) AS serious_at_fault
       FROM vehicles v WHERE v.id = ANY($1::uuid[]) ORDER BY v.vin`,
      [application.vehicleIds, application.zoneIds, application.jurisdictionCode],
    );
    const priorRows = await q.query<
      (PriorPermitFact & { vehicle_id: string; jurisdiction_code: string; driverless_stage: string | null })[]
    >(
      `SELECT pv.vehicle_id, p.kind, p.jurisdiction_code, p.status, p.driverless_stage FROM permit_vehicles pv JOIN permits p ON p.id = pv.permit_id
       WHERE pv.vehicle_id = ANY($1::uuid[]) AND p.application_id <> $2`,
      [application.vehicleIds, application.id],
    );
    const [tested] = await q.query<{ within: boolean | null }[]>(
      `SELECT ST_Within(
         (SELECT ST_Union(area) FROM zones WHERE id = ANY($1::uuid[])),
         (SELECT ST_Union(z.area) FROM permits p JOIN permit_vehicles pv ON pv.permit_id = p.id JOIN zones z ON z.id = ANY(p.zone_ids)
          WHERE pv.vehicle_id = ANY($2::uuid[]) AND p.kind = 'ROAD_TEST' AND p.status <> 'REVOKED')) AS within`,
      [application.zoneIds, application.vehicleIds],
    );
    const operatorRows = await q.query<
      {
        id: string;
        first_licensed_on: string;
        no_full_score_in_last_three_cycles: boolean;
        no_drink_or_drug_driving: boolean;
        no_serious_at_fault_accident: boolean;
        no_serious_violation_last_year: boolean;
        training_certificate_ref: string | null;
        ad_training_hours: string;
        remote_qualified: boolean;
      }[]
    >(
      `SELECT id, to_char(first_licensed_on, 'YYYY-MM-DD') AS first_licensed_on, no_full_score_in_last_three_cycles, no_drink_or_drug_driving,
         no_serious_at_fault_accident, no_serious_violation_last_year, training_certificate_ref, ad_training_hours, remote_qualified
       FROM safety_operators WHERE id = ANY($1::uuid[]) AND active ORDER BY id`,
      [[...application.operatorIds, ...application.remoteOperatorIds]],
    );
    // Adding vehicles to an issued permit: the configuration they must be identical to.
    const [adding] = application.addsToPermitId
      ? await q.query<{ fingerprint: string }[]>(
          `SELECT v.configuration_fingerprint AS fingerprint FROM permit_vehicles pv JOIN vehicles v ON v.id = pv.vehicle_id
           WHERE pv.permit_id = $1 ORDER BY pv.added_at LIMIT 1`,
          [application.addsToPermitId],
        )
      : [];
    const documents = await q.query<
      {
        id: string;
        type: DocumentFact['type'];
        amount_cny: string | null;
        vehicle_id: string | null;
        valid_until: string | null;
      }[]
    >(
      `SELECT id, type, amount_cny, vehicle_id, to_char(valid_until, 'YYYY-MM-DD') AS valid_until FROM application_documents WHERE application_id = $1 ORDER BY id`,
      [application.id],
    );

    const operator = (row: (typeof operatorRows)[number]): OperatorFact => ({
      id: row.id,
      drivingYears: wholeYearsBetween(row.first_licensed_on, now),
      noFullScoreInLastThreeCycles: row.no_full_score_in_last_three_cycles,
      noDrinkOrDrugDriving: row.no_drink_or_drug_driving,
      noSeriousAtFaultAccident: row.no_serious_at_fault_accident,
      noSeriousViolationLastYear: row.no_serious_violation_last_year,
      hasTrainingCertificate: row.training_certificate_ref !== null,
      adTrainingHours: Number(row.ad_training_hours),
      remoteQualified: row.remote_qualified,
    });
    return {
      now: now.toISOString(),
      jurisdiction: application.jurisdictionCode,
      kind: application.kind,
      enterprise: { id: enterprise.id, verified: enterprise.status === 'VERIFIED', creditCode: enterprise.credit_code },
      requestedPeriod: { from: application.requestedFrom, to: application.requestedTo },
      requestedZones: zones,
      requestedWithinTestedZones: tested?.within === true,
      conditions: application.conditions,
      vehicles: vehicles.map((v) => ({
        id: v.id,
        vin: v.vin,
        category: v.category,
        automationLevel: v.automation_level,
        seats: v.seats,
        vehicleCode: v.vehicle_code,
        plate: v.plate,
        configurationFingerprint: v.configuration_fingerprint,
        closedFieldKm: Number(v.closed_field_km),
        hasClosedFieldReport: v.has_closed_field_report,
        autonomousKmInRequestedZones: Number(v.autonomous_mm) / 1_000_000,
        autonomousHoursInRequestedZones: Number(v.autonomous_ms) / 3_600_000,
        recognizedAutonomousKm: Number(v.recognized_km),
        recognizedAutonomousHours: Number(v.recognized_hours),
        // Every recorded incident of the vehicle counts: the conservative reading of "no violation
        // and no at-fault accident in that period" while the period's bounds are unconfirmed.
        trafficViolations: v.violations,
        atFaultAccidents: v.at_fault,
        seriousAtFaultAccidents: v.serious_at_fault,
        priorPermits: priorRows
          .filter((p) => p.vehicle_id === v.id)
          .map(
            (p) =>
              ({
                kind: p.kind,
                jurisdiction: p.jurisdiction_code,
                status: p.status,
                driverlessStage: p.driverless_stage ?? undefined,
              }) as PriorPermitFact,
          ),
      })),
      operators: operatorRows.filter((o) => application.operatorIds.includes(o.id)).map(operator),
      remoteOperators: operatorRows.filter((o) => application.remoteOperatorIds.includes(o.id)).map(operator),
      documents: documents.map((d) => ({
        id: d.id,
        type: d.type,
        amountCny: d.amount_cny === null ? undefined : Number(d.amount_cny),
        vehicleId: d.vehicle_id ?? undefined,
        validUntil: d.valid_until ?? undefined,
      })),
      requestedDriverlessStage: application.requestedDriverlessStage ?? undefined,
      addingToPermit: adding
        ? { permitId: application.addsToPermitId!, configurationFingerprint: adding.fingerprint }
        : undefined,
    };
  }
}

import { type PermitKind } from '@app/rules';

/**
 * The stages the Pingshan platform counts its vehicles in (SEED-PS-PLATFORM: 35 closed-field test,
 * 63 open-road test, 107 demonstration). A connected vehicle without an active permit is still at
 * the closed-field stage; a road-test notice (small unmanned vehicle plates included) puts it on
 * open roads; a pilot notice means demonstration application. The furthest stage counts.
 */
export const VEHICLE_STAGES = ['CLOSED_FIELD_TEST', 'OPEN_ROAD_TEST', 'DEMONSTRATION'] as const;
export type VehicleStage = (typeof VEHICLE_STAGES)[number];

export const STAGE_OF_PERMIT_KIND: Record<PermitKind, VehicleStage> = {
  ROAD_TEST: 'OPEN_ROAD_TEST',
  SMALL_UNMANNED_VEHICLE: 'OPEN_ROAD_TEST',
  MANNED_PILOT: 'DEMONSTRATION',
  DRIVERLESS_PILOT: 'DEMONSTRATION',
};

/** The stage of a vehicle from the kinds of its active permits. */
export function vehicleStage(activePermitKinds: readonly PermitKind[]): VehicleStage {
  let rank = 0;
  for (const kind of activePermitKinds) rank = Math.max(rank, VEHICLE_STAGES.indexOf(STAGE_OF_PERMIT_KIND[kind]));
  return VEHICLE_STAGES[rank];
}

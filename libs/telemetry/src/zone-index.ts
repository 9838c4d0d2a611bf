import bbox from '@turf/bbox';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { type MultiPolygon, type Polygon } from 'geojson';

export interface IndexedZone {
  id: string;
  jurisdictionCode: string;
  area: Polygon | MultiPolygon;
}

/**
 * Point-in-zone tests in process, against the membership areas loaded from PostGIS (the same
 * polygons SQL uses). A bounding-box check first keeps the cost to one comparison for most zones.
 */
export class ZoneIndex {
  private readonly byJurisdiction = new Map<string, { id: string; box: number[]; area: Polygon | MultiPolygon }[]>();

  constructor(zones: readonly IndexedZone[]) {
    for (const zone of zones) {
      const list = this.byJurisdiction.get(zone.jurisdictionCode) ?? [];
      list.push({ id: zone.id, box: bbox(zone.area), area: zone.area });
      this.byJurisdiction.set(zone.jurisdictionCode, list);
    }
  }

  /** Ids of the jurisdiction's zones that contain the point (boundary included). */
  zonesAt(jurisdictionCode: string, lat: number, lon: number): string[] {
    const result: string[] = [];
    for (const zone of this.byJurisdiction.get(jurisdictionCode) ?? []) {
      const [west, south, east, north] = zone.box;
      if (lon < west || lon > east || lat < south || lat > north) continue;
      if (booleanPointInPolygon([lon, lat], zone.area)) result.push(zone.id);
    }
    return result;
  }
}

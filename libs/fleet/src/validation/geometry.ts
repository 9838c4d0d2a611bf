import { problemValidator } from '@app/core';

export type ZoneGeometryType = 'Polygon' | 'MultiPolygon' | 'LineString';
const MAX_POSITIONS = 100_000;

function positionProblem(value: unknown, path: string): string | null {
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3))
    return `${path} must be [longitude, latitude]`;
  const [lon, lat] = value as unknown[];
  if (typeof lon !== 'number' || !(lon >= -180 && lon <= 180))
    return `${path} longitude must be a number in [-180, 180]`;
  if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) return `${path} latitude must be a number in [-90, 90]`;
  return null;
}

function lineProblem(value: unknown, path: string, minimum: number): string | null {
  if (!Array.isArray(value) || value.length < minimum) return `${path} must hold at least ${minimum} positions`;
  for (let i = 0; i < value.length; i += 1) {
    const problem = positionProblem(value[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

function polygonProblem(value: unknown, path: string): string | null {
  if (!Array.isArray(value) || value.length === 0) return `${path} must hold at least one linear ring`;
  for (let r = 0; r < value.length; r += 1) {
    const ring = value[r] as unknown[];
    const problem = lineProblem(ring, `${path}[${r}]`, 4);
    if (problem) return problem;
    const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]];
    if (first[0] !== last[0] || first[1] !== last[1]) return `${path}[${r}] ring must end where it starts`;
  }
  return null;
}

/**
 * Why a zone geometry is not well-formed GeoJSON (RFC 7946), or null: the right nesting for its
 * type, positions in range, closed rings of at least four positions, lines of at least two.
 */
export function zoneGeometryProblem(geometry: unknown): string | null {
  if (typeof geometry !== 'object' || geometry === null) return 'geometry must be a GeoJSON object';
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (JSON.stringify(coordinates ?? null).length > MAX_POSITIONS * 40)
    return `geometry has more than ${MAX_POSITIONS} positions`;
  switch (type) {
    case 'LineString':
      return lineProblem(coordinates, 'geometry.coordinates', 2);
    case 'Polygon':
      return polygonProblem(coordinates, 'geometry.coordinates');
    case 'MultiPolygon': {
      if (!Array.isArray(coordinates) || coordinates.length === 0)
        return 'geometry.coordinates must hold at least one polygon';
      for (let p = 0; p < coordinates.length; p += 1) {
        const problem = polygonProblem(coordinates[p], `geometry.coordinates[${p}]`);
        if (problem) return problem;
      }
      return null;
    }
    default:
      return 'geometry.type must be Polygon, MultiPolygon or LineString';
  }
}

export const IsZoneGeometry = problemValidator('isZoneGeometry', zoneGeometryProblem);

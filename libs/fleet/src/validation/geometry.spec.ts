import { zoneGeometryProblem } from './geometry';

const square = [
  [
    [114.34, 22.69],
    [114.37, 22.69],
    [114.37, 22.71],
    [114.34, 22.71],
    [114.34, 22.69],
  ],
];

describe('zoneGeometryProblem', () => {
  it('accepts polygons, multipolygons and lines', () => {
    expect(zoneGeometryProblem({ type: 'Polygon', coordinates: square })).toBeNull();
    expect(zoneGeometryProblem({ type: 'MultiPolygon', coordinates: [square, square] })).toBeNull();
    expect(
      zoneGeometryProblem({
        type: 'LineString',
        coordinates: [
          [114.3, 22.7],
          [114.4, 22.7],
        ],
      }),
    ).toBeNull();
  });

  it('names the first malformed part', () => {
    expect(zoneGeometryProblem({ type: 'Polygon', coordinates: [[1, 2]] })).toBe(
      'geometry.coordinates[0] must hold at least 4 positions',
    );
    expect(zoneGeometryProblem({ type: 'Polygon', coordinates: [1, 2] })).toBe(
      'geometry.coordinates[0] must hold at least 4 positions',
    );
    const open = [
      [
        [114.34, 22.69],
        [114.37, 22.69],
        [114.37, 22.71],
        [114.34, 22.71],
      ],
    ];
    expect(zoneGeometryProblem({ type: 'Polygon', coordinates: open })).toBe(
      'geometry.coordinates[0] ring must end where it starts',
    );
    const farEast = [
      [
        [500, 22.69],
        [114.37, 22.69],
        [114.37, 22.71],
        [500, 22.69],
      ],
    ];
    expect(zoneGeometryProblem({ type: 'Polygon', coordinates: farEast })).toBe(
      'geometry.coordinates[0][0] longitude must be a number in [-180, 180]',
    );
    expect(zoneGeometryProblem({ type: 'LineString', coordinates: [[114.3, 22.7]] })).toBe(
      'geometry.coordinates must hold at least 2 positions',
    );
    expect(zoneGeometryProblem({ type: 'Point', coordinates: [114.3, 22.7] })).toBe(
      'geometry.type must be Polygon, MultiPolygon or LineString',
    );
    expect(zoneGeometryProblem({ type: 'MultiPolygon', coordinates: [square, [['x']]] })).toBe(
      'geometry.coordinates[1][0] must hold at least 4 positions',
    );
  });
});

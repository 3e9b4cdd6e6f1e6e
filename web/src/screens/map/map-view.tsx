import { useEffect, useRef, useState, type ReactNode } from 'react';

import type { Map as LeafletMap } from 'leaflet';

import { L } from './leaflet-setup';
import { MapContext } from './map-context';

/** Nanjing's centre: where the map opens before a base map fits it. */
const START: [number, number] = [32.0, 118.85];
const START_ZOOM = 9;

/**
 * Creates the one Leaflet map and hands it to its children, the layers. Layers add and remove
 * their own Leaflet layers; this component never redraws the map.
 */
export function MapView({ children }: { children: ReactNode }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<LeafletMap | null>(null);

  useEffect(() => {
    if (!containerRef.current) return;

    const created = L.map(containerRef.current, {
      center: START,
      zoom: START_ZOOM,
      minZoom: 6,
      maxZoom: 18,
      preferCanvas: true,
      zoomSnap: 0.25,
    });
    setMap(created);
    return () => {
      created.remove();
      setMap(null);
    };
  }, []);

  return (
    <div className="map-container" ref={containerRef} data-testid="map">
      {map && <MapContext.Provider value={map}>{children}</MapContext.Provider>}
    </div>
  );
}

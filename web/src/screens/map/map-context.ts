import { createContext, useContext } from 'react';

import type { Map as LeafletMap } from 'leaflet';

/** The console's single Leaflet map, for the layer components inside MapView. */
export const MapContext = createContext<LeafletMap | null>(null);

export function useLeafletMap(): LeafletMap {
  const map = useContext(MapContext);
  if (!map) throw new Error('a map layer was rendered outside MapView');
  return map;
}

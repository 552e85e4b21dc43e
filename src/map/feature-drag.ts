import type * as maplibregl from 'maplibre-gl';

/**
 * Lets the user drag point features of one layer with mouse or finger. While dragging, the map
 * does not pan; `onMove` gets every position, `onDrop` the last. Returns a function that stops it.
 */
export function enableFeatureDrag(
  map: maplibregl.Map,
  layerId: string,
  handlers: {
    canDrag(feature: maplibregl.MapGeoJSONFeature): boolean;
    onMove(feature: maplibregl.MapGeoJSONFeature, lngLat: [number, number]): void;
    onDrop(feature: maplibregl.MapGeoJSONFeature, lngLat: [number, number]): void;
  },
): () => void {
  let dragging: { feature: maplibregl.MapGeoJSONFeature; last: [number, number]; moved: boolean } | null = null;

  const move = (e: maplibregl.MapMouseEvent | maplibregl.MapTouchEvent) => {
    if (!dragging) return;
    dragging.last = [e.lngLat.lng, e.lngLat.lat];
    dragging.moved = true;
    handlers.onMove(dragging.feature, dragging.last);
  };
  const end = () => {
    if (!dragging) return;
    const { feature, last, moved } = dragging;
    dragging = null;
    map.dragPan.enable();
    map.getCanvas().style.cursor = '';
    map.off('mousemove', move);
    map.off('touchmove', move);
    if (moved) handlers.onDrop(feature, last);
  };
  const start = (e: maplibregl.MapLayerMouseEvent | maplibregl.MapLayerTouchEvent) => {
    const feature = e.features?.[0];
    if (!feature || !handlers.canDrag(feature)) return;
    if ('points' in e && e.points.length !== 1) return;
    e.preventDefault();
    map.dragPan.disable();
    map.getCanvas().style.cursor = 'grabbing';
    dragging = { feature, last: [e.lngLat.lng, e.lngLat.lat], moved: false };
    map.on('mousemove', move);
    map.on('touchmove', move);
    map.once('mouseup', end);
    map.once('touchend', end);
  };
  map.on('mousedown', layerId, start);
  map.on('touchstart', layerId, start);
  return () => {
    map.off('mousedown', layerId, start);
    map.off('touchstart', layerId, start);
    end();
  };
}

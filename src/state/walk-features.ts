import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { isOverdue } from '../domain/walks/status';
import type { Finding, Walk } from '../domain/walks/types';

/** Walk routes as lines for the map (walks without a route are left out). */
export function routeFeatures(walks: Walk[]): FeatureCollection<LineString> {
  return {
    type: 'FeatureCollection',
    features: walks.filter((w) => w.route && w.route.length > 1).map((w): Feature<LineString> => ({
      type: 'Feature', id: w.id, properties: { id: w.id, example: w.example === true },
      geometry: { type: 'LineString', coordinates: w.route! },
    })),
  };
}

/**
 * Findings as points for the map, with what the style needs: status, overdue, movable (the
 * viewer may drag it: decided by the caller, the map only reads the property).
 */
export function findingFeatures(findings: Finding[], today: string, movable: (finding: Finding) => boolean = () => true): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: findings.map((f): Feature<Point> => ({
      type: 'Feature', id: f.id,
      properties: { id: f.id, status: f.status, category: f.category, overdue: isOverdue(f, today), movable: movable(f), example: f.example === true },
      geometry: { type: 'Point', coordinates: f.position },
    })),
  };
}

import { describe, expect, it } from 'vitest';
import type { WalkData } from '../domain/walks/types';
import { aFinding, aWalk, TINY_PNG, withHistory } from '../domain/walks/walk-fixtures';
import { open311Format, toOpen311 } from './open311';

const decided = withHistory(aFinding({ photo: TINY_PNG, deadline: '2021-05-01', responsible: { kind: 'fastighetsagare', name: 'Svenska Bostäder' } }), ['beslutad']);
decided.history[1]!.note = 'Byts i april';
const data: WalkData = {
  walks: [aWalk()],
  findings: [decided, withHistory(aFinding({ id: 'finding-2', category: 'klotter', responsible: { kind: 'sdf' } }), ['avslutad'])],
};

describe('Open311 GeoReport v2', () => {
  it('writes one service request per finding with the GeoReport fields', () => {
    const [open, closed] = toOpen311(data);
    expect(open).toStrictEqual({
      service_request_id: 'finding-1',
      status: 'open',
      status_notes: 'beslutad: Byts i april',
      service_name: 'belysning',
      service_code: 'belysning',
      description: 'Trasig lampa i gångtunneln',
      agency_responsible: 'Svenska Bostäder',
      requested_datetime: '2021-03-04T18:30:00.000Z',
      updated_datetime: '2021-03-05T18:30:00.000Z',
      expected_datetime: '2021-05-01T23:59:59+02:00',
      lat: 59.3945,
      long: 17.9015,
    });
    expect(closed).toMatchObject({ status: 'closed', status_notes: 'avslutad', agency_responsible: 'sdf', service_code: 'klotter' });
    expect(closed).not.toHaveProperty('expected_datetime');
  });

  it('gives the time the finding was observed, not when it was typed in, and coordinates to about a metre', () => {
    const typedLater = { ...aFinding({ position: [17.9015123456789, 59.3944987654321] }), createdAt: '2021-03-09T08:00:00.000Z' };
    const [request] = toOpen311({ walks: [], findings: [typedLater] });
    expect(request!.requested_datetime).toBe(typedLater.history[0]!.at);
    expect(request!.requested_datetime).not.toBe(typedLater.createdAt);
    expect(request).toMatchObject({ long: 17.90151, lat: 59.3945 });
  });

  it('never writes a data: URL as media_url, nor an address', () => {
    const text = open311Format.export(data);
    expect(text).not.toContain('data:image');
    expect(text).not.toContain('media_url');
    expect(text).not.toContain('address');
  });

  it('exports a JSON array, walks left out, labels from the context', () => {
    const parsed = JSON.parse(open311Format.export(data, { label: (k, v) => (k === 'category' ? `K:${v}` : undefined) }));
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed).toHaveLength(2);
    expect(parsed[1].service_name).toBe('K:klotter');
    expect(parsed[1].service_code).toBe('klotter');
  });
});

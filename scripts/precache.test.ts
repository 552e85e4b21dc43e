import { describe, expect, it } from 'vitest';
import { isPrecached } from './precache';

describe('isPrecached', () => {
  it('keeps the app, its assets and data', () => {
    for (const f of ['index.html', 'assets/index-abc.js', 'data/areas.json', 'icons/icon-192.png', 'manifest.webmanifest']) expect(isPrecached(f)).toBe(true);
  });

  it('leaves out source maps and the worker itself', () => {
    expect(isPrecached('assets/index-abc.js.map')).toBe(false);
    expect(isPrecached('sw.js')).toBe(false);
  });

  it('leaves out street tiles (saved per area on request) but keeps their tiles.json', () => {
    expect(isPrecached('streets/14/9014/4766.pbf')).toBe(false);
    expect(isPrecached('streets\\13\\4507\\2383.pbf')).toBe(false);
    expect(isPrecached('streets/tiles.json')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { basemapFromEnv, basemapHeadTags, contentSecurityPolicy, pageWithBasemap, parseBasemapMeta } from './basemap';

describe('basemap configuration', () => {
  it('is absent when nothing is set, off with "none"', () => {
    expect(basemapFromEnv({})).toBeUndefined();
    expect(basemapFromEnv({ OMR_BASEMAP_STYLE: '  ' })).toBeUndefined();
    expect(basemapFromEnv({ OMR_BASEMAP_STYLE: 'none' })).toBeNull();
  });

  it('takes a style URL and admits its origin and the extra ones', () => {
    expect(basemapFromEnv({ OMR_BASEMAP_STYLE: 'https://tiles.openfreemap.org/styles/liberty' })).toEqual({
      kind: 'style', url: 'https://tiles.openfreemap.org/styles/liberty', origins: ['https://tiles.openfreemap.org'],
    });
    expect(basemapFromEnv({ OMR_BASEMAP_STYLE: 'https://a.example/s.json', OMR_BASEMAP_ORIGINS: 'https://b.example, https://c.example:8443/' })?.origins)
      .toEqual(['https://a.example', 'https://b.example', 'https://c.example:8443']);
  });

  it('takes a raster template with its attribution', () => {
    expect(basemapFromEnv({ OMR_BASEMAP_RASTER: 'https://t.example/{z}/{x}/{y}.png', OMR_BASEMAP_ATTRIBUTION: '© Lantmäteriet', OMR_BASEMAP_MAXZOOM: '15' })).toEqual({
      kind: 'raster', tiles: 'https://t.example/{z}/{x}/{y}.png', attribution: '© Lantmäteriet', maxzoom: 15, origins: ['https://t.example'],
    });
  });

  it('refuses what it cannot use, naming the setting', () => {
    expect(() => basemapFromEnv({ OMR_BASEMAP_STYLE: 'http://tiles.example/style' })).toThrow(/OMR_BASEMAP_STYLE must be an https URL/);
    expect(() => basemapFromEnv({ OMR_BASEMAP_STYLE: 'styles/liberty' })).toThrow(/absolute URL/);
    expect(() => basemapFromEnv({ OMR_BASEMAP_RASTER: 'https://t.example/{z}/{x}/{y}.png' })).toThrow(/needs OMR_BASEMAP_ATTRIBUTION/);
    expect(() => basemapFromEnv({ OMR_BASEMAP_RASTER: 'https://t.example/tile.png', OMR_BASEMAP_ATTRIBUTION: 'x' })).toThrow(/\{z\}, \{x\} and \{y\}/);
    expect(() => basemapFromEnv({ OMR_BASEMAP_STYLE: 'https://a.example/s', OMR_BASEMAP_RASTER: 'https://t.example/{z}/{x}/{y}.png' })).toThrow(/not both/);
    expect(() => basemapFromEnv({ OMR_BASEMAP_STYLE: 'https://a.example/s', OMR_BASEMAP_ORIGINS: 'https://b.example/path' })).toThrow(/takes origins/);
    expect(() => basemapFromEnv({ OMR_BASEMAP_ATTRIBUTION: 'x' })).toThrow(/need OMR_BASEMAP_STYLE or OMR_BASEMAP_RASTER/);
    // http is fine for this machine (development, tests).
    expect(basemapFromEnv({ OMR_BASEMAP_STYLE: 'http://localhost:9000/style.json' })?.origins).toEqual(['http://localhost:9000']);
  });
});

describe('content security policy', () => {
  it('without a basemap names no other origin: the policy of before, to the letter', () => {
    const policy = contentSecurityPolicy(null);
    expect(policy).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'");
    expect(policy).not.toMatch(/https?:/);
    expect(policy).toContain("connect-src 'self';");
    expect(policy).toBe(contentSecurityPolicy(undefined));
  });

  it('with one adds exactly its origins to fetches and images, nothing to scripts', () => {
    const policy = contentSecurityPolicy(basemapFromEnv({ OMR_BASEMAP_STYLE: 'https://tiles.example.test/style.json' }));
    expect(policy).toContain("connect-src 'self' https://tiles.example.test;");
    expect(policy).toContain("img-src 'self' data: blob: https://tiles.example.test;");
    expect(policy.match(/https:\/\//g)).toHaveLength(2);
    expect(policy).toContain("script-src 'self';");
  });
});

describe('the page', () => {
  const built = '<html><head>\n    <meta http-equiv="Content-Security-Policy" content="default-src \'self\'" />\n<title>x</title></head></html>';

  it('gets the policy and basemap of the configuration, replacing the built ones', () => {
    const basemap = basemapFromEnv({ OMR_BASEMAP_RASTER: 'https://t.example/{z}/{x}/{y}.png', OMR_BASEMAP_ATTRIBUTION: '© "Lantmäteriet" <CC BY>' })!;
    const page = pageWithBasemap(built, basemap);
    expect(page.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(page).toContain("connect-src 'self' https://t.example;");
    const content = /<meta name="omr-basemap" content="([^"]*)"/.exec(page)![1]!;
    const unescaped = content.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(parseBasemapMeta(unescaped)).toEqual(basemap);
    // Switched off again: the basemap meta goes, the policy is the strict one.
    const off = pageWithBasemap(page, null);
    expect(off).not.toContain('omr-basemap');
    expect(off).toContain(basemapHeadTags(null));
    expect(off).not.toMatch(/https?:\/\//);
  });

  it('a broken meta means no basemap', () => {
    expect(parseBasemapMeta('{')).toBeNull();
    expect(parseBasemapMeta('{"kind":"style"}')).toBeNull();
    expect(parseBasemapMeta(null)).toBeNull();
  });
});

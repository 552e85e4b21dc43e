import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { isPrecached } from './scripts/precache';
import { basemapFromEnv, contentSecurityPolicy, pageWithBasemap } from './src/domain/basemap';

/**
 * The online basemap of this build, if any (OMR_BASEMAP_STYLE or OMR_BASEMAP_RASTER, see
 * src/domain/basemap.ts), and what the built app may load: its own origin only (no inline scripts,
 * no remote origins) plus exactly the basemap's origins. Set as a <meta> in the built page and as a
 * header by `vite preview`; the server may replace both at start from its own environment.
 */
const BASEMAP = basemapFromEnv(process.env);
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy(BASEMAP);

/** Puts the Content-Security-Policy and the basemap into the built index.html (not in dev, where Vite injects inline code). */
function cspPlugin(): Plugin {
  return {
    name: 'omradeskartan-csp',
    apply: 'build',
    transformIndexHtml: (html) => pageWithBasemap(html, BASEMAP),
  };
}

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path).map((p) => join(name, p)) : [name];
  });
}

/**
 * Writes dist/sw.js: the service worker of scripts/service-worker.js with the list of files to
 * cache for offline use (everything built, data included, except source maps and street tiles:
 * scripts/precache.ts) and a version that changes whenever any of them does.
 */
function offlinePlugin(): Plugin {
  let dist = 'dist';
  return {
    name: 'omradeskartan-offline',
    apply: 'build',
    configResolved(config) {
      dist = isAbsolute(config.build.outDir) ? config.build.outDir : resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const files = filesUnder(dist).filter(isPrecached).sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update(readFileSync(join(dist, f)));
      const precache = ['./', ...files.map((f) => `./${f.split('\\').join('/')}`)];
      const body = readFileSync('scripts/service-worker.js', 'utf8');
      writeFileSync(join(dist, 'sw.js'), `const VERSION = '${hash.digest('hex').slice(0, 16)}';\nconst PRECACHE = ${JSON.stringify(precache)};\n${body}`);
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [react(), cspPlugin(), offlinePlugin()],
  // Every schema module gets zod through src/zod-config.ts: configured without eval (see there).
  resolve: { alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/zod-config.ts', import.meta.url)) }] },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
});

// zod compiles fast parsers with `new Function` when schemas are created; the app's
// Content-Security-Policy forbids eval. The app's build resolves every `import … from 'zod'` to
// this module (vite.config.ts), so zod is configured before any schema module runs, in whatever
// chunk the bundler puts it. The server (Node, no such policy) imports zod itself.
import { z } from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';

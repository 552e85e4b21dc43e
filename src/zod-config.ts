import { z } from 'zod';

// zod compiles fast parsers with `new Function` when schemas are created; the app's
// Content-Security-Policy forbids eval. This module is imported first in main.tsx, before any
// schema module, because the choice is read when a schema is built.
z.config({ jitless: true });

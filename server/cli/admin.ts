/**
 * `npm run admin -- add EMAIL`: creates an invitation for an administrator and prints its link,
 * which the person opens to choose a name and password. For the first administrator, and later
 * ones. `npm run admin -- open311-key NAME`: creates an Open311 client and prints its api_key
 * once. With the embedded database, stop the server first (the folder is locked while it runs).
 */

import { createInvitation } from '../auth/invitations';
import { openMigratedDatabase, type Environment } from '../bootstrap';
import { createOpen311Client } from '../open311/clients';

const [command, arg = ''] = process.argv.slice(2);
const isKey = command === 'open311-key' && arg.trim() !== '';
if (!isKey && (command !== 'add' || !/^[^@\s]+@[^@\s]+$/.test(arg))) {
  console.error('usage: npm run admin -- add EMAIL\n       npm run admin -- open311-key NAME');
  process.exit(2);
}
const env = process.env as Environment;
try {
  const db = await openMigratedDatabase(env);
  if (isKey) {
    const { key } = await createOpen311Client(db.pool, arg);
    await db.close();
    console.log(`Open311 api_key for ${arg.trim()} (shown only now; only its hash is stored):\n${key}`);
  } else {
    const email = arg;
    const { token, expiresAt } = await createInvitation(db.pool, { email, role: 'admin', organisationId: null, districtIds: [] }, null);
    await db.close();
    const base = process.env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 4173}`;
    console.log(`Invitation for administrator ${email} (valid until ${expiresAt}, usable once):\n${base}/?invite=${token}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

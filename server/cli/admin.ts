/**
 * `npm run admin -- add EMAIL`: creates an invitation for an administrator and prints its link,
 * which the person opens to choose a name and password. For the first administrator, and later
 * ones. With the embedded database, stop the server first (the folder is locked while it runs).
 */

import { createInvitation } from '../auth/invitations';
import { openMigratedDatabase, type Environment } from '../bootstrap';

const [command, email] = process.argv.slice(2);
if (command !== 'add' || !email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
  console.error('usage: npm run admin -- add EMAIL');
  process.exit(2);
}
const env = process.env as Environment;
try {
  const db = await openMigratedDatabase(env);
  const { token, expiresAt } = await createInvitation(db.pool, { email, role: 'admin', organisationId: null, districtIds: [] }, null);
  await db.close();
  const base = process.env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 4173}`;
  console.log(`Invitation for administrator ${email} (valid until ${expiresAt}, usable once):\n${base}/?invite=${token}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

/** Administration (the city): organisations, invitations, accounts. Every route checks the admin role. */

import { Hono } from 'hono';
import { accountPatchSchema, invitationInputSchema, organisationInputSchema } from '../../src/domain/account-schema';
import { canAdminister } from '../../src/domain/accounts';
import { findAccount, findOrganisation, insertOrganisation, listAccounts, toAccount } from '../auth/accounts';
import { createInvitation } from '../auth/invitations';
import { deleteAccountSessions } from '../auth/sessions';
import type { AppEnv, Deps } from '../context';
import type { Queryable } from '../db/database';
import { inTransaction } from '../db/database';
import { parseStrict, readJson } from '../http/body';
import { HttpProblem, invalid } from '../http/problem';
import { requireAccount } from './guards';

async function checkScope(db: Queryable, deps: Deps, role: string, organisationId: string | null, districtIds: string[]): Promise<void> {
  const unknown = districtIds.filter((d) => !deps.areas.districtIds.has(d));
  if (unknown.length > 0) throw invalid([{ field: 'districtIds', message: `unknown districts: ${unknown.join(', ')}` }]);
  if (organisationId !== null && !(await findOrganisation(db, organisationId))) throw invalid([{ field: 'organisationId', message: 'no such organisation' }]);
  if (role === 'responsible' && organisationId === null) throw invalid([{ field: 'organisationId', message: 'a responsible party\'s account needs its organisation' }]);
  if (role === 'member' && districtIds.length === 0) throw invalid([{ field: 'districtIds', message: 'a council member belongs to at least one district\'s council' }]);
}

export function adminRoutes(deps: Deps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('*', async (c, next) => {
    if (!canAdminister(requireAccount(c))) throw new HttpProblem('forbidden', 'only administrators may do this');
    await next();
  });

  routes.get('/accounts', async (c) => c.json(await listAccounts(deps.db.pool)));

  routes.post('/organisations', async (c) => {
    const body = parseStrict(organisationInputSchema, await readJson(c));
    const exists = await deps.db.pool.query('select 1 from organisation where name = $1', [body.name]);
    if (exists.rowCount) throw invalid([{ field: 'name', message: 'an organisation with this name exists' }]);
    return c.json(await insertOrganisation(deps.db.pool, body.name, body.kind), 201);
  });

  routes.post('/invitations', async (c) => {
    const body = parseStrict(invitationInputSchema, await readJson(c));
    await checkScope(deps.db.pool, deps, body.role, body.organisationId, body.districtIds);
    const { token, expiresAt } = await createInvitation(deps.db.pool, body, requireAccount(c).account.id);
    return c.json({ token, url: `/?invite=${token}`, expiresAt }, 201);
  });

  routes.patch('/accounts/:id', async (c) => {
    const body = parseStrict(accountPatchSchema, await readJson(c));
    const id = c.req.param('id');
    if (id === requireAccount(c).account.id && (body.disabled === true || (body.role !== undefined && body.role !== 'admin'))) {
      throw invalid([{ field: body.disabled ? 'disabled' : 'role', message: 'you cannot disable your own account or take away your own administration' }]);
    }
    const updated = await inTransaction(deps.db.pool, async (tx) => {
      const current = await findAccount(tx, id);
      if (!current) throw new HttpProblem('not-found', 'no such account');
      const next = { ...current, ...body };
      await checkScope(tx, deps, next.role, next.organisationId, next.districtIds);
      const { rows } = await tx.query(
        `update account set role = $2, organisation_id = $3, district_ids = $4, disabled = $5 where id = $1
         returning id, email, name, role, organisation_id, district_ids, disabled, password_hash`,
        [id, next.role, next.organisationId, next.districtIds, next.disabled]);
      if (next.disabled) await deleteAccountSessions(tx, id);
      return toAccount(rows[0]);
    });
    return c.json(updated);
  });

  return routes;
}

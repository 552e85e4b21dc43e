import { beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../src/domain/accounts';
import { LOGIN_FAILURES_PER_EMAIL } from '../auth/rate-limit';
import { Client, PASSWORD, freshServer, loggedIn, makeAccount, type TestServer } from './harness';

let server: TestServer;

beforeEach(async () => {
  server = await freshServer();
  await makeAccount(server, 'admin@stad.se', 'admin');
});

describe('login and sessions', () => {
  it('logs in with email and password, sets an HttpOnly SameSite cookie, and gives the same answer for a wrong email or password', async () => {
    const client = new Client(server.app);
    await client.session();
    const response = await client.request('POST', '/api/session', { email: ' Admin@Stad.se ', password: PASSWORD });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('omr_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const body = await response.json() as { account: Account };
    expect(body.account).toMatchObject({ email: 'admin@stad.se', role: 'admin' });
    expect(JSON.stringify(body)).not.toMatch(/scrypt|password/i);

    const other = new Client(server.app);
    await other.session();
    const wrongPassword = await other.json<{ detail: string }>('POST', '/api/session', { email: 'admin@stad.se', password: 'fel-lösenord-1' });
    const unknownEmail = await other.json<{ detail: string }>('POST', '/api/session', { email: 'ingen@stad.se', password: 'fel-lösenord-1' });
    expect(wrongPassword).toEqual(unknownEmail);
    expect(wrongPassword.status).toBe(401);
  });

  it('marks the cookie Secure when served over HTTPS', async () => {
    const response = await server.app.request('https://omr.test/api/session');
    expect(response.headers.getSetCookie().join()).toMatch(/Secure/);
  });

  it('limits failed logins per email', async () => {
    const client = new Client(server.app);
    await client.session();
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL; i++) {
      expect((await client.request('POST', '/api/session', { email: 'admin@stad.se', password: `gissning-${i}` })).status).toBe(401);
    }
    const limited = await client.request('POST', '/api/session', { email: 'admin@stad.se', password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses writes without the CSRF token or from another origin', async () => {
    const admin = await loggedIn(server, 'admin@stad.se');
    const organisation = { name: 'Trafikkontoret', kind: 'trafikkontoret' };
    expect((await admin.request('POST', '/api/admin/organisations', organisation, { 'x-csrf-token': 'fel' })).status).toBe(403);
    expect((await admin.request('POST', '/api/admin/organisations', organisation, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await admin.request('POST', '/api/admin/organisations', organisation)).status).toBe(201);
    // The public's own writes need the token from its cookie too.
    const anon = new Client(server.app);
    expect((await anon.request('POST', '/api/session', { email: 'admin@stad.se', password: PASSWORD })).status).toBe(403);
  });

  it('signs out one session, or every session of the account', async () => {
    const phone = await loggedIn(server, 'admin@stad.se');
    const laptop = await loggedIn(server, 'admin@stad.se');
    const tablet = await loggedIn(server, 'admin@stad.se');
    expect((await phone.request('DELETE', '/api/session')).status).toBe(204);
    expect((await phone.json<{ account: null }>('GET', '/api/session')).body.account).toBeNull();
    expect((await laptop.json<{ account: Account }>('GET', '/api/session')).body.account).not.toBeNull();
    expect((await laptop.request('DELETE', '/api/sessions')).status).toBe(204);
    expect((await tablet.json<{ account: null }>('GET', '/api/session')).body.account).toBeNull();
  });

  it('ends sessions when they expire or the account is disabled', async () => {
    const admin = await loggedIn(server, 'admin@stad.se');
    const member = await makeAccount(server, 'medlem@hv.se', 'member', { districtIds: ['hasselby-vallingby'] });
    const memberClient = await loggedIn(server, 'medlem@hv.se');
    expect((await admin.json('PATCH', `/api/admin/accounts/${member.id}`, { disabled: true })).status).toBe(200);
    expect((await memberClient.json<{ account: null }>('GET', '/api/session')).body.account).toBeNull();
    expect(await new Client(server.app).login('medlem@hv.se', PASSWORD)).toBe(401);
    await server.db.pool.query("update session set expires_at = now() - interval '1 minute'");
    expect((await admin.json<{ account: null }>('GET', '/api/session')).body.account).toBeNull();
  });
});

describe('administration', () => {
  it('does not let an administrator shut themselves out', async () => {
    const admin = await loggedIn(server, 'admin@stad.se');
    const self = (await admin.session()).account!;
    const refused = await admin.json<{ errors: { field: string }[] }>('PATCH', `/api/admin/accounts/${self.id}`, { disabled: true });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]!.field).toBe('disabled');
    expect((await admin.json('PATCH', `/api/admin/accounts/${self.id}`, { role: 'member', districtIds: ['bromma'] })).status).toBe(400);
  });
});

describe('invitations', () => {
  it('creates an account from a one-time link, with the role and districts the administrator chose', async () => {
    const admin = await loggedIn(server, 'admin@stad.se');
    const invite = await admin.json<{ token: string; url: string }>('POST', '/api/admin/invitations', { email: 'Ny@HV.se', role: 'member', districtIds: ['hasselby-vallingby'] });
    expect(invite.status).toBe(201);
    expect(invite.body.url).toBe(`/?invite=${invite.body.token}`);
    const guest = new Client(server.app);
    await guest.session();
    expect((await guest.json('GET', `/api/invitations/${invite.body.token}`)).body).toMatchObject({ email: 'ny@hv.se', role: 'member' });
    const short = await guest.json<{ errors: { field: string }[] }>('POST', `/api/invitations/${invite.body.token}`, { name: 'Ny Medlem', password: 'kort' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0]!.field).toBe('password');
    const accepted = await guest.json<{ account: Account }>('POST', `/api/invitations/${invite.body.token}`, { name: 'Ny Medlem', password: 'ett-långt-lösenord' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.account).toMatchObject({ email: 'ny@hv.se', name: 'Ny Medlem', role: 'member', districtIds: ['hasselby-vallingby'] });
    expect((await guest.json<{ account: Account }>('GET', '/api/session')).body.account.email).toBe('ny@hv.se');
    // Once only.
    const again = new Client(server.app);
    await again.session();
    expect((await again.request('POST', `/api/invitations/${invite.body.token}`, { name: 'X', password: 'ett-långt-lösenord' })).status).toBe(404);
  });

  it('refuses an invitation with an unknown district or a responsible party without organisation', async () => {
    const admin = await loggedIn(server, 'admin@stad.se');
    const district = await admin.json<{ errors: { field: string }[] }>('POST', '/api/admin/invitations', { email: 'a@b.se', role: 'member', districtIds: ['atlantis'] });
    expect(district.status).toBe(400);
    expect(district.body.errors[0]!.field).toBe('districtIds');
    const party = await admin.json<{ errors: { field: string }[] }>('POST', '/api/admin/invitations', { email: 'a@b.se', role: 'responsible' });
    expect(party.body.errors[0]!.field).toBe('organisationId');
  });
});

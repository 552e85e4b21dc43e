/** Accounts for browser tests against the app's server: made by invitation through the API, logged in as API contexts. */

import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { post } from './walk-steps';
import { TEST_ADMIN, serverUrl } from './test-server';

export const MEMBER_PASSWORD = 'medlem-lösenord-1';

export interface TestAccount {
  email: string;
  name: string;
  /** An API context logged in as the account (dispose it at the end). */
  api: APIRequestContext;
}

/** An API context logged in as the bootstrap administrator. */
export async function adminApi(): Promise<APIRequestContext> {
  const admin = await playwrightRequest.newContext({ baseURL: serverUrl() });
  await post(admin, '/api/session', TEST_ADMIN);
  return admin;
}

/**
 * A new council member of the given districts (default Hässelby-Vällingby), invited by the
 * administrator and logged in. The email address is unique, as the server may hold other tests' accounts.
 */
export async function newMember(name: string, districtIds: string[] = ['hasselby-vallingby']): Promise<TestAccount> {
  const admin = await adminApi();
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}@example.se`;
  const { token } = await post<{ token: string }>(admin, '/api/admin/invitations', { email, role: 'member', organisationId: null, districtIds });
  await admin.dispose();
  const api = await playwrightRequest.newContext({ baseURL: serverUrl() });
  await post(api, `/api/invitations/${token}`, { name, password: MEMBER_PASSWORD });
  return { email, name, api };
}

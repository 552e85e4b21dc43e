/**
 * Administration through the server (administrators only; the server checks it): organisations,
 * invitations and accounts. Plain functions over the API client of server-actions.ts.
 */

import type { Account, Organisation, Role } from '../domain/accounts';
import type { ResponsibleKind } from '../domain/walks/types';
import { ApiError } from '../storage/api-client';
import { apiClient } from './server-actions';

export type AdminResult<T> = { ok: true; value: T } | { ok: false; message: string; fields: { field: string; message: string }[] };

async function call<T>(method: string, path: string, body?: unknown): Promise<AdminResult<T>> {
  const api = apiClient();
  if (!api) return { ok: false, message: 'no server', fields: [] };
  try {
    return { ok: true, value: await api.request<T>(method, path, body === undefined ? {} : { body }) };
  } catch (error) {
    if (error instanceof ApiError) {
      const problem = error.problem as { detail?: string; errors?: { field: string; message: string }[] };
      return { ok: false, message: problem.detail ?? error.message, fields: problem.errors ?? [] };
    }
    return { ok: false, message: error instanceof Error ? error.message : String(error), fields: [] };
  }
}

export const listAccounts = () => call<Account[]>('GET', 'admin/accounts');
export const listOrganisations = () => call<Organisation[]>('GET', 'organisations');
export const createOrganisation = (name: string, kind: ResponsibleKind) => call<Organisation>('POST', 'admin/organisations', { name, kind });

export interface InvitationInput {
  email: string;
  role: Role;
  organisationId: string | null;
  districtIds: string[];
}

/** Resolves with the absolute link to pass on. */
export async function invite(input: InvitationInput): Promise<AdminResult<{ link: string; expiresAt: string }>> {
  const result = await call<{ url: string; expiresAt: string }>('POST', 'admin/invitations', input);
  if (!result.ok) return result;
  return { ok: true, value: { link: new URL(result.value.url, document.baseURI).toString(), expiresAt: result.value.expiresAt } };
}

export const updateAccount = (id: string, patch: Partial<Pick<Account, 'role' | 'organisationId' | 'districtIds' | 'disabled'>>) =>
  call<Account>('PATCH', `admin/accounts/${encodeURIComponent(id)}`, patch);

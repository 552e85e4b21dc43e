/** Accounts and organisations in the database. */

import type { Account, Organisation, Role } from '../../src/domain/accounts';
import type { ResponsibleKind } from '../../src/domain/walks/types';
import type { Queryable } from '../db/database';

interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisation_id: string | null;
  district_ids: string[];
  disabled: boolean;
  password_hash: string;
}

const COLUMNS = 'id, email, name, role, organisation_id, district_ids, disabled, password_hash';

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id, email: row.email, name: row.name, role: row.role, organisationId: row.organisation_id,
    districtIds: row.district_ids, disabled: row.disabled,
  };
}

/** Emails are compared without case and surrounding space. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findAccountByEmail(db: Queryable, email: string): Promise<(Account & { passwordHash: string }) | null> {
  const { rows } = await db.query<AccountRow>(`select ${COLUMNS} from account where email = $1`, [normaliseEmail(email)]);
  return rows[0] ? { ...toAccount(rows[0]), passwordHash: rows[0].password_hash } : null;
}

export async function findAccount(db: Queryable, id: string): Promise<Account | null> {
  const { rows } = await db.query<AccountRow>(`select ${COLUMNS} from account where id = $1`, [id]);
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function listAccounts(db: Queryable): Promise<Account[]> {
  const { rows } = await db.query<AccountRow>(`select ${COLUMNS} from account order by email`);
  return rows.map(toAccount);
}

export interface NewAccount {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  organisationId: string | null;
  districtIds: string[];
}

export async function insertAccount(db: Queryable, account: NewAccount): Promise<Account> {
  const { rows } = await db.query<AccountRow>(
    `insert into account (id, email, name, password_hash, role, organisation_id, district_ids)
     values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
    [crypto.randomUUID(), normaliseEmail(account.email), account.name, account.passwordHash, account.role, account.organisationId, account.districtIds],
  );
  return toAccount(rows[0]!);
}

export async function listOrganisations(db: Queryable): Promise<Organisation[]> {
  const { rows } = await db.query<Organisation>('select id, name, kind from organisation order by name');
  return rows;
}

export async function findOrganisation(db: Queryable, id: string): Promise<Organisation | null> {
  const { rows } = await db.query<Organisation>('select id, name, kind from organisation where id = $1', [id]);
  return rows[0] ?? null;
}

export async function insertOrganisation(db: Queryable, name: string, kind: ResponsibleKind): Promise<Organisation> {
  const { rows } = await db.query<Organisation>(
    'insert into organisation (id, name, kind) values ($1, $2, $3) returning id, name, kind', [crypto.randomUUID(), name, kind]);
  return rows[0]!;
}

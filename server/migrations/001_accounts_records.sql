-- Accounts, sessions, walks, findings, their history, photos and the change log.
-- Written for PostgreSQL 15 (production) and PGlite (PostgreSQL 18, embedded): nothing newer
-- than 15, no extensions.

create table organisation (
  id text primary key,
  name text not null unique,
  kind text not null,
  created_at timestamptz not null default now()
);

create table account (
  id text primary key,
  email text not null unique,
  name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'member', 'responsible')),
  organisation_id text references organisation (id),
  district_ids text[] not null default '{}',
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

-- Only a hash of the session token is stored: a leaked table does not leak sessions.
create table session (
  token_hash text primary key,
  account_id text not null references account (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index session_account on session (account_id);

create table invitation (
  token_hash text primary key,
  email text not null,
  role text not null check (role in ('admin', 'member', 'responsible')),
  organisation_id text references organisation (id),
  district_ids text[] not null default '{}',
  created_by text references account (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

-- Failed logins, counted per email and per client for rate limiting.
create table login_failure (
  key text not null,
  at timestamptz not null default now()
);
create index login_failure_key_at on login_failure (key, at);

create table walk (
  id text primary key,
  district_id text,
  revision integer not null,
  record jsonb not null,
  updated_at timestamptz not null default now()
);
create index walk_district on walk (district_id);

-- The record as the domain defines it (jsonb), and the columns queries filter on.
create table finding (
  id text primary key,
  walk_id text,
  -- The district whose council owns it: its walk's district, or where it lies.
  district_id text,
  stadsdel_id text,
  priority_area_ids text[] not null default '{}',
  lon double precision not null,
  lat double precision not null,
  responsible_org_id text,
  public boolean not null,
  status text not null,
  photo_id text,
  revision integer not null,
  record jsonb not null,
  observed_at timestamptz not null,
  updated_at timestamptz not null default now()
);
create index finding_district_status on finding (district_id, status);
create index finding_responsible on finding (responsible_org_id);
create index finding_walk on finding (walk_id);
create index finding_lon_lat on finding (lon, lat);
create index finding_public on finding (public) where public;
create index finding_photo on finding (photo_id) where photo_id is not null;

create table finding_event (
  seq bigserial primary key,
  finding_id text not null,
  kind text not null,
  at timestamptz not null default now(),
  account_id text,
  author jsonb not null,
  fields text[] not null default '{}',
  from_status text,
  to_status text,
  note text,
  revision integer not null
);
create index finding_event_finding on finding_event (finding_id, seq);

-- Photos are kept here rather than on one server's disk so that several servers share them.
create table photo (
  id text primary key,
  mime text not null,
  bytes bytea not null,
  created_by text,
  created_at timestamptz not null default now()
);

-- One row per committed change, in commit order (writers take an advisory lock first), with
-- the scope before and after so that a viewer who lost sight of a record is told to remove it.
create table change_log (
  seq bigserial primary key,
  entity text not null check (entity in ('walk', 'finding')),
  entity_id text not null,
  op text not null check (op in ('upsert', 'delete')),
  district_id text,
  responsible_org_id text,
  public boolean not null default false,
  prev_district_id text,
  prev_responsible_org_id text,
  prev_public boolean not null default false,
  at timestamptz not null default now()
);

-- Answers to writes carrying an Idempotency-Key, so a retried request is not applied twice.
create table idempotency (
  account_id text not null,
  key text not null,
  status integer not null,
  body jsonb,
  at timestamptz not null default now(),
  primary key (account_id, key)
);

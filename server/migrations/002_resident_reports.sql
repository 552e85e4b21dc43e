-- Resident reports ("a place that feels unsafe"), their moderation, generic rate limiting and
-- Open311 clients. Written for PostgreSQL 15 and PGlite, no extensions.

create table resident_report (
  id text primary key,
  -- The district whose council moderates it, found by point in polygon.
  district_id text,
  stadsdel_id text,
  priority_area_ids text[] not null default '{}',
  lon double precision not null,
  lat double precision not null,
  category text not null,
  description text not null,
  times text[] not null,
  photo_id text,
  -- For updates only: never shown to anyone but the server's mailer.
  email text,
  -- Only the SHA-256 of the resident's follow token is kept.
  follow_token_hash text not null unique,
  status text not null check (status in ('inkommen', 'accepterad', 'sammanslagen', 'avbojd')),
  decline_reason text,
  finding_id text,
  merged_into_report_id text,
  walk_id text,
  source text not null check (source in ('web', 'open311')),
  open311_client_id text,
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by text
);
create index resident_report_district_status on resident_report (district_id, status);
create index resident_report_lon_lat on resident_report (lon, lat);
create index resident_report_finding on resident_report (finding_id) where finding_id is not null;

-- Requests counted per key (client address, API key) for limits that hold across servers.
create table rate_event (
  key text not null,
  at timestamptz not null default now()
);
create index rate_event_key_at on rate_event (key, at);

-- Systems allowed to post Open311 requests when the city requires an api_key.
create table open311_client (
  id text primary key,
  name text not null,
  key_hash text not null unique,
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

-- Updates owed to residents who left an email address; a mail transport sends and marks them.
create table report_notification (
  seq bigserial primary key,
  report_id text not null,
  email text not null,
  kind text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);

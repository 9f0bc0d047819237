-- Partner protocols become rows (issue 21): one row per partner and protocol kind, with the protocol's own
-- settings as JSON, instead of a column per setting of each protocol (V45). The kinds are checked in Java
-- against the protocols the server knows, so a new protocol needs no migration to be configured.

-- The partner-wide live settings, which belong to no protocol.
create table partner_live (
    partner_id   bigint primary key references partner (id) on delete cascade,
    -- This partner's live-search timeout; null takes rdex.live.timeout.
    timeout_ms   integer check (timeout_ms between 50 and 60000),
    -- How a contact to this partner's journeys goes: rdex10 (its /rdex/contact) or a protocol kind; null
    -- picks rdex10 when the partner has a contact URL and key, else its first protocol that contacts.
    contact_via  text check (contact_via ~ '^[a-z][a-z0-9]{0,19}$'),
    -- Whether live search asks this partner (contacts still go through its protocol when false).
    live_search  boolean not null default true,
    updated_at   timestamptz not null default now()
);

insert into partner_live (partner_id, timeout_ms, contact_via, live_search, updated_at)
select partner_id, timeout_ms, contact_via, live_search, updated_at from partner_protocol;

alter table partner_protocol rename to partner_protocol_v45;

create table partner_protocol (
    partner_id   bigint not null references partner (id) on delete cascade,
    kind         text not null check (kind ~ '^[a-z][a-z0-9]{0,19}$'),
    -- The API root the protocol's paths are under.
    url          text not null,
    -- The protocol's public settings by name (RDEX 1.2: apikey).
    settings     jsonb not null default '{}'::jsonb,
    -- Its secrets by name, each encrypted with the partner-key cipher (RDEX 1.2: privateKey; standard: apiKey).
    secrets_enc  jsonb not null default '{}'::jsonb,
    updated_at   timestamptz not null default now(),
    primary key (partner_id, kind)
);

insert into partner_protocol (partner_id, kind, url, settings, secrets_enc, updated_at)
select partner_id, 'rdex12', rdex12_url, jsonb_strip_nulls(jsonb_build_object('apikey', rdex12_apikey)),
       jsonb_strip_nulls(jsonb_build_object('privateKey', rdex12_private_key_enc)), updated_at
from partner_protocol_v45 where rdex12_url is not null;

insert into partner_protocol (partner_id, kind, url, settings, secrets_enc, updated_at)
select partner_id, 'standard', standard_url, '{}'::jsonb,
       jsonb_strip_nulls(jsonb_build_object('apiKey', standard_api_key_enc)), updated_at
from partner_protocol_v45 where standard_url is not null;

drop table partner_protocol_v45;

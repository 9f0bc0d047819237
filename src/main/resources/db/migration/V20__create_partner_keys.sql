-- Keys we issue to partners for our contact API. The key is rdex_<id>_<secret>: lookup by id, and only a
-- SHA-256 of the 256-bit random secret is kept (a slow hash adds nothing for secrets that random).
create table partner_key (
    id           text primary key,
    partner_id   bigint not null references partner (id) on delete cascade,
    secret_hash  bytea not null,
    -- Addresses the key is valid from, as canonical CIDRs (a single address is /32 or /128).
    allowed_ips  text[] not null check (cardinality(allowed_ips) > 0),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz not null default now()
);

create index partner_key_partner on partner_key (partner_id);

-- A partner platform we exchange with: we import its file, it may call our contact API with keys we
-- issue to it, and we call its contact API with the key it issued to us.
create table partner (
    id                   bigint generated always as identity primary key,
    name                 text not null unique,
    operator             text not null,
    feed_url             text,
    -- Sites the partner publishes under; contact messages must come from one of them.
    sites                text[] not null default '{}',
    contact_url          text,
    -- The key this partner issued to us (feed access and contact calls), encrypted, never logged.
    outbound_key_enc     text,
    -- SHA-256 fingerprint (hex) of the partner's self-signed TLS certificate, when it has one.
    tls_fingerprint      text,
    created_at           timestamptz not null default now()
);

alter table journey add constraint journey_partner_fk foreign key (partner_id) references partner (id) on delete cascade;
create index journey_partner on journey (partner_id) where partner_id is not null;

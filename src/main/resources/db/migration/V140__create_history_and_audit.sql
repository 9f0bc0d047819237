-- History kept for the console's charts (rdex.history.keep, 90 days by default), in hourly buckets written
-- by upsert: one row per hour, partner, protocol and outcome however many calls there were.

-- Calls we made to partners' live APIs (search and contact), per hour, partner, protocol and outcome
-- (ok, timeout, http_error, malformed, too_large, unreachable...).
create table history_live_call (
    hour        timestamptz not null,
    partner     text not null,
    protocol    text not null,
    outcome     text not null,
    calls       bigint not null default 0,
    total_ms    bigint not null default 0,
    max_ms      bigint not null default 0,
    primary key (hour, partner, protocol, outcome)
);

-- Calls refused because of the key they presented, per hour, key (empty when unknown or missing), partner
-- (empty when unknown) and reason (wrong_ip, revoked, expired, bad_signature, unknown, missing).
create table history_key_refusal (
    hour        timestamptz not null,
    key_id      text not null,
    partner     text not null,
    reason      text not null,
    calls       bigint not null default 0,
    primary key (hour, key_id, partner, reason)
);

-- Every change an administrator made, through the console, the CLI or the admin API. before_json and
-- after_json never hold a secret (AuditLog redacts them).
create table audit_entry (
    id          bigint generated always as identity primary key,
    at          timestamptz not null default now(),
    actor       text not null,
    action      text not null,
    partner     text,
    subject     text,
    before_json text,
    after_json  text
);

create index audit_entry_at on audit_entry (at desc);
create index audit_entry_partner on audit_entry (partner, at desc);

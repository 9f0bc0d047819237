-- Contact messages received from partners (the outbox): one row per message, inserted before we answer
-- 201, then delivered to our user by the relay worker.
create table contact_message (
    id                bigint generated always as identity primary key,
    journey_id        bigint references journey (id) on delete set null,
    journey_uuid      text not null,
    partner_id        bigint references partner (id) on delete set null,
    key_id            text not null,
    sender_pseudonym  text not null,
    sender_email      text not null,
    site              text not null,
    message           text not null,
    caller_ip         text not null,
    received_at       timestamptz not null default now(),
    state             text not null default 'PENDING' check (state in ('PENDING', 'SENDING', 'DELIVERED', 'FAILED')),
    attempts          integer not null default 0,
    next_attempt_at   timestamptz not null default now(),
    -- A claimed row belongs to one worker until then; past it another instance may take it over.
    lease_until       timestamptz,
    delivered_at      timestamptz,
    channel           text,
    last_error        text
);

-- The relay reads only what is due; delivered rows leave the index.
create index contact_message_due on contact_message (next_attempt_at) where state in ('PENDING', 'SENDING');

-- Calls we make to partners' contact APIs on behalf of our users.
create table contact_outbound (
    id             bigint generated always as identity primary key,
    partner_id     bigint references partner (id) on delete set null,
    journey_uuid   text not null,
    sender_email   text not null,
    status_code    integer,
    outcome        text not null,
    error          text,
    duration_ms    integer not null,
    created_at     timestamptz not null default now()
);

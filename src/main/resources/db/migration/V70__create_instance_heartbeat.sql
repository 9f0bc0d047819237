-- Every server (and CLI command) sharing this database beats here while it lives. A contact message
-- claimed by an instance whose beat is stale is released at once instead of after its whole lease.
create table instance_heartbeat (
    instance_id  text primary key,
    host         text not null,
    pid          bigint not null,
    started_at   timestamptz not null default now(),
    beat_at      timestamptz not null default now()
);

alter table contact_message add column claimed_by text;

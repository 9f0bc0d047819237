-- Conformance checks of partners (`partners check NAME`): one row per run, its rules as JSON
-- ([{"name","status","seen"}]), the latest few kept per partner.
create table partner_check (
    id          bigint generated always as identity primary key,
    partner_id  bigint not null references partner (id) on delete cascade,
    checked_at  timestamptz not null,
    failed      integer not null,
    warned      integer not null,
    results     jsonb not null
);

create index partner_check_recent on partner_check (partner_id, checked_at desc);

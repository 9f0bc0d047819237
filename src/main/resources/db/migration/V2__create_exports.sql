-- Every export run, good or bad, is recorded; only a validated one is ever published.
create table export_run (
    id           bigint generated always as identity primary key,
    started_at   timestamptz not null default now(),
    finished_at  timestamptz,
    status       text not null check (status in ('RUNNING', 'PUBLISHED', 'FAILED', 'SUPERSEDED')),
    minimal      boolean not null default false,
    journeys     integer,
    bytes        bigint,
    sha256       text,
    error        text
);

-- The published file lives in PostgreSQL, in chunks, so every instance serves the same bytes
-- and nobody holds a whole file in memory.
create table export_chunk (
    run_id  bigint not null references export_run (id) on delete cascade,
    seq     integer not null,
    data    bytea not null,
    primary key (run_id, seq)
);

-- A single row pointing at the file partners download; swapped in one transaction.
create table export_current (
    id      smallint primary key default 1 check (id = 1),
    run_id  bigint not null references export_run (id)
);

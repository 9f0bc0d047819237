-- The open-data side of a published export: what the public file holds (for the manifest and the DCAT
-- catalogue) and, when ids rotate, that file's own bytes. One row per export run; only the newest is kept.
create table opendata_file (
    run_id       bigint primary key references export_run (id) on delete cascade,
    created_at   timestamptz not null default now(),
    rotated      boolean not null,
    sha256       text not null,
    bytes        bigint not null,
    journeys     integer not null,
    dtd_url      text,
    min_lat      double precision,
    min_lon      double precision,
    max_lat      double precision,
    max_lon      double precision,
    active_from  date,
    active_to    date
);

-- Bytes of the rotated public file, chunked like export_chunk; absent when ids do not rotate (the public
-- file is then the partners' file itself).
create table opendata_chunk (
    run_id  bigint not null references opendata_file (run_id) on delete cascade,
    seq     integer not null,
    data    bytea not null,
    primary key (run_id, seq)
);

-- Pushes to data.gouv.fr, newest last; the admin API and the health check read the latest.
create table opendata_push (
    id           bigint generated always as identity primary key,
    run_id       bigint not null,
    sha256       text not null,
    state        text not null check (state in ('RUNNING', 'RETRYING', 'SUCCEEDED', 'FAILED')),
    attempts     integer not null default 0,
    http_status  integer,
    message      text,
    started_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    next_try_at  timestamptz
);

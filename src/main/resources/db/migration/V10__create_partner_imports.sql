-- Conditional download state: what the partner's server said last time we imported its feed, so that
-- an unchanged feed answers 304 and is not re-imported.
alter table partner add column feed_etag text;
alter table partner add column feed_last_modified text;

-- One row per import attempt, good or bad, shown by `partners list` and the admin API.
create table partner_import (
    id           bigint generated always as identity primary key,
    partner_id   bigint not null references partner (id) on delete cascade,
    started_at   timestamptz not null,
    finished_at  timestamptz not null,
    -- Where the file came from (URL or local path); never carries the key.
    source       text not null,
    outcome      text not null check (outcome in ('IMPORTED', 'UNCHANGED', 'REFUSED', 'FAILED')),
    bytes        bigint not null default 0,
    accepted     integer not null default 0,
    rejected     integer not null default 0,
    expired      integer not null default 0,
    -- First rejections only ("uuid: reason"), capped by the importer; the count above is complete.
    rejections   text[] not null default '{}',
    warnings     text[] not null default '{}',
    duration_ms  bigint not null,
    -- Why the whole file was refused or failed; null when imported.
    message      text
);

create index partner_import_recent on partner_import (partner_id, started_at desc);

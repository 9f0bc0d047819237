-- Own journeys (partner_id null) and, later, partners' journeys share one table so that a search
-- reads a single index.
create table journey (
    id               bigint generated always as identity primary key,
    partner_id       bigint,
    external_id      text,
    uuid             text not null,
    operator         text not null,
    site             text not null,
    from_location    text not null,
    from_insee       text,
    from_postalcode  text,
    from_address     text,
    from_lat         double precision not null,
    from_lon         double precision not null,
    from_country     text,
    to_location      text not null,
    to_insee         text,
    to_postalcode    text,
    to_address       text,
    to_lat           double precision not null,
    to_lon           double precision not null,
    to_country       text,
    route            text,
    distance_km      numeric(9, 1),
    duration_min     integer,
    driver           boolean not null,
    passenger        boolean not null,
    seats            smallint,
    url              text not null,
    pseudonym        text not null,
    image_url        text,
    vehicle_model    text,
    vehicle_colour   text,
    price            numeric(10, 2),
    details          text,
    active_from      date not null,
    active_to        date not null,
    punctual         boolean not null,
    punctual_date    date,
    punctual_min     time,
    punctual_max     time,
    -- Regular journeys: {"monday":{"depMin":"08:00","depMax":"08:30","retMin":"17:30","retMax":"18:00"},...}
    schedule         jsonb,
    -- Bit (ISO day - 1) set when the journey runs that weekday; lets a search filter without parsing JSON.
    days_mask        smallint not null default 0,
    -- Private: never exported, used to relay contact messages to the author.
    owner_ref        text,
    owner_email      text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint journey_kind check (punctual = (punctual_date is not null)),
    constraint journey_validity check (active_to >= active_from)
);

create unique index journey_own_external_id on journey (external_id) where partner_id is null;
create unique index journey_source_uuid on journey (coalesce(partner_id, 0), uuid);
-- The export reads own journeys still valid, in id order.
create index journey_own_active on journey (active_to, id) where partner_id is null;

-- Server-wide values that must be the same on every instance sharing the database
-- (for example the secret behind published journey uuids).
create table server_setting (
    name   text primary key,
    value  text not null
);

-- Partners' journeys move out of the journey table into partner_journey, one partition per partner.
--
-- Why: an import replaces a partner's whole set. In the shared table that meant deleting the old rows and
-- inserting the new ones one by one into every index, with a foreign-key check per row: about 40 us of
-- database CPU per journey, three times the budget of the import target. With a partition per partner the
-- import COPYs into a fresh table with no index, builds the indexes once, and swaps it in for the old
-- partition (see imports.PartnerJourneys); the old set is dropped, not deleted row by row.
--
-- Own journeys stay in journey: they are written one at a time by the platform API, carry private owner
-- fields, and contact messages reference them by id.
create table partner_journey (
    partner_id       bigint not null,
    -- Opaque ASCII identifiers: byte order, not a linguistic collation, makes the index build cheap.
    uuid             text collate "C" not null,
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
    schedule         jsonb,
    days_mask        smallint not null default 0,
    -- The same grid cells as journey's (V12), for the same search index, but written by the importer
    -- (search.GridCells.cell, the same double arithmetic): a stored generated column makes COPY rebuild every
    -- row after computing it, which cost PostgreSQL a third more time per journey.
    from_cell        integer not null,
    to_cell          integer not null,
    constraint partner_journey_kind check (punctual = (punctual_date is not null)),
    constraint partner_journey_validity check (active_to >= active_from)
) partition by list (partner_id);

-- A uuid is unique within a partner's file (the importer keeps the first); the outbound contact API looks
-- journeys up by uuid. Each partition gets its own copy of these indexes, built after its COPY.
create unique index partner_journey_uuid on partner_journey (partner_id, uuid);
create index partner_journey_cells on partner_journey (from_cell, to_cell);

-- No foreign key to partner: it would check every copied row and force a scan on each swap. Removing a
-- partner drops its partition (and any load table a crashed import left behind) instead.
create function drop_partner_journeys() returns trigger language plpgsql as $$
begin
    execute format('drop table if exists %I', 'partner_journey_' || old.id);
    execute format('drop table if exists %I', 'partner_journey_' || old.id || '_load');
    return old;
end $$;

create trigger partner_drop_journeys after delete on partner
    for each row execute function drop_partner_journeys();

-- Existing partner journeys move to their partitions.
do $$
declare
    p bigint;
begin
    for p in select distinct partner_id from journey where partner_id is not null loop
        execute format('create table %I partition of partner_journey for values in (%s)',
                       'partner_journey_' || p, p);
    end loop;
end $$;

insert into partner_journey (partner_id, uuid, operator, site, from_location, from_insee, from_postalcode,
        from_address, from_lat, from_lon, from_country, to_location, to_insee, to_postalcode, to_address,
        to_lat, to_lon, to_country, route, distance_km, duration_min, driver, passenger, seats, url, pseudonym,
        image_url, vehicle_model, vehicle_colour, price, details, active_from, active_to, punctual,
        punctual_date, punctual_min, punctual_max, schedule, days_mask, from_cell, to_cell)
select partner_id, uuid, operator, site, from_location, from_insee, from_postalcode,
        from_address, from_lat, from_lon, from_country, to_location, to_insee, to_postalcode, to_address,
        to_lat, to_lon, to_country, route, distance_km, duration_min, driver, passenger, seats, url, pseudonym,
        image_url, vehicle_model, vehicle_colour, price, details, active_from, active_to, punctual,
        punctual_date, punctual_min, punctual_max, schedule, days_mask, from_cell, to_cell
from journey where partner_id is not null;

delete from journey where partner_id is not null;

-- journey now holds own journeys only. Dropping the column drops the indexes and the foreign key that
-- named it; these replace them.
alter table journey drop column partner_id;
alter table journey alter column uuid type text collate "C";
create unique index journey_external_id on journey (external_id);
create unique index journey_uuid on journey (uuid);
-- The export reads journeys still valid, in id order.
create index journey_active on journey (active_to, id);

-- What a search reads: own journeys (partner_id null) and every partner's, with the same columns.
-- Conditions on the view reach both sides, so each uses its cells index.
create view searchable_journey as
select null::bigint as partner_id, uuid, operator, site, from_location, from_postalcode, from_lat, from_lon,
       to_location, to_postalcode, to_lat, to_lon, distance_km, duration_min, driver, passenger, seats, url,
       pseudonym, price, active_from, active_to, punctual, punctual_date, punctual_min, punctual_max, schedule,
       days_mask, from_cell, to_cell
from journey
union all
select partner_id, uuid, operator, site, from_location, from_postalcode, from_lat, from_lon,
       to_location, to_postalcode, to_lat, to_lon, distance_km, duration_min, driver, passenger, seats, url,
       pseudonym, price, active_from, active_to, punctual, punctual_date, punctual_min, punctual_max, schedule,
       days_mask, from_cell, to_cell
from partner_journey;

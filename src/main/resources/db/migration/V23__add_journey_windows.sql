-- Departure and return windows per ISO weekday, for the search.
--
-- Why: matching a regular journey read its schedule JSON with jsonb_each, ->> and ::time casts on every
-- candidate row, twice (filter and output). The search now reads array subscripts for the searched
-- weekdays: entry ISO day - 1 (subscript = ISO day), minutes of the day (seconds dropped), null where that
-- day has no such window, the whole array null when no day has one. A punctual journey fills the weekday of its date from punctual_min/max and has no return.
-- The application writes them (journey.Schedule.windows, for own and partner journeys alike); this
-- migration computes them once for the rows already stored.
--
-- Return windows (the trip back, to -> from) become searchable too: a return leg departs from the
-- journey's destination, so its search starts from to_cell; a partial index holds only the journeys that
-- have a return.
alter table journey
    add column dep_lo smallint[],
    add column dep_hi smallint[],
    add column ret_lo smallint[],
    add column ret_hi smallint[],
    -- Envelopes: the earliest start and latest end over the week, the last keys of the cells indexes
    -- below (a window overlapping the searched one on some day implies an overlapping envelope).
    add column dep_lo_min smallint,
    add column dep_hi_max smallint,
    add column ret_lo_min smallint,
    add column ret_hi_max smallint;

alter table partner_journey
    add column dep_lo smallint[],
    add column dep_hi smallint[],
    add column ret_lo smallint[],
    add column ret_hi smallint[],
    -- Envelopes: the earliest start and latest end over the week, the last keys of the cells indexes
    -- below (a window overlapping the searched one on some day implies an overlapping envelope).
    add column dep_lo_min smallint,
    add column dep_hi_max smallint,
    add column ret_lo_min smallint,
    add column ret_hi_max smallint;

-- Replaced below: not rebuilt by the rewrite for nothing.
drop index journey_cells;
drop index partner_journey_cells;

-- Backfill helpers, dropped below. A day's window end in minutes, the other end standing in for a missing
-- one (as Schedule.windows does).
create function v23_minutes(day jsonb, first_key text, other_key text) returns smallint
    language sql as $$
    select floor(extract(epoch from coalesce(day ->> first_key, day ->> other_key)::time) / 60)::smallint
$$;

-- Seven nulls become a null array.
create function v23_nonempty(a smallint[]) returns smallint[]
    language sql as $$
    select case when cardinality(array_remove(a, null)) > 0 then a end
$$;

-- A regular journey's ends for the seven days.
create function v23_window(schedule jsonb, first_key text, other_key text) returns smallint[]
    language sql as $$
    select v23_nonempty(array[v23_minutes(schedule -> 'monday', first_key, other_key),
                              v23_minutes(schedule -> 'tuesday', first_key, other_key),
                              v23_minutes(schedule -> 'wednesday', first_key, other_key),
                              v23_minutes(schedule -> 'thursday', first_key, other_key),
                              v23_minutes(schedule -> 'friday', first_key, other_key),
                              v23_minutes(schedule -> 'saturday', first_key, other_key),
                              v23_minutes(schedule -> 'sunday', first_key, other_key)])
$$;

-- A punctual journey's end on the weekday of its date, the other days null.
create function v23_punctual(day date, t time) returns smallint[]
    language sql as $$
    select case when t is not null then
        array[case when d = 1 then m end, case when d = 2 then m end, case when d = 3 then m end,
              case when d = 4 then m end, case when d = 5 then m end, case when d = 6 then m end,
              case when d = 7 then m end] end
    from (select extract(isodow from day)::int as d, floor(extract(epoch from t) / 60)::smallint as m) w
$$;

-- One of the four arrays of a row, as Schedule.windows computes it.
create function v23_of(punctual boolean, punctual_date date, punctual_min time, punctual_max time,
        schedule jsonb, which text) returns smallint[]
    language sql as $$
    select case which
        when 'dep_lo' then case when punctual then v23_punctual(punctual_date, coalesce(punctual_min, punctual_max))
                                else v23_window(schedule, 'depMin', 'depMax') end
        when 'dep_hi' then case when punctual then v23_punctual(punctual_date, coalesce(punctual_max, punctual_min))
                                else v23_window(schedule, 'depMax', 'depMin') end
        when 'ret_lo' then case when not punctual then v23_window(schedule, 'retMin', 'retMax') end
        when 'ret_hi' then case when not punctual then v23_window(schedule, 'retMax', 'retMin') end
    end
$$;

create function v23_min(a smallint[]) returns smallint
    language sql as $$ select min(x) from unnest(a) x $$;

create function v23_max(a smallint[]) returns smallint
    language sql as $$ select max(x) from unnest(a) x $$;

-- Filled by "alter column ... type ... using", not an update: one rewrite of each table with its indexes
-- rebuilt once, where an update of every row inserted into every index row by row and left the table at
-- twice its size (100,000 partner journeys: 5.0 s and 73 MB against 7.9 s and 145 MB).
alter table journey
    alter column dep_lo type smallint[]
        using v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'dep_lo'),
    alter column dep_hi type smallint[]
        using v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'dep_hi'),
    alter column ret_lo type smallint[]
        using v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'ret_lo'),
    alter column ret_hi type smallint[]
        using v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'ret_hi'),
    alter column dep_lo_min type smallint
        using v23_min(v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'dep_lo')),
    alter column dep_hi_max type smallint
        using v23_max(v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'dep_hi')),
    alter column ret_lo_min type smallint
        using v23_min(v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'ret_lo')),
    alter column ret_hi_max type smallint
        using v23_max(v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'ret_hi'));

alter table partner_journey
    alter column dep_lo type smallint[]
        using v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'dep_lo'),
    alter column dep_hi type smallint[]
        using v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'dep_hi'),
    alter column ret_lo type smallint[]
        using v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'ret_lo'),
    alter column ret_hi type smallint[]
        using v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'ret_hi'),
    alter column dep_lo_min type smallint
        using v23_min(v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'dep_lo')),
    alter column dep_hi_max type smallint
        using v23_max(v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'dep_hi')),
    alter column ret_lo_min type smallint
        using v23_min(v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'ret_lo')),
    alter column ret_hi_max type smallint
        using v23_max(v23_of(punctual, punctual_date, punctual_min, punctual_max, schedule, 'ret_hi'));

drop function v23_max(smallint[]);
drop function v23_min(smallint[]);
drop function v23_of(boolean, date, time, time, jsonb, text);
drop function v23_punctual(date, time);
drop function v23_window(jsonb, text, text);
drop function v23_nonempty(smallint[]);
drop function v23_minutes(jsonb, text, text);

-- The cells index ends with punctual_date (null for regular journeys) and the departure envelope: the
-- search's "punctual_date between .. or is null" and "dep_lo_min <= end of the searched window and
-- dep_hi_max >= its start" are checked in the index, so punctual journeys on other dates and journeys at
-- other hours are dropped before their table rows are read. Those random reads (half of them outside
-- shared buffers) were most of a search's time: on 1,000,000 journeys a town-to-town search read ~670 rows
-- for ~60 matches, now ~115 (plus ~50 for the return leg). The index is ~2x larger (its keys deduplicate
-- less).
create index journey_cells on journey (from_cell, to_cell, punctual_date, dep_lo_min, dep_hi_max);
create index partner_journey_cells on partner_journey (from_cell, to_cell, punctual_date, dep_lo_min, dep_hi_max);

-- Return legs: origin near the journey's destination (leading column, for searches without a destination
-- too), destination near its origin. Partial: only journeys with a return window, so imports build it on
-- that share of their rows only. imports.PartnerJourneys builds the same index on each load table, which
-- the attach then adopts.
create index journey_return_cells on journey (to_cell, from_cell, ret_lo_min, ret_hi_max) where ret_lo is not null;
create index partner_journey_return_cells on partner_journey (to_cell, from_cell, ret_lo_min, ret_hi_max)
    where ret_lo is not null;

-- The view gains the windows (at the end: create or replace view may only add columns there).
create or replace view searchable_journey as
select null::bigint as partner_id, uuid, operator, site, from_location, from_postalcode, from_lat, from_lon,
       to_location, to_postalcode, to_lat, to_lon, distance_km, duration_min, driver, passenger, seats, url,
       pseudonym, price, active_from, active_to, punctual, punctual_date, punctual_min, punctual_max, schedule,
       days_mask, from_cell, to_cell, dep_lo, dep_hi, ret_lo, ret_hi, dep_lo_min, dep_hi_max, ret_lo_min,
       ret_hi_max
from journey
union all
select partner_id, uuid, operator, site, from_location, from_postalcode, from_lat, from_lon,
       to_location, to_postalcode, to_lat, to_lon, distance_km, duration_min, driver, passenger, seats, url,
       pseudonym, price, active_from, active_to, punctual, punctual_date, punctual_min, punctual_max, schedule,
       days_mask, from_cell, to_cell, dep_lo, dep_hi, ret_lo, ret_hi, dep_lo_min, dep_hi_max, ret_lo_min,
       ret_hi_max
from partner_journey;

-- The planner needs how many rows have a return, for the partial indexes.
analyze journey (ret_lo, dep_lo_min, dep_hi_max, ret_lo_min, ret_hi_max);
analyze partner_journey (ret_lo, dep_lo_min, dep_hi_max, ret_lo_min, ret_hi_max);

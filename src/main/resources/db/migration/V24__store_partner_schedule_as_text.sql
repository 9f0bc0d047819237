-- Partners' schedules are stored as JSON text, not jsonb.
--
-- Why: since V23 the search matches windows on the dep_/ret_ arrays and reads the schedule only to print
-- it, as text. As jsonb, every imported regular journey was parsed into PostgreSQL's binary JSON during the
-- COPY: a quarter of the database's CPU for an import of 200,000 journeys (2.0 s against 1.3-1.4 s for the
-- same COPY into text). The importer writes this JSON itself (imports.JourneyCopyRows, the same content as
-- journey.Schedule.toJson). Own journeys keep jsonb: they are written one at a time.
drop view searchable_journey;

alter table partner_journey alter column schedule type text using schedule::text;

create view searchable_journey as
select null::bigint as partner_id, uuid, operator, site, from_location, from_postalcode, from_lat, from_lon,
       to_location, to_postalcode, to_lat, to_lon, distance_km, duration_min, driver, passenger, seats, url,
       pseudonym, price, active_from, active_to, punctual, punctual_date, punctual_min, punctual_max,
       schedule::text as schedule, days_mask, from_cell, to_cell, dep_lo, dep_hi, ret_lo, ret_hi, dep_lo_min,
       dep_hi_max, ret_lo_min, ret_hi_max
from journey
union all
select partner_id, uuid, operator, site, from_location, from_postalcode, from_lat, from_lon,
       to_location, to_postalcode, to_lat, to_lon, distance_km, duration_min, driver, passenger, seats, url,
       pseudonym, price, active_from, active_to, punctual, punctual_date, punctual_min, punctual_max, schedule,
       days_mask, from_cell, to_cell, dep_lo, dep_hi, ret_lo, ret_hi, dep_lo_min, dep_hi_max, ret_lo_min,
       ret_hi_max
from partner_journey;

-- Search by proximity without PostGIS or contrib extensions (an external PostgreSQL may not ship
-- them), with built-in geometric types in GiST indexes; the exact great-circle distance is then
-- computed on the few candidates only.
--
-- Origin and destination together: the pair is stored as one box whose low corner is the origin
-- (lon, lat) and whose high corner is the destination shifted by +1000 (so it is always the high
-- corner). "origin in box F and destination in box T" is then "the box lies inside hull(F, T+1000)
-- and contains the box from F's high corner to T+1000's low corner": one index scan answers it.
create index journey_pair_box on journey using gist (
    box(point(from_lon, from_lat), point(to_lon + 1000, to_lat + 1000)));
-- Origin only, for searches without a destination.
create index journey_from_point on journey using gist (point(from_lon, from_lat));

-- Search by proximity without PostGIS or contrib extensions (an external PostgreSQL may not ship
-- them): built-in geometric points (x = longitude, y = latitude) in GiST indexes answer "inside this
-- box" fast; the exact great-circle distance is then computed on the few candidates only.
create index journey_from_point on journey using gist (point(from_lon, from_lat));
create index journey_to_point on journey using gist (point(to_lon, to_lat));

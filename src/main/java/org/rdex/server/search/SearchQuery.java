package org.rdex.server.search;

import org.jboss.resteasy.reactive.RestQuery;

import jakarta.ws.rs.DefaultValue;

/**
 * The search's query parameters as sent (first value of each), before any check. They stay strings so that
 * {@link SearchRequest#parse} can name every bad one in a single 400 answer: a typed parameter that fails
 * to convert would be answered 404 by JAX-RS, one parameter at a time.
 *
 * <p>RESTEasy binds an empty value as absent, so the defaults declared here also hold for {@code ?frequency=}.
 * {@code live} has no declared default: sent empty it is refused, which a default would hide.
 */
public record SearchQuery(
        @RestQuery String fromLat,
        @RestQuery String fromLon,
        @RestQuery String toLat,
        @RestQuery String toLon,
        @RestQuery String fromRadiusKm,
        @RestQuery String toRadiusKm,
        @RestQuery String date,
        @RestQuery String dateFrom,
        @RestQuery String dateTo,
        @RestQuery String timeFrom,
        @RestQuery String timeTo,
        @RestQuery String role,
        @RestQuery @DefaultValue("any") String frequency,
        @RestQuery String days,
        @RestQuery @DefaultValue("1") String page,
        @RestQuery String size,
        @RestQuery String live) {
}

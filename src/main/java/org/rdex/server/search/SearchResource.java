package org.rdex.server.search;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * Platform API: our platform's backend searches own and partner journeys (platform token, see
 * {@code PlatformAuthFilter}). Query parameters are described in {@link SearchRequest} and the README.
 */
@Path("/api/v1/journeys/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    SearchService search;
    @Inject
    SearchConfig config;

    @GET
    public SearchResult search(@Context UriInfo uri) {
        Map<String, String> params = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                params.put(k, v.get(0));
            }
        });
        return search.search(SearchRequest.parse(params, config, LocalDate.now()));
    }
}

package org.rdex.server.search;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.live.LiveSearchService;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * Platform API: our platform's backend searches own and partner journeys (platform token, see
 * {@code PlatformAuthFilter}). Query parameters are described in {@link SearchRequest} and the README;
 * {@code live=true} also asks the partners' live APIs ({@link LiveSearchService}, docs/protocols.md).
 */
@Path("/api/v1/journeys/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    SearchService search;
    @Inject
    SearchConfig config;
    @Inject
    LiveSearchService live;

    @GET
    public Object search(@Context UriInfo uri) {
        Map<String, String> params = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                params.put(k, v.get(0));
            }
        });
        String liveFlag = params.getOrDefault("live", "false").trim();
        if (!liveFlag.equals("true") && !liveFlag.equals("false")) {
            throw ApiException.invalid(List.of(new FieldError("live", "must be true or false")));
        }
        SearchRequest request = SearchRequest.parse(params, config, LocalDate.now());
        return liveFlag.equals("true") ? live.search(request) : search.search(request);
    }
}

package org.rdex.server.search;

import java.time.LocalDate;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.rdex.server.common.ApiError;
import org.rdex.server.common.OpenApiDefinition;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * Platform API: our platform's backend searches own and partner journeys (platform token, see
 * {@code PlatformAuthFilter}). Query parameters are described in {@link SearchRequest} and docs/partners.md;
 * {@code live=true} also asks the partners' live APIs ({@link PartnerLiveSearch}, docs/protocols.md).
 */
@Path("/api/v1/journeys/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    SearchService search;
    @Inject
    SearchConfig config;
    @Inject
    PartnerLiveSearch live;

    @GET
    @Tag(name = "Platform API")
    @SecurityRequirement(name = OpenApiDefinition.PLATFORM_TOKEN)
    @Operation(summary = "Search our journeys and partners' together",
            description = "Ordered by detour (searched origin to the leg's departure plus the leg's arrival to the "
                    + "searched destination), then by the time between window middles, then by date.")
    @Parameter(name = "fromLat", in = ParameterIn.QUERY, required = true, schema = @Schema(type = SchemaType.NUMBER, minimum = "-90", maximum = "90"))
    @Parameter(name = "fromLon", in = ParameterIn.QUERY, required = true, schema = @Schema(type = SchemaType.NUMBER, minimum = "-180", maximum = "180"))
    @Parameter(name = "toLat", in = ParameterIn.QUERY, description = "With toLon: the destination", schema = @Schema(type = SchemaType.NUMBER, minimum = "-90", maximum = "90"))
    @Parameter(name = "toLon", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.NUMBER, minimum = "-180", maximum = "180"))
    @Parameter(name = "fromRadiusKm", in = ParameterIn.QUERY, description = "Default rdex.search.default-radius-km", schema = @Schema(type = SchemaType.NUMBER))
    @Parameter(name = "toRadiusKm", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.NUMBER))
    @Parameter(name = "date", in = ParameterIn.QUERY, description = "One day; or dateFrom and dateTo", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "dateFrom", in = ParameterIn.QUERY, description = "Default today", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "dateTo", in = ParameterIn.QUERY, description = "Default and limit: rdex.search.max-date-range-days", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "timeFrom", in = ParameterIn.QUERY, description = "Departure window start, HH:MM", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "timeTo", in = ParameterIn.QUERY, description = "Departure window end, HH:MM, same day", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "role", in = ParameterIn.QUERY, description = "The role wanted in the journey", schema = @Schema(enumeration = { "driver", "passenger" }))
    @Parameter(name = "frequency", in = ParameterIn.QUERY, schema = @Schema(enumeration = { "punctual", "regular", "any" }, defaultValue = "any"))
    @Parameter(name = "days", in = ParameterIn.QUERY, description = "Weekday names separated by commas (monday,friday)", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "1-based", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    @Parameter(name = "size", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    @Parameter(name = "live", in = ParameterIn.QUERY, description = "true: also ask partners that serve RDEX 1.2 or standard-covoiturage, in parallel, each within its timeout; failures are listed in partnersFailed", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
    @APIResponse(responseCode = "200", description = "One page of results (with live=true, also partnersAsked and partnersFailed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SearchResult.class)))
    @APIResponse(responseCode = "400", description = "invalid_input or missing_mandatory_field, naming every bad parameter",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "access_denied: no platform token, or a wrong one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Object search(@BeanParam SearchQuery query, @Context UriInfo uri) {
        Set<String> sent = uri.getQueryParameters().keySet();
        boolean askPartners = SearchRequest.live(query, sent);
        SearchRequest request = SearchRequest.parse(query, sent, config, LocalDate.now());
        return askPartners ? live.search(request) : search.search(request);
    }
}

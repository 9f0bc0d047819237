package org.rdex.server.export;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.rdex.server.common.ApiError;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.BearerToken;
import org.rdex.server.common.OpenApiDefinition;
import org.rdex.server.common.ServedWithoutDatabase;
import org.rdex.server.rdex.RdexDtd;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The published RDEX file and its DTD, as partners download them. HEAD comes with GET; ranges, conditional
 * requests and digests are {@link BulkDownload}'s.
 */
@Path("/rdex")
@ServedWithoutDatabase
@Tag(name = "RDEX file", description = "The journeys we publish for partners, and the DTDs")
public class ExportResource {

    @Inject
    LocalFileCopy published;
    @Inject
    ExportConfig config;
    @Inject
    Instance<FeedAccess> feedAccess;
    @Inject
    Instance<DownloadPolicy> policies;
    @Inject
    DataSource dataSource;

    @GET
    @Path("journeys.xml.gz")
    @Produces("application/gzip")
    @Operation(summary = "The published RDEX file (gzip)",
            description = "Our current journeys, validated against the DTD it declares. Public by default; with "
                    + "rdex.export.access=partners a partner key is required, from one of the key's addresses. HEAD "
                    + "gives the headers alone; If-None-Match and If-Modified-Since give 304.")
    @SecurityRequirementsSet
    @SecurityRequirementsSet(@SecurityRequirement(name = OpenApiDefinition.PARTNER_KEY))
    @SecurityRequirementsSet(@SecurityRequirement(name = OpenApiDefinition.PARTNER_KEY_QUERY))
    @APIResponse(responseCode = "200", description = "The file",
            headers = { @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Last-Modified", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = "application/gzip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "Not modified since the version the caller holds")
    @APIResponse(responseCode = "401", description = "access_denied: restricted file and no key",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "insufficient_permissions: the key may not download from this address",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "resource_not_found: no file published yet",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response journeys(@Context HttpHeaders headers, @Context HttpServerRequest http,
            @Parameter(description = "The partner key, when it is not sent as Authorization: Bearer")
            @QueryParam("key") String keyParam) {
        DownloadPolicy openData = policies.isResolvable() ? policies.get() : DownloadPolicy.NONE;
        boolean partnersOnly = config.access() == ExportConfig.Access.PARTNERS || openData.partnersOnly();
        if (partnersOnly) {
            checkPartner(http, keyParam);
        }
        ExportStore.Published file = published.current()
                .orElseThrow(() -> ApiException.notFound("No RDEX file has been published yet; it"));
        return BulkDownload.respond(http.method() == HttpMethod.HEAD, headers, new BulkDownload.File(file.sha256(),
                file.bytes(), file.publishedAt(), "journeys.xml.gz", "application/gzip", openData.maxAge(),
                partnersOnly, openData.licenceUrl(),
                (offset, length, out) -> {
                    if (!published.copyLocal(file, offset, length, out)) {
                        ChunkFiles.copy(dataSource, ChunkFiles.Table.EXPORT, file.runId(), offset, length, out);
                    }
                }));
    }

    @GET
    @Path("rdex-1.0.dtd")
    @Produces("application/xml-dtd")
    @Operation(summary = "The DTD our RDEX files declare (the specification's, plus optional elements)")
    @APIResponse(responseCode = "200", description = "The DTD",
            content = @Content(mediaType = "application/xml-dtd", schema = @Schema(type = SchemaType.STRING)))
    public InputStream dtd() {
        return RdexDtd.FULL.open();
    }

    @GET
    @Path("rdex-1.0-minimal.dtd")
    @Produces("application/xml-dtd")
    @Operation(summary = "The RDEX specification's own DTD")
    @APIResponse(responseCode = "200", description = "The DTD",
            content = @Content(mediaType = "application/xml-dtd", schema = @Schema(type = SchemaType.STRING)))
    public InputStream minimalDtd() {
        return RdexDtd.MINIMAL.open();
    }

    private void checkPartner(HttpServerRequest http, String keyParam) {
        BearerToken bearer = BearerToken.from(http.headers().getAll(HttpHeaders.AUTHORIZATION));
        String key = bearer.presented() ? bearer.token().orElse(null) : keyParam;
        if (key == null || key.isBlank()) {
            throw new ApiException(401, "access_denied", "This RDEX file is reserved to partners: present your key");
        }
        boolean allowed;
        try {
            InetAddress caller = InetAddress.getByName(http.remoteAddress().hostAddress());
            allowed = feedAccess.isResolvable() && feedAccess.get().allowed(key, caller);
        } catch (UnknownHostException e) {
            allowed = false;
        }
        if (!allowed) {
            throw new ApiException(403, "insufficient_permissions", "This key may not download the file from this address");
        }
    }
}

package org.rdex.server.export;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.rdex.server.common.ApiException;
import org.rdex.server.opendata.BulkDownload;
import org.rdex.server.opendata.OpenDataFeeds;
import org.rdex.server.opendata.OpenDataStore;
import org.rdex.server.rdex.RdexDtd;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
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
public class ExportResource {

    @Inject
    ExportStore store;
    @Inject
    ExportConfig config;
    @Inject
    Instance<FeedAccess> feedAccess;
    @Inject
    OpenDataFeeds openData;
    @Inject
    OpenDataStore openDataStore;

    @GET
    @Path("journeys.xml.gz")
    @Produces("application/gzip")
    public Response journeys(@Context HttpHeaders headers, @Context HttpServerRequest http,
            @QueryParam("key") String keyParam) {
        boolean partnersOnly = config.access() == ExportConfig.Access.PARTNERS || openData.partnersOnly();
        if (partnersOnly) {
            checkPartner(headers, http, keyParam);
        }
        ExportStore.Published file = store.current()
                .orElseThrow(() -> ApiException.notFound("No RDEX file has been published yet; it"));
        return BulkDownload.respond(http.method() == HttpMethod.HEAD, headers, new BulkDownload.File(file.sha256(),
                file.bytes(), file.publishedAt(), "journeys.xml.gz", "application/gzip", openData.maxAge(),
                partnersOnly, openData.licenceUrl(),
                (offset, length, out) -> openDataStore.copyExport(file.runId(), offset, length, out)));
    }

    @GET
    @Path("rdex-1.0.dtd")
    @Produces("application/xml-dtd")
    public InputStream dtd() {
        return RdexDtd.FULL.open();
    }

    @GET
    @Path("rdex-1.0-minimal.dtd")
    @Produces("application/xml-dtd")
    public InputStream minimalDtd() {
        return RdexDtd.MINIMAL.open();
    }

    private void checkPartner(HttpHeaders headers, HttpServerRequest http, String keyParam) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String key = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : keyParam;
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

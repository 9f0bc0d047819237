package org.rdex.server.export;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Date;

import org.rdex.server.common.ApiException;
import org.rdex.server.rdex.RdexDtd;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** The published RDEX file and its DTD, as partners download them. HEAD comes with GET. */
@Path("/rdex")
public class ExportResource {

    @Inject
    LocalFileCopy published;
    @Inject
    ExportConfig config;
    @Inject
    Instance<FeedAccess> feedAccess;

    @GET
    @Path("journeys.xml.gz")
    @Produces("application/gzip")
    public Response journeys(@Context Request request, @Context HttpHeaders headers, @Context HttpServerRequest http,
            @QueryParam("key") String keyParam) {
        if (config.access() == ExportConfig.Access.PARTNERS) {
            checkPartner(headers, http, keyParam);
        }
        ExportStore.Published file = published.current()
                .orElseThrow(() -> ApiException.notFound("No RDEX file has been published yet; it"));
        EntityTag etag = new EntityTag(file.sha256());
        Date lastModified = Date.from(file.publishedAt());
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        cache.setPrivate(config.access() == ExportConfig.Access.PARTNERS);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(lastModified, etag);
        if (notModified != null) {
            return notModified.cacheControl(cache).tag(etag).build();
        }
        StreamingOutput body = out -> published.copyTo(file, out);
        return Response.ok(body)
                .tag(etag)
                .lastModified(lastModified)
                .cacheControl(cache)
                .header(HttpHeaders.CONTENT_LENGTH, file.bytes())
                .header("Content-Disposition", "attachment; filename=\"journeys.xml.gz\"")
                .build();
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

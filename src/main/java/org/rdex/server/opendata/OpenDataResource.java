package org.rdex.server.opendata;

import org.rdex.server.export.BulkDownload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.Secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The open dataset: manifest, DCAT catalogue, the manifest's JSON Schema and the public file. All answer 404
 * while {@code rdex.opendata.enabled} is off. HEAD comes with GET.
 */
@Path("/rdex")
public class OpenDataResource {

    @Inject
    OpenDataFeeds feeds;
    @Inject
    OpenDataDocuments documents;
    @Inject
    OpenDataStore store;
    @Inject
    ObjectMapper mapper;

    @GET
    @Path("manifest.json")
    @Produces("application/json")
    public Response manifest(@Context HttpHeaders headers) {
        requireEnabled();
        long ttl = feeds.ttlSeconds();
        // The body changes every second through ttl; the tag follows only the content, hence weak.
        String etag = "W/\"" + sha256(json(documents.manifest(0))).substring(0, 32) + "\"";
        return document(headers, etag, ttl, json(documents.manifest(ttl)), "application/json");
    }

    @GET
    @Path("catalog.jsonld")
    @Produces("application/ld+json")
    public Response catalog(@Context HttpHeaders headers) {
        requireEnabled();
        byte[] body = json(documents.catalog());
        String etag = "\"" + sha256(body).substring(0, 32) + "\"";
        return document(headers, etag, feeds.ttlSeconds(), body, "application/ld+json");
    }

    @GET
    @Path("manifest.schema.json")
    @Produces("application/schema+json")
    public Response manifestSchema() {
        requireEnabled();
        try (InputStream in = OpenDataResource.class.getResourceAsStream("/opendata/manifest.schema.json")) {
            return Response.ok(in.readAllBytes(), "application/schema+json")
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("opendata/journeys.xml.gz")
    @Produces("application/gzip")
    public Response publicFile(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        requireEnabled();
        OpenDataFeeds.PublicFeed feed = feeds.publicFeed()
                .orElseThrow(() -> ApiException.notFound("No public file has been published yet; it"));
        BulkDownload.RangeSource source = feed.rotated()
                ? (offset, length, out) -> store.copy(feed.runId(), offset, length, out)
                : (offset, length, out) -> store.copyExport(feed.runId(), offset, length, out);
        return BulkDownload.respond(http.method() == HttpMethod.HEAD, headers, new BulkDownload.File(feed.sha256(),
                feed.bytes(), feed.generatedAt(), "journeys.xml.gz", OpenDataDocuments.MEDIA_TYPE, feeds.maxAge(),
                false, feeds.licenceUrl(), source));
    }

    private Response document(HttpHeaders headers, String etag, long ttl, byte[] body, String type) {
        Response.ResponseBuilder response;
        List<String> noneMatch = headers.getRequestHeader(HttpHeaders.IF_NONE_MATCH);
        if (noneMatch != null && noneMatch.stream().anyMatch(v -> BulkDownload.weakMatch(v, etag))) {
            response = Response.notModified();
        } else {
            response = Response.ok(body, type);
        }
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + ttl)
                .header("Link", "<" + feeds.licenceUrl().orElseThrow() + ">; rel=\"license\"")
                .header("Access-Control-Allow-Origin", "*")
                .build();
    }

    private void requireEnabled() {
        if (!feeds.enabled()) {
            throw ApiException.notFound("Open data is not enabled on this server; the resource");
        }
    }

    private byte[] json(Map<String, Object> document) {
        try {
            return mapper.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Secrets.sha256(bytes));
    }
}

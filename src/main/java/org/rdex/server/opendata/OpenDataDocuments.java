package org.rdex.server.opendata;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.rdex.server.contact.ContactResource;
import org.rdex.server.export.ExportConfig;
import org.rdex.server.export.ExportStore;
import org.rdex.server.common.OperatorConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The two descriptions of the dataset: the discovery manifest (GBFS style: {@code last_updated}, {@code ttl},
 * {@code version}, {@code data}; schema in {@code opendata/manifest.schema.json}) and the DCAT-AP catalogue in
 * JSON-LD that data.gouv.fr can harvest.
 */
@ApplicationScoped
public class OpenDataDocuments {

    /** Version of the manifest's own format. */
    public static final String MANIFEST_VERSION = "1.0";
    public static final String MANIFEST_PATH = "/rdex/manifest.json";
    public static final String CATALOG_PATH = "/rdex/catalog.jsonld";
    static final String FORMAT = "rdex-1.0";
    static final String MEDIA_TYPE = "application/gzip";
    private static final String DAILY = "http://publications.europa.eu/resource/authority/frequency/DAILY";

    @Inject
    OpenDataConfig config;
    @Inject
    OpenDataFeeds feeds;
    @Inject
    ExportConfig exportConfig;
    @Inject
    OperatorConfig operator;
    @Inject
    ExportStore exports;
    @Inject
    OpenDataStore store;

    /** The manifest, {@code ttl} included. */
    public Map<String, Object> manifest(long ttl) {
        Optional<OpenDataFeeds.PublicFeed> publicFeed = feeds.publicFeed();
        Optional<ExportStore.Published> partners = exports.current();
        // The DOCTYPE the files were written with; before the first export with open data on, our full DTD.
        String dtdUrl = store.latest().map(OpenDataStore.PublicFile::dtdUrl).filter(u -> u != null && !u.isBlank())
                .orElse(feeds.url("/rdex/rdex-1.0.dtd"));
        List<Map<String, Object>> list = new ArrayList<>();
        publicFeed.ifPresent(f -> list.add(feed("journeys", OpenDataFeeds.PUBLIC_PATH, "public",
                f.rotated() ? "rotating" : "stable", dtdUrl, f.bytes(), f.sha256(), f.journeys(), f.generatedAt())));
        partners.ifPresent(p -> list.add(feed("journeys_partners", OpenDataFeeds.PARTNERS_PATH,
                feeds.partnersOnly() || exportConfig.access() == ExportConfig.Access.PARTNERS ? "partners" : "public",
                "stable", dtdUrl, p.bytes(), p.sha256(), p.journeys(), p.publishedAt())));
        Instant updated = publicFeed.map(OpenDataFeeds.PublicFeed::generatedAt)
                .or(() -> partners.map(ExportStore.Published::publishedAt))
                .orElse(Instant.EPOCH);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("operator", operator.name());
        data.put("site", operator.site());
        data.put("producer", Map.of("name", feeds.producerName(), "url", feeds.producerUrl()));
        Licence licence = config.licence();
        Map<String, Object> licenceMap = new LinkedHashMap<>();
        licenceMap.put("id", licence.dataGouvId());
        licenceMap.put("schema_id", licence.schemaId());
        licenceMap.put("name", licence.title());
        licenceMap.put("url", licence.url());
        data.put("licence", licenceMap);
        data.put("contact_url", contactUrl());
        data.put("contact_api_url", feeds.url(ContactResource.PATH));
        data.put("catalog_url", feeds.url(CATALOG_PATH));
        data.put("feeds", list);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("last_updated", iso(updated));
        manifest.put("ttl", ttl);
        manifest.put("version", MANIFEST_VERSION);
        manifest.put("data", data);
        return manifest;
    }

    private Map<String, Object> feed(String name, String path, String access, String ids, String dtdUrl, long bytes,
            String sha256, long journeys, Instant generated) {
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("name", name);
        feed.put("url", feeds.url(path));
        feed.put("access", access);
        feed.put("ids", ids);
        feed.put("format", FORMAT);
        feed.put("media_type", MEDIA_TYPE);
        feed.put("dtd_url", dtdUrl);
        feed.put("bytes", bytes);
        feed.put("sha256", sha256);
        feed.put("journeys", journeys);
        feed.put("generated_at", iso(generated));
        return feed;
    }

    /** The DCAT-AP catalogue: one dataset, one distribution (the public file). */
    public Map<String, Object> catalog() {
        String catalogUrl = feeds.url(CATALOG_PATH);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("dcat", "http://www.w3.org/ns/dcat#");
        context.put("dct", "http://purl.org/dc/terms/");
        context.put("foaf", "http://xmlns.com/foaf/0.1/");
        context.put("vcard", "http://www.w3.org/2006/vcard/ns#");
        context.put("locn", "http://www.w3.org/ns/locn#");
        context.put("gsp", "http://www.opengis.net/ont/geosparql#");
        context.put("spdx", "http://spdx.org/rdf/terms#");
        context.put("xsd", "http://www.w3.org/2001/XMLSchema#");

        Map<String, Object> publisher = new LinkedHashMap<>();
        publisher.put("@id", feeds.producerUrl());
        publisher.put("@type", "foaf:Agent");
        publisher.put("foaf:name", feeds.producerName());
        publisher.put("foaf:homepage", Map.of("@id", feeds.producerUrl()));
        Map<String, Object> licence = Map.of("@id", config.licence().url());
        String title = config.dataset().title().replace("%s", feeds.producerName());
        String description = config.dataset().description();

        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("@id", catalogUrl + "#journeys");
        dataset.put("@type", "dcat:Dataset");
        dataset.put("dct:identifier", catalogUrl + "#journeys");
        dataset.put("dct:title", title);
        dataset.put("dct:description", description);
        dataset.put("dct:publisher", publisher);
        dataset.put("dct:license", licence);
        dataset.put("dcat:keyword", Arrays.stream(config.dataset().keywords().split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList());
        dataset.put("dct:accrualPeriodicity", Map.of("@id", DAILY));
        dataset.put("dcat:landingPage", Map.of("@id", feeds.producerUrl()));
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("@type", "vcard:Kind");
        contact.put("vcard:fn", feeds.producerName());
        contact.put("vcard:hasURL", Map.of("@id", contactUrl()));
        dataset.put("dcat:contactPoint", contact);

        Optional<OpenDataFeeds.PublicFeed> feed = feeds.publicFeed();
        feed.flatMap(OpenDataFeeds.PublicFeed::facts).ifPresent(facts -> {
            if (facts.bbox() != null) {
                Map<String, Object> wkt = Map.of("@type", "gsp:wktLiteral", "@value", polygon(facts.bbox()));
                Map<String, Object> spatial = new LinkedHashMap<>();
                spatial.put("@type", "dct:Location");
                spatial.put("dcat:bbox", wkt);
                spatial.put("locn:geometry", wkt);
                dataset.put("dct:spatial", spatial);
            }
            if (facts.activeFrom() != null && facts.activeTo() != null) {
                Map<String, Object> temporal = new LinkedHashMap<>();
                temporal.put("@type", "dct:PeriodOfTime");
                temporal.put("dcat:startDate", Map.of("@type", "xsd:date", "@value", facts.activeFrom().toString()));
                temporal.put("dcat:endDate", Map.of("@type", "xsd:date", "@value", facts.activeTo().toString()));
                dataset.put("dct:temporal", temporal);
            }
        });
        feed.ifPresent(f -> {
            dataset.put("dct:modified", Map.of("@type", "xsd:dateTime", "@value", iso(f.generatedAt())));
            String url = feeds.url(OpenDataFeeds.PUBLIC_PATH);
            Map<String, Object> distribution = new LinkedHashMap<>();
            distribution.put("@id", url);
            distribution.put("@type", "dcat:Distribution");
            distribution.put("dct:title", "journeys.xml.gz");
            distribution.put("dct:description", "RDEX 1.0 XML, gzip-compressed"
                    + (f.rotated() ? "; journey uuids change at every export" : ""));
            distribution.put("dcat:accessURL", Map.of("@id", url));
            distribution.put("dcat:downloadURL", Map.of("@id", url));
            distribution.put("dcat:mediaType", Map.of("@id", "https://www.iana.org/assignments/media-types/" + MEDIA_TYPE));
            distribution.put("dct:format", "XML");
            distribution.put("dcat:byteSize", Map.of("@type", "xsd:nonNegativeInteger", "@value", Long.toString(f.bytes())));
            Map<String, Object> checksum = new LinkedHashMap<>();
            checksum.put("@type", "spdx:Checksum");
            checksum.put("spdx:algorithm", Map.of("@id", "spdx:checksumAlgorithm_sha256"));
            checksum.put("spdx:checksumValue", Map.of("@type", "xsd:hexBinary", "@value", f.sha256()));
            distribution.put("spdx:checksum", checksum);
            distribution.put("dct:license", licence);
            distribution.put("dct:modified", Map.of("@type", "xsd:dateTime", "@value", iso(f.generatedAt())));
            dataset.put("dcat:distribution", List.of(distribution));
        });

        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("@context", context);
        catalog.put("@id", catalogUrl);
        catalog.put("@type", "dcat:Catalog");
        catalog.put("dct:title", title);
        catalog.put("dct:description", description);
        catalog.put("dct:publisher", publisher);
        catalog.put("dct:license", licence);
        catalog.put("foaf:homepage", Map.of("@id", feeds.producerUrl()));
        catalog.put("dcat:dataset", List.of(dataset));
        return catalog;
    }

    private String contactUrl() {
        return config.producer().contactUrl().filter(s -> !s.isBlank()).orElse(feeds.producerUrl());
    }

    /** WKT of a {minLat, minLon, maxLat, maxLon} box, longitude first as WKT wants. */
    static String polygon(double[] b) {
        String minLon = num(b[1]);
        String minLat = num(b[0]);
        String maxLon = num(b[3]);
        String maxLat = num(b[2]);
        return "POLYGON((" + minLon + " " + minLat + ", " + maxLon + " " + minLat + ", " + maxLon + " " + maxLat
                + ", " + minLon + " " + maxLat + ", " + minLon + " " + minLat + "))";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

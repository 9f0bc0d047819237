package org.rdex.server.protocol.rdex12;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The RDEX 1.2 JSON API we serve ({@code GET /rdex/journeys}, {@code POST /rdex/connections}). */
@ConfigMapping(prefix = "rdex.rdex12")
public interface Rdex12Config {

    /**
     * How far a request's {@code timestamp} may be from our clock, either way; outside it the request is
     * refused with {@code timestamp_too_skewed}, so a captured signed URL cannot be replayed later.
     */
    @WithDefault("PT5M")
    Duration timestampWindow();

    /**
     * The base URL partners sign, as they reach us: {@code https://covoit.example.org/rdex} makes the signed
     * URL {@code https://covoit.example.org/rdex/journeys?...}. When unset it is rebuilt from the request:
     * its scheme, authority ({@code Host} over HTTP/1.1, {@code :authority} over HTTP/2) and path (right without a proxy that rewrites them).
     */
    Optional<String> publicUrl();

    /** Radius around the searched origin and destination, in km (RDEX 1.2 requests carry none). */
    @WithDefault("10")
    double radiusKm();

    /** Most journeys one answer holds. */
    @WithDefault("100")
    int maxResults();

    /** Longest query string accepted, in characters. */
    @WithDefault("4096")
    int maxQueryLength();

    /** Largest form body of {@code /connections}, in bytes. */
    @WithDefault("8192")
    int maxBodyBytes();
}

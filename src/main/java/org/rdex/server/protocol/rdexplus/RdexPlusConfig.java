package org.rdex.server.protocol.rdexplus;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** RDEX+ 2.0.1, served under {@code /rdexplus} and called on partners by {@link RdexPlusClient}. */
@ConfigMapping(prefix = "rdex.rdexplus")
public interface RdexPlusConfig {

    /**
     * Whether the routes answer; off, every RDEX+ route is a 404 as if absent. The prefix itself,
     * {@code /rdexplus}, is fixed: JAX-RS paths are read at build time.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Time zone of our journeys' dates and times (RDEX has none): RDEX+ speaks UNIX UTC timestamps and UTC
     * times of day, converted through this zone.
     */
    @WithDefault("Europe/Paris")
    ZoneId timeZone();

    /** Our {@code operator} in answers; defaults to the host of {@code rdex.operator.site}. */
    Optional<String> operator();

    /** Most journeys one answer holds (also when the caller gives no {@code count}). */
    @WithDefault("100")
    int maxResults();

    /** Largest {@code timeDelta} accepted. */
    @WithDefault("PT12H")
    Duration maxTimeDelta();

    /** Largest {@code POST /messages} body, in bytes. */
    @WithDefault("16384")
    int maxBodyBytes();
}

package org.rdex.server.protocol.standard;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The standard-covoiturage API we serve under {@code /standard/v1}. */
@ConfigMapping(prefix = "rdex.standard")
public interface StandardConfig {

    /**
     * Time zone of the journeys' dates and times (RDEX has none): the standard speaks UNIX UTC timestamps,
     * converted through this zone.
     */
    @WithDefault("Europe/Paris")
    ZoneId timeZone();

    /**
     * Our {@code operator} in answers, a bare host name ({@code covoit.example.org}); defaults to the host of
     * {@code rdex.operator.site}. Partners' journeys carry the host of their own site.
     */
    Optional<String> operator();

    /** Most results one answer holds (also when the caller gives no {@code count}). */
    @WithDefault("100")
    int maxResults();

    /** Largest {@code timeDelta} accepted. */
    @WithDefault("PT12H")
    Duration maxTimeDelta();

    /** Largest {@code POST /messages} body, in bytes. */
    @WithDefault("16384")
    int maxBodyBytes();
}

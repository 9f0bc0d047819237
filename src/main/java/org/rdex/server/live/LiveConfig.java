package org.rdex.server.live;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Calling partners' live APIs: live search ({@code live=true}) and contacts through RDEX 1.2 or standard-covoiturage. */
@ConfigMapping(prefix = "rdex.live")
public interface LiveConfig {

    /**
     * How long a live search waits for a partner that has no timeout of its own; past it the partner is listed
     * in {@code partnersFailed} and the search answers without it.
     */
    @WithDefault("PT2S")
    Duration timeout();

    /** Largest answer body read from a partner, in bytes; a longer one is a failure of that partner. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** Deepest JSON nesting accepted in a partner's answer (an RDEX 1.2 journey needs 5). */
    @WithDefault("32")
    int maxJsonDepth();

    /** Longest JSON string (one value) accepted in a partner's answer, in characters. */
    @WithDefault("20000")
    int maxJsonStringLength();

    /** Most journeys kept from one partner's answer (the first ones; the page size caps it too). */
    @WithDefault("100")
    int maxResultsPerPartner();

    /**
     * Time zone of the journeys' local dates and times (RDEX has none), used to turn standard-covoiturage's
     * UNIX timestamps into them and back.
     */
    @WithDefault("Europe/Paris")
    ZoneId zone();

    /** Threads of the HTTP client calling partners (its work is short: the calls themselves are asynchronous). */
    @WithDefault("4")
    int clientThreads();

    /**
     * How long partners' settings are kept in memory before being read again in full (a change of the live
     * protocols themselves is seen at once, see {@code PartnerProtocols}).
     */
    @WithDefault("PT60S")
    Duration settingsCacheTtl();

    /**
     * How long a journey seen in a live answer stays contactable ({@code POST /api/v1/contact} needs the
     * partner's user id, which only the answer carried), and how many are remembered.
     */
    @WithDefault("PT6H")
    Duration rememberFor();

    /** See {@link #rememberFor()}. */
    @WithDefault("100000")
    int rememberMax();
}

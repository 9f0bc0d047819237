package org.rdex.server.check;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The conformance check of a partner ({@code partners check NAME}). */
@ConfigMapping(prefix = "rdex.check")
public interface CheckConfig {

    /**
     * How long each call of a check waits for the partner's answer (longer than a live search's: an operator
     * is waiting for a verdict, not a user for results).
     */
    @WithDefault("PT10S")
    Duration timeout();

    /** Check reports kept per partner (the latest ones). */
    @WithDefault("20")
    int keepReports();
}

package org.rdex.server.common;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who we are in the RDEX network, and defaults applied to the journeys our platform pushes. */
@ConfigMapping(prefix = "rdex.operator")
public interface OperatorConfig {

    /** RDEX {@code operator}: the name of the company running this server, written on every exported journey. */
    @WithDefault("demo-operator")
    String name();

    /** RDEX {@code site}: the default site of own journeys when the platform does not name one. */
    @WithDefault("covoiturage.example.org")
    String site();

    /**
     * Validity of a regular journey pushed without {@code validTo}: RDEX requires {@code activeto},
     * and an offer nobody maintains should not stay published for ever.
     */
    @WithDefault("P365D")
    Duration defaultValidity();

    /**
     * Secret behind the published journey uuids (a keyed hash of the platform's id). From the environment
     * ({@code RDEX_OPERATOR_UUID_SECRET}); when unset, one is generated once and kept in the database, so
     * every instance publishes the same uuid for the same journey.
     */
    Optional<String> uuidSecret();
}

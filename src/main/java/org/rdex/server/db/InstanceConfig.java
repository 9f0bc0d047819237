package org.rdex.server.db;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Liveness of the instances sharing one database, as the others see it. */
@ConfigMapping(prefix = "rdex.instance")
public interface InstanceConfig {

    /** How often this instance records that it lives. */
    @WithDefault("PT2S")
    Duration heartbeatEvery();

    /**
     * An instance silent for this long is taken for dead: what it had claimed (contact messages being
     * relayed) is released to the others. Keep it several heartbeats long.
     */
    @WithDefault("PT10S")
    Duration staleAfter();
}

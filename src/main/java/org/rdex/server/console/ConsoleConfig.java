package org.rdex.server.console;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operator console on the management interface ({@code /console}); sign-in with the admin token. */
@ConfigMapping(prefix = "rdex.console")
public interface ConsoleConfig {

    /** How long a console session lasts after sign-in; sign in again after it. */
    @WithDefault("PT8H")
    Duration sessionTtl();
}

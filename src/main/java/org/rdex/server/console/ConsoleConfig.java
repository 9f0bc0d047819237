package org.rdex.server.console;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operator console on the management interface ({@code /console}); sign-in with the admin token. */
@ConfigMapping(prefix = "rdex.console")
public interface ConsoleConfig {

    /** How long a console session lasts after sign-in; sign in again after it. */
    @WithDefault("PT8H")
    Duration sessionTtl();

    /**
     * Failed sign-ins from one client address, within {@link #signInWindow()}, after which every sign-in from
     * it is answered 429 until that window has passed since the first of them.
     */
    @WithDefault("5")
    int signInFailures();

    /** The window of {@link #signInFailures()}. */
    @WithDefault("PT15M")
    Duration signInWindow();

    /**
     * The time zone the console shows times in: an IANA id such as {@code Europe/Paris}, or {@code system} for the
     * server's own zone.
     */
    @WithDefault("system")
    String timeZone();

    /** {@link #timeZone()} as a zone. @throws java.time.DateTimeException for an unknown id */
    default ZoneId zone() {
        return timeZone().isBlank() || timeZone().equalsIgnoreCase("system") ? ZoneId.systemDefault()
                : ZoneId.of(timeZone().strip());
    }
}

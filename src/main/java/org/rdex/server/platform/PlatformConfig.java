package org.rdex.server.platform;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Access of the operator's own backend to the platform API ({@code /api/v1}). */
@ConfigMapping(prefix = "rdex.platform")
public interface PlatformConfig {

    /**
     * Bearer token of the platform backend ({@code RDEX_PLATFORM_TOKEN}). Unset means nobody gets in:
     * the platform API fails closed.
     */
    Optional<String> token();
}

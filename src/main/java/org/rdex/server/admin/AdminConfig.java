package org.rdex.server.admin;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Access to the admin API on the management interface. */
@ConfigMapping(prefix = "rdex.admin")
public interface AdminConfig {

    /**
     * Bearer token of the admin API ({@code RDEX_ADMIN_TOKEN}). Unset means the admin API refuses every
     * call; the CLI on the server's machine still works.
     */
    Optional<String> token();
}

package org.rdex.server.console;

import java.util.Optional;

/**
 * One page of the console: a CDI bean that registers its routes and names its entry in the top bar. The
 * security chain ({@link ConsoleRouter}) runs before every route a page registers, so a page never checks the
 * session nor the CSRF token itself. Adding a page: a class implementing this with its
 * {@code @CheckedTemplate}, a template in {@code templates/console}, and {@link #nav()}.
 */
public interface ConsolePage {

    /** Registers the page's routes under {@code /console}. */
    void register(PageRoutes routes);

    /** The page's entry in the top bar; empty for a page reached from another (a partner's page). */
    default Optional<Nav> nav() {
        return Optional.empty();
    }
}

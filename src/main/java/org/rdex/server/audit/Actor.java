package org.rdex.server.audit;

import java.util.Optional;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * Who is making the current change, kept in the request's Vert.x context so that it follows the request from
 * the handler that authenticated it (event loop) to the blocking handler that calls the service (worker).
 * Outside a request nothing is set: {@link AuditLog} then says {@code cli} in a CLI process, else {@code system}.
 */
public final class Actor {

    public static final String ADMIN_TOKEN = "admin token";
    public static final String CONSOLE = "console";
    public static final String CLI = "cli";
    public static final String SYSTEM = "system";

    private static final String KEY = "rdex.audit.actor";

    private Actor() {
    }

    /** Names the actor of the current request; a no-op outside one. */
    public static void set(String who) {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, who);
        }
    }

    /** The actor set for the current request, if any. */
    public static Optional<String> current() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.<String>get(KEY) : Optional.empty();
    }
}

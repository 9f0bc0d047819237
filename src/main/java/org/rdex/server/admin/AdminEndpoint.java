package org.rdex.server.admin;

import io.vertx.ext.web.Router;

/**
 * A feature's part of the admin API. Implementations are {@code @ApplicationScoped} beans; their routes
 * are mounted on the management interface (port 9000, localhost by default) under {@code /admin}, behind
 * the admin token check and a body handler. Use {@code blockingHandler} for anything touching the database
 * and {@link AdminResponses} to answer.
 */
public interface AdminEndpoint {

    void register(Router router);
}

package org.rdex.server.admin;

import io.vertx.ext.web.Router;

/**
 * A feature's part of the admin API. Implementations are {@code @ApplicationScoped} beans; their routes
 * are mounted on the management interface (port 9000, localhost by default) under {@code /admin}, behind
 * the admin token check and a body handler. Use {@code blockingHandler} for anything touching the database
 * and {@link AdminResponses} to answer. Refuse by throwing an {@code ApiException}; never write an error body
 * yourself: {@link AdminInterface} maps every failure to the one error body.
 */
public interface AdminEndpoint {

    void register(Router router);
}

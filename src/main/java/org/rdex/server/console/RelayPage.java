package org.rdex.server.console;

import java.util.List;
import java.util.Optional;

import org.rdex.server.contact.RelayChannel;
import org.rdex.server.contact.RelayQueue;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code /console/relay}: the contact messages waiting, failed and delivered; a failed one retried. */
@ApplicationScoped
public class RelayPage implements ConsolePage {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance relay(Chrome chrome, List<ServerStatus.Metric> counts, String relayProblem,
                List<RelayQueue.Pending> pending, List<RelayQueue.Failed> failed, List<RelayQueue.Delivered> delivered);
    }

    @Inject
    ConsoleView view;
    @Inject
    ServerStatus status;
    @Inject
    RelayQueue queue;
    @Inject
    RelayChannel relayChannel;

    @Override
    public void register(PageRoutes routes) {
        routes.get("/console/relay", this::show).post("/console/relay/:id/retry", this::retry);
    }

    @Override
    public Optional<Nav> nav() {
        return Optional.of(new Nav("relay", "Relay queue", "/console/relay", 40));
    }

    private void show(RoutingContext rc) {
        ConsoleView.html(rc, 200, Templates.relay(view.chrome(rc, "relay"), status.relayCounts(),
                relayChannel.problem().orElse(null), queue.pending(100), queue.failed(100), queue.delivered(20)));
    }

    private void retry(RoutingContext rc) {
        long id;
        try {
            id = Long.parseLong(rc.pathParam("id"));
        } catch (NumberFormatException e) {
            view.notFound(rc, "message");
            return;
        }
        if (!queue.retry(id)) {
            view.message(rc, 409, "Not retried", "Only a failed message whose text has not been purged can be retried.");
            return;
        }
        ConsoleView.redirect(rc, "/console/relay?done=retried");
    }
}

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
        routes.get("/console/relay", this::show).post("/console/relay/:id/retry", this::retry)
                .post("/console/relay/:id/drop", this::drop);
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
        change(rc, queue::retry, "retried", "Not retried",
                "Only a failed message whose text has not been purged, or a waiting one, can be retried.");
    }

    private void drop(RoutingContext rc) {
        change(rc, queue::drop, "dropped", "Not dropped",
                "Only a message waiting for its next attempt can be dropped (not one being delivered right now).");
    }

    private void change(RoutingContext rc, java.util.function.LongPredicate action, String done, String title,
            String refusal) {
        long id;
        try {
            id = Long.parseLong(rc.pathParam("id"));
        } catch (NumberFormatException e) {
            view.notFound(rc, "message");
            return;
        }
        if (!action.test(id)) {
            view.message(rc, 409, title, refusal);
            return;
        }
        ConsoleView.redirect(rc, "/console/relay?done=" + done);
    }
}

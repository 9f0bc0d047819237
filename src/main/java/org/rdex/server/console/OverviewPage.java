package org.rdex.server.console;

import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.rdex.server.contact.RelayChannel;
import org.rdex.server.export.ExportRuns;
import org.rdex.server.export.ExportService;
import org.rdex.server.export.ExportSpace;
import org.rdex.server.export.ExportStore;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code /console}: health, the export (published file, runs, next run, run now), the relay, the meters. */
@ApplicationScoped
public class OverviewPage implements ConsolePage {

    private static final Logger LOG = Logger.getLogger(OverviewPage.class);

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance overview(Chrome chrome, String health, List<ServerStatus.Check> checks,
                ExportStore.Published published, String spaceWarning, List<ExportRuns.Run> runs, long failures,
                ExportRuns.Next nextExport, List<ServerStatus.Metric> relay, String relayProblem,
                List<ServerStatus.Metric> metrics);
    }

    @Inject
    ConsoleView view;
    @Inject
    ServerStatus status;
    @Inject
    ExportRuns exportRuns;
    @Inject
    ExportService exports;
    @Inject
    ExportStore exportStore;
    @Inject
    ExportSpace exportSpace;
    @Inject
    RelayChannel relayChannel;

    @Override
    public void register(PageRoutes routes) {
        routes.get("/console", this::show).post("/console/export/run", this::runExport);
    }

    @Override
    public Optional<Nav> nav() {
        return Optional.of(new Nav("overview", "Overview", "/console", 10));
    }

    private void show(RoutingContext rc) {
        List<ExportRuns.Run> runs = exportRuns.recent(10);
        Optional<ExportStore.Published> published = exportStore.current();
        ConsoleView.html(rc, 200, Templates.overview(view.chrome(rc, "overview"), status.healthStatus(),
                status.checks(), published.orElse(null),
                published.flatMap(p -> exportSpace.estimate(p.bytes())).filter(ExportSpace.Estimate::low)
                        .map(ExportSpace.Estimate::warning).orElse(null),
                runs, runs.stream().filter(ExportRuns.Run::failed).count(), exportRuns.next(), status.relayCounts(),
                relayChannel.problem().orElse(null), status.metrics()));
    }

    private void runExport(RoutingContext rc) {
        Background.run("export", () -> LOG.info("Export started from the console: "
                + exports.export(Optional.empty()).summary()));
        ConsoleView.redirect(rc, "/console?done=export");
    }
}

package org.rdex.server.console;

import java.util.List;
import java.util.Optional;

import org.rdex.server.history.HistoryStore;
import org.rdex.server.overview.OverviewCharts;
import org.rdex.server.overview.OverviewService;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code /console/history?days=N}: how things are going, as charts rendered on the server (SVG, no script):
 * export runs, imports per partner (failing or jumping ones first), relay, live protocols, refused keys, and the
 * keys' last use.
 */
@ApplicationScoped
public class HistoryPage implements ConsolePage {

    /** The periods offered as links. */
    static final List<Integer> PERIODS = List.of(1, 8, 30, 90);

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance history(Chrome chrome, int days, List<Integer> periods,
                List<OverviewCharts.Section> sections, List<HistoryStore.KeyRefusals> refusedKeys,
                List<OverviewCharts.KeyUse> lastUse);
    }

    @Inject
    ConsoleView view;
    @Inject
    OverviewCharts charts;
    @Inject
    ConsoleConfig config;

    @Override
    public void register(PageRoutes routes) {
        routes.get("/console/history", this::show);
    }

    @Override
    public Optional<Nav> nav() {
        return Optional.of(new Nav("history", "History", "/console/history", 15));
    }

    private void show(RoutingContext rc) {
        int days = OverviewService.DEFAULT_DAYS;
        String asked = rc.queryParams().get("days");
        if (asked != null) {
            try {
                days = Integer.parseInt(asked.strip());
            } catch (NumberFormatException e) {
                days = -1;
            }
        }
        int shown = days;
        List<Integer> periods = PERIODS.stream().filter(p -> p <= 90).toList();
        try {
            OverviewService.Keys keys = charts.keyTable(shown);
            ConsoleView.html(rc, 200, Templates.history(view.chrome(rc, "history"), shown, periods,
                    charts.sections(shown, config.zone()), keys.byKey(), OverviewCharts.lastUse(keys)));
        } catch (org.rdex.server.common.ApiException e) {
            view.message(rc, 400, "Not shown", "The period must be a number of days the history keeps (1 to 90 by"
                    + " default).");
        }
    }
}

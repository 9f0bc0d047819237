package org.rdex.server.journey;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.rdex.server.common.RuntimeSettings;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Demo journeys for a first run ({@code rdex.demo.journeys}, set in %dev): inserted once, when the server
 * has no own journey at all, before the first export is made.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    @ConfigProperty(name = "rdex.demo.journeys", defaultValue = "0")
    long demoJourneys;
    @Inject
    RuntimeSettings runtime;
    @Inject
    JourneyBulkService bulk;

    void seed(@Observes @Priority(4000) StartupEvent event) throws Exception {
        if (runtime.cli() || demoJourneys <= 0 || Journey.count() > 0) {
            return;
        }
        bulk.generate(demoJourneys, 42);
        LOG.infof("Inserted %d demo journeys (rdex.demo.journeys)", demoJourneys);
    }
}

package org.rdex.server.opendata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;
import org.rdex.server.db.DataDirectory;
import org.rdex.server.export.ExportPublished;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * After each published export: reads the file back for its facts, writes the public copy with rotated ids
 * when configured, stores both, then hands the public file to the data.gouv.fr push. Runs inside the
 * export's lock, so two runs never interleave; whatever fails here leaves the export published.
 */
@ApplicationScoped
public class OpenDataPublisher {

    private static final Logger LOG = Logger.getLogger(OpenDataPublisher.class);

    @Inject
    OpenDataConfig config;
    @Inject
    OpenDataStore store;
    @Inject
    DataDirectory dataDirectory;
    @Inject
    DataGouvPush push;
    @Inject
    MeterRegistry registry;

    void onPublished(@Observes ExportPublished event) {
        if (!config.enabled()) {
            return;
        }
        try {
            prepare(event);
        } catch (Exception | StackOverflowError e) {
            // The boundary: the export stands, the previous public file stays until the next run.
            registry.counter("rdex.opendata.public.failures").increment();
            LOG.errorf(e, "Public file of export run %d could not be made; the previous one stays", event.runId());
            return;
        }
        push.schedule();
    }

    private void prepare(ExportPublished event) throws Exception {
        boolean rotate = config.rotateIds();
        Path rotated = rotate ? Files.createTempFile(dataDirectory.resolve("export"), "public-" + event.runId() + "-",
                ".xml.gz") : null;
        try {
            PublicFileBuilder.Built built = PublicFileBuilder.build(event.file(), event.options(),
                    rotate ? IdRotation.freshSalt() : null, config.rotatedUrl().filter(s -> !s.isBlank()), rotated);
            if (rotate) {
                store.save(event.runId(), true, built.sha256().orElseThrow(), built.bytes(), event.options().dtdUrl(),
                        built.facts(), rotated);
            } else {
                store.save(event.runId(), false, event.sha256(), event.bytes(), event.options().dtdUrl(), built.facts(),
                        null);
            }
            LOG.infof("Public file of export run %d: %d journeys%s", event.runId(), built.facts().journeys(),
                    rotate ? ", ids rotated" : ", same file as partners'");
        } finally {
            if (rotated != null) {
                try {
                    Files.deleteIfExists(rotated);
                } catch (IOException e) {
                    LOG.warnf("Cannot delete scratch file %s", rotated);
                }
            }
        }
    }
}

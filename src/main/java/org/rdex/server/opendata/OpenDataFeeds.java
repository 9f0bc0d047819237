package org.rdex.server.opendata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.rdex.server.export.DownloadPolicy;
import org.rdex.server.export.ExportConfig;
import org.rdex.server.export.ExportStore;
import org.rdex.server.common.OperatorConfig;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Which file is which, and how long each stays fresh. The partners' feed ({@code /rdex/journeys.xml.gz}) is
 * the export itself, stable uuids. The public file ({@code /rdex/opendata/journeys.xml.gz}) is the same file
 * when ids do not rotate, or its copy with per-export uuids when they do.
 */
@ApplicationScoped
public class OpenDataFeeds implements DownloadPolicy {

    private static final Logger LOG = Logger.getLogger(OpenDataFeeds.class);
    /** What the partners' feed said before open data: kept when open data is off. */
    private static final long DEFAULT_MAX_AGE = 300;

    public static final String PUBLIC_PATH = "/rdex/opendata/journeys.xml.gz";
    public static final String PARTNERS_PATH = "/rdex/journeys.xml.gz";

    @Inject
    OpenDataConfig config;
    @Inject
    ExportConfig exportConfig;
    @Inject
    OperatorConfig operator;
    @Inject
    ExportStore exports;
    @Inject
    OpenDataStore store;

    Clock clock = Clock.systemUTC();

    /** The public file as served: its bytes, digest and facts. */
    public record PublicFeed(long runId, boolean rotated, String sha256, long bytes, long journeys,
            Instant generatedAt, Optional<FileFacts> facts) {
    }

    void warnAtStart(@Observes StartupEvent event) {
        if (config.enabled() && config.rotateIds()) {
            LOG.info("Open data with rotating ids: /rdex/journeys.xml.gz (stable uuids) is reserved to partner keys;"
                    + " " + PUBLIC_PATH + " is public");
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** With rotating ids, the stable file would undo them: only partners may download it. */
    @Override
    public boolean partnersOnly() {
        return config.enabled() && config.rotateIds();
    }

    @Override
    public Optional<String> licenceUrl() {
        return config.enabled() ? Optional.of(config.licence().url()) : Optional.empty();
    }

    /** Seconds until the next scheduled export: the freshness of the file and of the manifest. */
    public long ttlSeconds() {
        return ttlSeconds(exportConfig.cron(), ZonedDateTime.now(clock));
    }

    static long ttlSeconds(String cron, ZonedDateTime now) {
        if (cron == null || cron.isBlank() || cron.strip().equalsIgnoreCase("off")) {
            return 0;
        }
        try {
            CronParser parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
            return ExecutionTime.forCron(parser.parse(cron.strip())).nextExecution(now)
                    .map(next -> Math.max(0, Duration.between(now, next).toSeconds()))
                    .orElse(0L);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** {@code Cache-Control: max-age} of the files: the ttl with open data, as before otherwise. */
    @Override
    public long maxAge() {
        return config.enabled() ? ttlSeconds() : DEFAULT_MAX_AGE;
    }

    public Optional<PublicFeed> publicFeed() {
        Optional<OpenDataStore.PublicFile> latest = store.latest();
        if (config.rotateIds()) {
            return latest.filter(OpenDataStore.PublicFile::rotated)
                    .map(f -> new PublicFeed(f.runId(), true, f.sha256(), f.bytes(), f.facts().journeys(),
                            f.createdAt(), Optional.of(f.facts())));
        }
        return exports.current().map(p -> new PublicFeed(p.runId(), false, p.sha256(), p.bytes(), p.journeys(),
                p.publishedAt(), latest.filter(f -> f.runId() == p.runId()).map(OpenDataStore.PublicFile::facts)
                        .or(() -> latest.map(OpenDataStore.PublicFile::facts))));
    }

    public String producerName() {
        return config.producer().name().filter(s -> !s.isBlank()).orElse(operator.name());
    }

    public String producerUrl() {
        return config.producer().url().filter(s -> !s.isBlank()).orElse("https://" + operator.site());
    }

    /** Absolute public URL of a path of ours. */
    public String url(String path) {
        String base = config.publicUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}

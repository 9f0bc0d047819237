package org.rdex.server.journey;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.OperatorConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Bulk paths into the own-journey table: synthetic generation and JSON Lines loading, both with COPY. */
@ApplicationScoped
public class JourneyBulkService {

    private static final Logger LOG = Logger.getLogger(JourneyBulkService.class);
    private static final int BATCH = 5000;

    /** Outcome of a bulk load: rows stored, and every rejected line with its reasons. */
    public record LoadReport(long loaded, List<String> rejected) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OperatorConfig operator;
    @Inject
    PublicIds publicIds;
    @Inject
    ObjectMapper json;

    Clock clock = Clock.systemDefaultZone();

    /** Inserts {@code count} synthetic journeys with ids {@code gen-<seed>-<n>}; returns how many. */
    public long generate(long count, long seed) throws SQLException, IOException {
        LocalDate today = LocalDate.now(clock);
        JourneyGenerator generator = new JourneyGenerator(seed, operator.site(), today);
        long done = 0;
        String prefix = "gen-" + seed + "-" + Long.toString(clock.millis(), 36) + "-";
        while (done < count) {
            int batch = (int) Math.min(BATCH * 10L, count - done);
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (JourneyCopyWriter copy = new JourneyCopyWriter(c)) {
                    for (int i = 0; i < batch; i++) {
                        String id = prefix + (done + i);
                        copy.write(entity(id, generator.next(id), today));
                    }
                }
                c.commit();
            }
            done += batch;
            LOG.infof("Generated %d/%d journeys", done, count);
        }
        return done;
    }

    /**
     * Loads JSON Lines, one platform-API journey per line with its {@code id}. Existing journeys with the
     * same id are replaced. Invalid lines are reported and skipped; the valid ones are stored.
     */
    public LoadReport load(Path file) throws IOException, SQLException {
        LocalDate today = LocalDate.now(clock);
        List<String> rejected = new ArrayList<>();
        // Keyed by id: a later line for the same id replaces an earlier one, as a PUT would.
        Map<String, Journey> batch = new LinkedHashMap<>();
        long loaded = 0;
        long lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JourneyPayload payload;
                try {
                    payload = json.readValue(line, JourneyPayload.class);
                } catch (JsonProcessingException e) {
                    rejected.add(lineNumber + ": not a JSON journey");
                    continue;
                }
                List<FieldError> errors = JourneyValidator.validate(payload.id(), payload);
                if (!errors.isEmpty()) {
                    rejected.add(lineNumber + ": " + errors.stream().map(f -> f.field() + " " + f.message())
                            .reduce((a, b) -> a + "; " + b).orElse(""));
                    continue;
                }
                batch.put(payload.id(), entity(payload.id(), payload, today));
                if (batch.size() == BATCH) {
                    loaded += store(batch);
                }
            }
        }
        loaded += store(batch);
        return new LoadReport(loaded, rejected);
    }

    private long store(Map<String, Journey> batch) throws SQLException, IOException {
        if (batch.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement(
                    "delete from journey where external_id = any (?)")) {
                delete.setArray(1, c.createArrayOf("text", batch.keySet().toArray()));
                delete.executeUpdate();
            }
            try (JourneyCopyWriter copy = new JourneyCopyWriter(c)) {
                for (Journey j : batch.values()) {
                    copy.write(j);
                }
            }
            c.commit();
        }
        long n = batch.size();
        batch.clear();
        return n;
    }

    private Journey entity(String id, JourneyPayload payload, LocalDate today) {
        Journey journey = new Journey();
        PlatformJourneyMapper.apply(payload, journey, operator, today);
        journey.externalId = id;
        journey.uuid = publicIds.uuidFor(id);
        journey.updatedAt = Instant.now(clock);
        return journey;
    }
}

package org.rdex.server.imports;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A search answer cap small enough for a page of journeys at their field limits to reach it, a lock-hold limit
 * and an idle-in-transaction timeout short enough for a test to see them act.
 */
public class FatFileTestProfile implements QuarkusTestProfile {

    static final int MAX_ANSWER_BYTES = 100_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("rdex.search.max-answer-bytes", String.valueOf(MAX_ANSWER_BYTES),
                "rdex.database.readiness.max-lock-held", "PT1S",
                "rdex.database.session.idle-in-transaction-timeout", "PT2S",
                "rdex.database.session.statement-timeout", "PT20S");
    }
}

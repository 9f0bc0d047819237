package org.rdex.server.imports;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Small caps and timeouts, so that a gzip bomb or a stalled partner is stopped in a test's time. */
public class ImportTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("rdex.import.max-decompressed-bytes", String.valueOf(4L * 1024 * 1024),
                "rdex.import.read-timeout", "PT2S");
    }
}

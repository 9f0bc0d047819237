package org.rdex.server.opendata;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Open data on, ids rotating, pushes to the local udata stand-in with quick retries. */
public class OpenDataTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("rdex.opendata.enabled", "true"),
                Map.entry("rdex.opendata.rotate-ids", "true"),
                Map.entry("rdex.opendata.public-url", "https://rdex.example.org"),
                Map.entry("rdex.opendata.producer.name", "Covoit Test"),
                Map.entry("rdex.opendata.producer.url", "https://covoit.example.org"),
                Map.entry("rdex.opendata.datagouv.base-url", UdataStandIn.baseUrl()),
                Map.entry("rdex.opendata.datagouv.dataset", UdataStandIn.DATASET),
                Map.entry("rdex.opendata.datagouv.resource", UdataStandIn.RESOURCE),
                Map.entry("rdex.opendata.datagouv.api-key", UdataStandIn.KEY),
                Map.entry("rdex.opendata.datagouv.resource-title", "Trajets de covoiturage (RDEX)"),
                Map.entry("rdex.opendata.datagouv.attempts", "3"),
                Map.entry("rdex.opendata.datagouv.initial-backoff", "PT0.05S"),
                Map.entry("rdex.opendata.datagouv.max-backoff", "PT0.2S"));
    }
}

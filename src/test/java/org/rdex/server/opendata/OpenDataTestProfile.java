package org.rdex.server.opendata;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Open data on, ids rotating, pushes to the local udata stand-in with quick retries. */
public class OpenDataTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return UdataStandIn.pushTo(Map.of(
                "rdex.opendata.rotate-ids", "true",
                "rdex.opendata.public-url", "https://rdex.example.org",
                "rdex.opendata.producer.name", "Covoit Test",
                "rdex.opendata.producer.url", "https://covoit.example.org",
                "rdex.opendata.datagouv.resource-title", "Trajets de covoiturage (RDEX)",
                "rdex.opendata.datagouv.attempts", "3"));
    }
}

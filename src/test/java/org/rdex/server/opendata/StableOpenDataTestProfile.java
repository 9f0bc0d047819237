package org.rdex.server.opendata;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Open data on without rotation, ODbL, pushing in remote mode (metadata update) to the local udata stand-in. */
public class StableOpenDataTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return UdataStandIn.pushTo(Map.of(
                "rdex.opendata.licence", "odc-odbl",
                "rdex.opendata.public-url", "https://rdex.example.org/",
                "rdex.opendata.datagouv.mode", "remote"));
    }
}

package org.rdex.server.live;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Partners simulated on loopback, one simulator for the test class; every test starts with no partner's live
 * settings, so only the partners it configures are asked.
 */
abstract class SimulatedPartnersUnitTest {

    static PartnerSimulator sim;

    @BeforeAll
    static void startSimulator() throws Exception {
        sim = new PartnerSimulator();
    }

    @AfterAll
    static void stopSimulator() throws Exception {
        sim.close();
    }

    @BeforeEach
    void forgetEarlierPartners() {
        LiveFixtures.forgetLivePartners();
    }
}

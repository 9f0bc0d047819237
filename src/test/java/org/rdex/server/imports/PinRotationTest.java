package org.rdex.server.imports;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rdex.server.partner.FeedCertificateCheck;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.partner.PartnerUpdate;
import org.rdex.server.support.ServerTestBase;
import org.rdex.server.tls.ServerCertificate;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** A partner changes server and certificate: updated in place, its journeys stay, both pins work meanwhile. */
@QuarkusTest
@TestProfile(ImportTestProfile.class)
class PinRotationTest extends ServerTestBase {

    @Inject
    ImportService imports;
    @Inject
    PartnerService partners;
    @Inject
    FeedCertificateCheck certificates;

    /** Read from the table: the test checks which journeys the database holds. */
    private List<String> uuids(Partner p) throws Exception {
        return StoredJourneys.values(dataSource, p.id, "uuid");
    }

    private ImportReport run(String name) {
        return imports.importPartner(name, Optional.empty(), Optional.empty());
    }

    private static PartnerUpdate pins(String feedUrl, String add, String remove) {
        return new PartnerUpdate(null, feedUrl, null, null, null, add, remove);
    }

    @Test
    void update_keeps_journeys_and_an_import_works_with_the_new_pin_during_and_after_a_rotation() throws Exception {
        try (FeedServer old = FeedServer.https(); FeedServer renewed = FeedServer.https()) {
            old.handler = ex -> FeedServer.send(ex, 200, Feeds.utf8(Feeds.doc(Feeds.journey("old-1") + Feeds.journey("old-2"))));
            renewed.handler = ex -> FeedServer.send(ex, 200, Feeds.utf8(Feeds.doc(Feeds.journey("new-1"))));
            Partner p = partners.add(new NewPartner("rotating", "partnerco", old.url("/feed"), List.of("partner.example"),
                    null, old.fingerprint));
            partners.setOutboundKey("rotating", "their-key");
            assertEquals(ImportReport.Outcome.IMPORTED, run("rotating").outcome());

            // The partner announces its new certificate: both pins accepted, nothing lost.
            Partner rotating = partners.update("Rotating", pins(null, renewed.fingerprint, null)).orElseThrow();
            assertEquals(List.of(old.fingerprint, renewed.fingerprint), rotating.pins());
            assertEquals(List.of("old-1", "old-2"), uuids(p), "an update keeps the partner's journeys");
            assertTrue(partners.outboundKey(partners.findByName("rotating").orElseThrow()).isPresent(), "and its key");
            ImportReport stillOld = run("rotating");
            assertEquals(ImportReport.Outcome.IMPORTED, stillOld.outcome(), stillOld.describe());

            // The partner switches servers: the new pin works.
            partners.update("rotating", pins(renewed.url("/feed"), null, null));
            ImportReport switched = run("rotating");
            assertEquals(ImportReport.Outcome.IMPORTED, switched.outcome(), switched.describe());
            assertEquals(List.of("new-1"), uuids(p));

            // The old pin is removed: the old certificate is no longer trusted.
            assertEquals(List.of(renewed.fingerprint),
                    partners.update("rotating", pins(old.url("/feed"), null, old.fingerprint)).orElseThrow().pins());
            ImportReport refused = run("rotating");
            assertEquals(ImportReport.Outcome.FAILED, refused.outcome());
            assertThat(refused.message(), containsString("TLS"));
            assertEquals(List.of("new-1"), uuids(p), "a failed import keeps the journeys");
        }
    }

    @Test
    void warns_when_an_unpinned_https_feed_has_a_certificate_that_does_not_validate() throws Exception {
        try (FeedServer server = FeedServer.https()) {
            Partner p = partners.add(new NewPartner("self-signed", "partnerco", server.url("/feed"),
                    List.of("partner.example"), null, null));
            String warning = certificates.warning(p).orElseThrow();
            assertThat(warning, containsString("does not validate"));
            assertThat(ServerCertificate.normalizeFingerprint(warning.substring(warning.indexOf("is ") + 3,
                    warning.indexOf(':', warning.indexOf("is ") + 3) + 96)), containsString(server.fingerprint));

            Partner pinned = partners.update("self-signed", new PartnerUpdate(null, null, null, null,
                    List.of(server.fingerprint), null, null)).orElseThrow();
            assertTrue(certificates.warning(pinned).isEmpty(), "a pinned feed needs no warning");
        }
    }
}

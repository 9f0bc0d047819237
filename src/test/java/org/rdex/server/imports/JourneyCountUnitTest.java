package org.rdex.server.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.rdex.RdexFormatException;
import org.rdex.server.rdex.RdexReader;

/** {@link JourneyStore#count}: an import's counts and reasons, without a database (the partner check's dry run). */
class JourneyCountUnitTest {

    @Test
    void counts_accepted_rejected_repeated_and_expired_journeys_as_an_import_would_and_hands_over_the_kept_ones()
            throws IOException {
        String file = Feeds.doc(Feeds.journey("a") + Feeds.journey("a") + Feeds.journey("old", "Bordeaux",
                "44.8378,-0.5792", LocalDate.now().minusDays(3).toString()).replace("<activefrom>" + LocalDate.now(),
                        "<activefrom>" + LocalDate.now().minusDays(10)) + Feeds.journey("far", "Bordeaux",
                "144.8,-0.5", Feeds.FUTURE) + Feeds.journey("b"));
        List<SharedJourney> kept = new ArrayList<>();

        JourneyStore.Stored counted = JourneyStore.count("partnerco", new ByteArrayInputStream(Feeds.gzip(Feeds.utf8(file))),
                RdexReader.Options.defaults(), LocalDate.now(), 10, kept::add);

        assertEquals(2, counted.accepted());
        assertEquals(2, counted.rejected(), counted.rejections().toString());
        assertEquals(1, counted.expired());
        assertEquals(List.of("a", "b"), kept.stream().map(SharedJourney::uuid).toList());
        assertTrue(counted.rejections().get(0).startsWith("far: "), counted.rejections().toString());
        assertTrue(counted.rejections().get(1).contains("repeating the uuid"), counted.rejections().toString());
    }

    @Test
    void a_file_an_import_would_refuse_is_refused() {
        assertThrows(RdexFormatException.class, () -> JourneyStore.count("partnerco",
                new ByteArrayInputStream(Feeds.utf8("<html><body>not RDEX</body></html>")), RdexReader.Options.defaults(),
                LocalDate.now(), 10, j -> {
                }));
    }
}

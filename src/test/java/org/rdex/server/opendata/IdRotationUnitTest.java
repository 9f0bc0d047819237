package org.rdex.server.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class IdRotationUnitTest {

    private static final String STABLE = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void same_salt_gives_one_id_per_journey_and_another_salt_another_id() {
        IdRotation a = IdRotation.withSalt(new byte[32]);
        assertEquals(a.rotate(STABLE), a.rotate(STABLE));
        assertNotEquals(a.rotate(STABLE), a.rotate(STABLE.replace('0', '1')));
        assertNotEquals(a.rotate(STABLE), IdRotation.freshSalt().rotate(STABLE));
        assertNotEquals(IdRotation.freshSalt().rotate(STABLE), IdRotation.freshSalt().rotate(STABLE));
    }

    @Test
    void rotated_ids_are_version_8_uuids() {
        String id = IdRotation.freshSalt().rotate(STABLE);
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
    }

    @Test
    void ttl_counts_the_seconds_to_the_next_scheduled_export() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 30, 2, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(1800, OpenDataFeeds.ttlSeconds("0 30 2 * * ?", now));
        assertEquals(24 * 3600 - 1800, OpenDataFeeds.ttlSeconds("0 30 1 * * ?", now));
        assertEquals(0, OpenDataFeeds.ttlSeconds("off", now));
        assertEquals(0, OpenDataFeeds.ttlSeconds("not a cron", now));
    }

    @Test
    void bounding_box_is_written_longitude_first() {
        assertEquals("POLYGON((5.37 43.297, 6.1 43.297, 6.1 44.5, 5.37 44.5, 5.37 43.297))",
                OpenDataDocuments.polygon(new double[] {43.297, 5.37, 44.5, 6.1}));
    }
}

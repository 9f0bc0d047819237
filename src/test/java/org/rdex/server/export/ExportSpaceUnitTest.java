package org.rdex.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExportSpaceUnitTest {

    private static final long MB = 1 << 20;

    @Test
    void the_next_export_needs_the_last_file_times_the_factor_plus_the_margin() {
        assertEquals(5 * 15 * MB + 32 * MB, ExportSpace.needed(15 * MB, 5, 32));
        assertEquals(0, ExportSpace.needed(0, 5, 32), "nothing published: nothing to estimate from");
    }

    @Test
    void warns_when_free_space_is_below_what_the_next_export_needs() {
        // The case: 43 MB free, a 15 MB export.
        ExportSpace.Estimate estimate = new ExportSpace.Estimate(43 * MB, ExportSpace.needed(15 * MB, 5, 32));
        assertTrue(estimate.low());
        assertEquals("low disk space: 43 MB free on the data directory, the next export needs about 107 MB",
                estimate.warning());
        assertFalse(new ExportSpace.Estimate(200 * MB, ExportSpace.needed(15 * MB, 5, 32)).low());
    }
}

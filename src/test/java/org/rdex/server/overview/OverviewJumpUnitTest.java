package org.rdex.server.overview;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class OverviewJumpUnitTest {

    private static OverviewService.ImportPoint run(long rejected) {
        return new OverviewService.ImportPoint(Instant.EPOCH, "IMPORTED", false, 100, rejected, 0, 10);
    }

    @Test
    void rejections_jump_when_the_last_run_rejects_over_twice_the_average_and_at_least_ten() {
        assertTrue(OverviewService.jumped(List.of(run(3), run(5), run(30))));
        assertFalse(OverviewService.jumped(List.of(run(3), run(5), run(9))), "under ten is noise");
        assertFalse(OverviewService.jumped(List.of(run(20), run(30), run(40))), "not twice the average");
        assertFalse(OverviewService.jumped(List.of(run(500))), "one run has nothing to jump from");
    }
}

package org.rdex.server.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Journey search of the platform API. */
@ConfigMapping(prefix = "rdex.search")
public interface SearchConfig {

    /** Radius around the searched origin and destination when the caller gives none, in km. */
    @WithDefault("10")
    double defaultRadiusKm();

    /** Largest radius a caller may ask for, in km: wider boxes read too much of the index to stay fast. */
    @WithDefault("100")
    double maxRadiusKm();

    /** Results per page when the caller gives no {@code size}. */
    @WithDefault("20")
    int defaultPageSize();

    /** Largest {@code size}. */
    @WithDefault("100")
    int maxPageSize();

    /** Largest {@code page} (1-based): deep offsets cost a scan of every skipped row. */
    @WithDefault("50")
    int maxPage();

    /** Longest date range (dateFrom..dateTo), in days; also the range searched when no date is given. */
    @WithDefault("31")
    int maxDateRangeDays();
}

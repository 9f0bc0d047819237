package org.rdex.server.search;

import java.time.Duration;

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

    /**
     * Largest size of one page of stored results, in bytes of JSON (about): a page that would be larger ends
     * early with {@code hasMore} true. With the field limits a result is at most about 5 KB, so the default
     * is never reached by a full page of 100; it bounds what rows stored before the limits (or a wider page
     * setting) can make a search answer take, on every search route.
     */
    @WithDefault("1048576")
    int maxAnswerBytes();

    /** A search statement running longer is cancelled (the caller gets a 503 or 500, the session is freed). */
    @WithDefault("PT30S")
    Duration statementTimeout();
}

package org.rdex.server.live;

import java.util.List;

import org.rdex.server.search.SearchResult;

/**
 * A search with {@code live=true}: the stored search's page, merged on page 1 with the journeys the partners
 * answered (each marked {@code partner: true} with its {@code partnerName}), de-duplicated by uuid.
 *
 * @param partnersAsked  partners asked live (those whose protocol cannot express the search are not asked)
 * @param partnersFailed partners that timed out, failed or answered something we could not read: their
 *                       journeys are missing from this answer
 */
public record LiveSearchResult(int page, int size, boolean hasMore, List<SearchResult.Item> results,
        List<String> partnersAsked, List<String> partnersFailed) {
}

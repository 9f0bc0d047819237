package org.rdex.server.search;

/**
 * A search that also asks the partners' live APIs ({@code live=true}). Declared here and implemented by the
 * live-protocol feature, so that search does not depend on it.
 */
public interface PartnerLiveSearch {

    /** The response body: our page plus the partners' live answers and the partners that failed. */
    Object search(SearchRequest request);
}

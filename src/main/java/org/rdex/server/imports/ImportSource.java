package org.rdex.server.imports;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import org.rdex.server.partner.Partner;

/**
 * Where one import reads its file: a local file, a URL given for this run, the partner's feed URL, or nowhere
 * (no feed URL configured).
 *
 * @param uri the URL to download, null for {@code FILE} and {@code NONE}
 */
record ImportSource(Kind kind, Path file, URI uri) {

    enum Kind {
        FILE, URL, FEED, NONE
    }

    /**
     * A file wins over a URL, a given URL over the partner's feed.
     *
     * @throws IllegalArgumentException when the partner's feed URL is not a URI
     */
    static ImportSource choose(Optional<Path> file, Optional<URI> url, String feedUrl) {
        if (file.isPresent()) {
            return new ImportSource(Kind.FILE, file.get(), null);
        }
        if (url.isPresent()) {
            return new ImportSource(Kind.URL, null, url.get());
        }
        return feedUrl == null ? new ImportSource(Kind.NONE, null, null)
                : new ImportSource(Kind.FEED, null, URI.create(feedUrl));
    }

    /** What the report names as read: never the key. */
    String name() {
        return switch (kind) {
            case FILE -> file.toAbsolutePath().toString();
            case URL, FEED -> uri.toString();
            case NONE -> "(none)";
        };
    }

    /**
     * Only the partner's own feed gets the partner's key and the validators of the last import: a URL given for
     * one run may be anyone's, and its version says nothing about the feed's.
     */
    boolean isFeed() {
        return kind == Kind.FEED;
    }

    /** The download of a {@code URL} or {@code FEED} source; {@code key} is asked only for the feed. */
    FeedDownloader.Request request(Partner partner, Supplier<Optional<String>> key) {
        boolean feed = isFeed();
        return new FeedDownloader.Request(uri, feed ? key.get() : Optional.empty(),
                Optional.ofNullable(partner.pinnedFingerprints()),
                feed ? Optional.ofNullable(partner.feedEtag) : Optional.empty(),
                feed ? Optional.ofNullable(partner.feedLastModified) : Optional.empty());
    }
}

package org.rdex.server.export;

import java.util.Optional;

/**
 * What the open-data feature decides about the RDEX file's download: whether only partners may fetch it, its
 * freshness and its licence. Declared here and implemented by open data, so that export does not depend on it;
 * {@link #NONE} applies without an implementation.
 */
public interface DownloadPolicy {

    /** No open data: the file is public unless the export's own access setting restricts it. */
    DownloadPolicy NONE = new DownloadPolicy() {
        @Override
        public boolean partnersOnly() {
            return false;
        }

        @Override
        public long maxAge() {
            return 300;
        }

        @Override
        public Optional<String> licenceUrl() {
            return Optional.empty();
        }
    };

    /** True when only partners may download the file, whatever {@code rdex.export.access} says. */
    boolean partnersOnly();

    /** {@code Cache-Control: max-age} of the file, in seconds. */
    long maxAge();

    /** The licence link header's target, when there is one. */
    Optional<String> licenceUrl();
}

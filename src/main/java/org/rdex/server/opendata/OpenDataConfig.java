package org.rdex.server.opendata;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The journeys file as an open dataset: licence, discovery manifest, DCAT catalogue, the public file with
 * rotating ids and the push to data.gouv.fr. Off by default; partners' exchange does not depend on it.
 */
@ConfigMapping(prefix = "rdex.opendata")
public interface OpenDataConfig {

    /** Serve the manifest, the catalogue and the public file, and push after exports. */
    @WithDefault("false")
    boolean enabled();

    /** Licence of the published data. */
    @WithDefault("lov2")
    Licence licence();

    /**
     * Public base URL of this server as downloaders reach it (scheme, host, port), e.g.
     * {@code https://rdex.example.org}; the manifest and the catalogue give absolute URLs under it.
     */
    @WithDefault("https://localhost:8443")
    String publicUrl();

    /**
     * The public file carries uuids that change at every export (an HMAC with a salt drawn per export and
     * kept nowhere), so that nobody can follow a person's journeys from one file to the next. Partners'
     * file ({@code /rdex/journeys.xml.gz}) keeps the stable uuids the contact API needs, and is then
     * reserved to partner keys whatever {@code rdex.export.access} says.
     */
    @WithDefault("false")
    boolean rotateIds();

    /**
     * In the rotated file, every journey {@code url} is replaced by this one ({@code {uuid}} becomes the
     * rotated uuid): a journey page URL holding a stable id would defeat the rotation. Unset keeps the urls.
     */
    Optional<String> rotatedUrl();

    /** Who produces the data. */
    Producer producer();

    /** The dataset as catalogues show it. */
    Dataset dataset();

    /** Push of the public file to data.gouv.fr after each published export. */
    DataGouv datagouv();

    interface Producer {
        /** Producer's name, in the manifest, the catalogue and the file's title; defaults to rdex.operator.name. */
        Optional<String> name();

        /** Producer's web site; defaults to https:// + rdex.operator.site. */
        Optional<String> url();

        /** Where people ask questions about the data (a page or a mailto: URL); defaults to the producer URL. */
        Optional<String> contactUrl();
    }

    interface Dataset {
        /** {@code %s} is replaced by the producer's name. */
        @WithDefault("Carpooling journeys offered on %s (RDEX)")
        String title();

        @WithDefault("Carpooling journeys currently offered by drivers and passengers, in the RDEX 1.0 XML format,"
                + " gzip-compressed, regenerated every night. Coordinates are rounded; no personal contact data.")
        String description();

        /** Keywords, comma separated. */
        @WithDefault("covoiturage,carpooling,rdex,mobilite")
        String keywords();
    }

    interface DataGouv {
        /** The udata API root. */
        @WithDefault("https://www.data.gouv.fr/api/1")
        String baseUrl();

        /** Dataset id or slug; unset disables the push. */
        Optional<String> dataset();

        /** Resource UUID within the dataset; unset disables the push. */
        Optional<String> resource();

        /** API key, from the environment ({@code RDEX_OPENDATA_DATAGOUV_API_KEY}); unset disables the push. */
        Optional<String> apiKey();

        /**
         * {@code upload} replaces the file hosted by data.gouv.fr; {@code remote} points the resource at our
         * public URL and updates its checksum and size.
         */
        @WithDefault("upload")
        PushMode mode();

        /** Title given back to the resource after an upload (which renames it after the file); unset keeps the file name. */
        Optional<String> resourceTitle();

        /** Tries per push, the first included. */
        @WithDefault("6")
        int attempts();

        /** Wait before the second try; doubled after each failure up to {@link #maxBackoff()}. */
        @WithDefault("PT30S")
        Duration initialBackoff();

        @WithDefault("PT30M")
        Duration maxBackoff();

        @WithDefault("PT10S")
        Duration connectTimeout();

        /** Whole request, upload included. */
        @WithDefault("PT10M")
        Duration requestTimeout();
    }

    enum PushMode {
        UPLOAD,
        REMOTE
    }
}

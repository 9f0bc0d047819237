package org.rdex.server.export;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The nightly RDEX file: what goes in it, when it is made, who may download it. */
@ConfigMapping(prefix = "rdex.export")
public interface ExportConfig {

    /** Who may download the file. */
    enum Access {
        /** Anyone: the specification encourages open data. */
        PUBLIC,
        /** Only callers presenting a partner key from one of that key's allowed IPs. */
        PARTNERS
    }

    /** Quartz-style cron of the nightly export (seconds first); {@code off} disables the job. */
    @WithDefault("0 30 2 * * ?")
    String cron();

    /** Export once at start when no file has been published yet, so partners never get a 404 for a day. */
    @WithDefault("true")
    boolean onStart();

    @WithDefault("public")
    Access access();

    /**
     * Also write kilometers, minutes, image, cost and vehicle, which only our extended DTD declares; the file
     * then declares {@code rdex-1.0.dtd}. Unset or false: the file declares and is valid against the
     * specification's own DTD ({@code rdex-1.0-minimal.dtd}) exactly, which is what partners check against.
     */
    Optional<Boolean> extensions();

    /**
     * Former switch, read only when {@code extensions} is unset: {@code minimal-dtd=false} asks for the
     * extensions. Use {@code extensions} instead.
     */
    @Deprecated
    Optional<Boolean> minimalDtd();

    /** Decimals kept for coordinates and route points: 3 is about 100 m, enough to find a ride, not a house. */
    @WithDefault("3")
    int coordinateDecimals();

    /** Publish street addresses. Off by default: an address next to a pseudonym can identify a person. */
    @WithDefault("false")
    boolean includeAddress();

    /** Publish members' photo URLs. Off by default for the same reason. */
    @WithDefault("false")
    boolean includeImage();

    /**
     * Public URL of the folder serving the DTDs (this server's {@code /rdex/}): the file's DOCTYPE names
     * {@code rdex-1.0-minimal.dtd} there, or {@code rdex-1.0.dtd} with {@code extensions}.
     */
    @WithDefault("https://localhost:8443/rdex/")
    String dtdBaseUrl();

    /** Full URL written in the DOCTYPE instead of the one derived from {@code dtd-base-url}. */
    Optional<String> dtdUrl();

    /** Document title; {@code %s} is replaced by the operator name. */
    @WithDefault("%s - Carpooling journeys")
    String title();

    /** gzip level 1 (fast) to 9 (small); 6 is gzip's own default. */
    @WithDefault("6")
    int compressionLevel();

    /** Threads writing XML and, as many again, compressing blocks in parallel; 0 means one per core. */
    @WithDefault("0")
    int compressionThreads();

    /** Log progress every this many journeys on long runs. */
    @WithDefault("50000")
    int progressEvery();

    /** Published or failed runs kept in the database for inspection; older ones are deleted. */
    @WithDefault("3")
    int keepRuns();

    /**
     * Free space the next export needs on the data directory, as a multiple of the last file's size (measured:
     * see docs/reliability.md); below it, readiness and the console warn.
     */
    @WithDefault("5")
    double spaceFactor();

    /** Megabytes added to that estimate (PostgreSQL's own needs: checkpoints, temporary files). */
    @WithDefault("32")
    long spaceMargin();

    /** How often this instance's local copy of the published file is compared with PostgreSQL's (LocalFileCopy). */
    @WithDefault("60s")
    String localCopyCheck();
}

package org.rdex.server.imports;

import java.time.Duration;

import org.rdex.server.rdex.RdexReader;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Import of partners' RDEX files. */
@ConfigMapping(prefix = "rdex.import")
public interface ImportConfig {

    /**
     * When the nightly import of every partner's feed runs (Quarkus cron, seconds first). After the
     * export (03:00 by default) so that partners doing the same find fresh files. {@code off} disables it.
     */
    @WithDefault("0 30 3 * * ?")
    String cron();

    /** Time allowed to open the connection to a partner's server. */
    @WithDefault("PT10S")
    Duration connectTimeout();

    /**
     * Longest wait for the response headers, then for each next piece of the body: a partner that
     * stalls longer is dropped and the import fails (its previous journeys stay).
     */
    @WithDefault("PT60S")
    Duration readTimeout();

    /** Longest time a whole download may take, however steadily the bytes come. */
    @WithDefault("PT30M")
    Duration downloadTimeout();

    /**
     * The slowest a download may go once the headers have come: at least this many bytes in every
     * {@link #minTransferInterval()}, or the partner is dropped (its previous journeys stay). Without it a
     * drip of a byte now and then would hold an import until {@link #downloadTimeout()}. 0 disables it.
     */
    @WithDefault("65536")
    long minTransferBytes();

    /** The interval {@link #minTransferBytes()} is counted over. */
    @WithDefault("PT60S")
    Duration minTransferInterval();

    /**
     * Partners imported at the same time by the nightly import and {@code import --all}, so that a slow partner
     * never holds up the others. Each import takes its partner's own lock, as a single import does.
     */
    @WithDefault("4")
    int concurrency();

    /** A downloaded file (as sent, possibly gzip) larger than this is refused. */
    @WithDefault("1073741824")
    long maxDownloadBytes();

    /**
     * The XML larger than this once decompressed is refused, so that a gzip bomb stops early. The default, 8 GiB,
     * holds a national operator's file (an RDEX journey is about 1.2 KiB: some 6 million journeys); a local or
     * downloaded gzip file whose trailer already says it is larger is refused before it is parsed.
     */
    @WithDefault("8589934592")
    long maxDecompressedBytes();

    /** Longest single value in a journey; longer ones reject the journey (routes get 16 times this). */
    @WithDefault("65536")
    int maxValueChars();

    /**
     * Characters of text one journey may hold in all; a longer journey is rejected and what is beyond is
     * not kept. With the read-ahead of the import it bounds the memory an import takes, whatever the file.
     */
    @WithDefault("2097152")
    int maxJourneyChars();

    /** A single text node longer than this refuses the whole file (checked by the XML parser). */
    @WithDefault("4194304")
    int maxTextChars();

    /** Elements nested deeper than this refuse the file (an RDEX file needs 6 levels). */
    @WithDefault("32")
    int maxElementDepth();

    /** An attribute value longer than this refuses the file (RDEX uses no attribute). */
    @WithDefault("65536")
    int maxAttributeChars();

    /** A file with more elements than this is refused (a journey has about 40: 10 million journeys). */
    @WithDefault("400000000")
    long maxElementCount();

    /** Rejection reasons and warnings kept in an import report; the counts are always complete. */
    @WithDefault("100")
    int maxReportedProblems();

    /** Import reports kept per partner; older ones are deleted after each import. */
    @WithDefault("60")
    int keepReports();

    /**
     * Threads binding a file's journeys: one scans and splits the file, these bind the chunks in parallel
     * and the journeys still come out in file order. 1 reads the file on one thread; 0 takes the available
     * processors. The default is 1 because the split parses each chunk twice (the checking scan, then the
     * binding): on two idle cores it imported 200,000 journeys at 35,860/s against 43,191/s on one thread
     * (docs/benchmarks.md); it pays only where more cores than the import and PostgreSQL use are free.
     */
    @WithDefault("1")
    int parseThreads();

    /** The reader's limits, from the settings above. */
    default RdexReader.Options readerOptions() {
        int threads = parseThreads() > 0 ? parseThreads() : Runtime.getRuntime().availableProcessors();
        return new RdexReader.Options(maxDecompressedBytes(), maxValueChars(), maxJourneyChars(), maxTextChars(),
                maxElementDepth(), maxAttributeChars(), maxElementCount(), threads);
    }
}

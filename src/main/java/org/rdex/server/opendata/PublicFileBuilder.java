package org.rdex.server.opendata;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import org.jboss.logging.Logger;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.rdex.RdexReadResult;
import org.rdex.server.rdex.RdexReader;
import org.rdex.server.rdex.RdexWriter;

/**
 * Reads a published file back once: collects its facts (journeys, bounding box, validity span) and, when
 * ids rotate, writes the public copy, identical but for the uuids (and urls, if configured). Reading the
 * file rather than the database makes the copy and the facts describe exactly what was published.
 */
final class PublicFileBuilder {

    private static final Logger LOG = Logger.getLogger(PublicFileBuilder.class);

    /** The outcome: facts, and the rotated copy's digest and size when one was written. */
    record Built(FileFacts facts, Optional<String> sha256, long bytes) {
    }

    private PublicFileBuilder() {
    }

    /**
     * @param rotation   null: only collect facts
     * @param rotatedUrl replaces every url in the rotated copy ({@code {uuid}} becomes the rotated uuid)
     */
    static Built build(Path published, RdexWriter.Options options, IdRotation rotation, Optional<String> rotatedUrl,
            Path out) throws IOException {
        FileFacts.Builder facts = new FileFacts.Builder();
        AtomicLong rejected = new AtomicLong();
        RdexReader.Options readOptions = new RdexReader.Options(Long.MAX_VALUE, 1 << 20);
        if (rotation == null) {
            try (InputStream in = Files.newInputStream(published)) {
                new RdexReader(in, readOptions).read(r -> collect(r, facts, rejected));
            }
            warnRejected(rejected);
            return new Built(facts.build(), Optional.empty(), 0);
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(published);
                OutputStream file = new DigestOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(out), 1 << 16), sha256);
                GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16);
                RdexWriter writer = new RdexWriter(gzip, options)) {
            writer.start();
            IOException[] failure = new IOException[1];
            new RdexReader(in, readOptions).read(r -> {
                if (failure[0] != null || !collect(r, facts, rejected)) {
                    return;
                }
                SharedJourney j = ((RdexReadResult.Accepted) r).journey();
                String id = rotation.rotate(j.uuid());
                String url = rotatedUrl.map(u -> u.replace("{uuid}", id)).orElse(j.url());
                try {
                    writer.write(withIds(j, id, url));
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            writer.finish();
            gzip.finish();
        }
        warnRejected(rejected);
        return new Built(facts.build(), Optional.of(HexFormat.of().formatHex(sha256.digest())), Files.size(out));
    }

    private static boolean collect(RdexReadResult result, FileFacts.Builder facts, AtomicLong rejected) {
        if (!(result instanceof RdexReadResult.Accepted accepted)) {
            rejected.incrementAndGet();
            return false;
        }
        SharedJourney j = accepted.journey();
        facts.journey(j.activeFrom(), j.activeTo());
        facts.point(j.from().lat(), j.from().lon());
        facts.point(j.to().lat(), j.to().lon());
        return true;
    }

    private static void warnRejected(AtomicLong rejected) {
        if (rejected.get() > 0) {
            LOG.warnf("%d journeys of the published file could not be read back; they are not in the public file",
                    rejected.get());
        }
    }

    static SharedJourney withIds(SharedJourney j, String uuid, String url) {
        return j.toBuilder().uuid(uuid).url(url).build();
    }
}

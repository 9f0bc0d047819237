package org.rdex.server.rdex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.xml.stream.XMLStreamException;

import org.codehaus.stax2.XMLStreamWriter2;
import org.rdex.server.model.SharedJourney;

/**
 * Writes a range of journeys as one self-contained gzip member: each journey mapped, marshalled by JAXB onto a
 * DTD-validating Woodstox writer (as {@link RdexWriter} does) and deflated on the same thread. Members written
 * one after the other make one valid gzip file (RFC 1952, section 2.2), so ranges can be encoded on several
 * threads and concatenated in order; the bytes depend only on the journeys and the options, never on the
 * thread that encoded them. {@link Frame} writes the document's head and tail as members of their own.
 * Not thread-safe: one encoder per thread, reused from member to member.
 */
public final class GzipMemberEncoder {

    /** A journey left out because it cannot be written validly. */
    public record Skip(String uuid, String reason) {
    }

    /**
     * One finished gzip member, held in pieces of at most {@link #PIECE} bytes so that no large array is
     * allocated (large arrays go straight into G1's old generation and make the peak heap grow).
     */
    public record Member(List<byte[]> pieces, int written, List<Skip> skipped, long uncompressed) {

        public void writeTo(OutputStream out) throws IOException {
            for (byte[] piece : pieces) {
                out.write(piece);
            }
        }
    }

    /** gzip header: no name, no time (so the bytes are the same from run to run), unknown OS. */
    private static final byte[] HEADER = { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff };
    private static final int PIECE = 64 * 1024;
    /** Journeys marshalled before their bytes are handed to the deflater: about 100 KB of XML. */
    private static final int FLUSH_EVERY = 64;

    private final JourneyToXml mapper;
    private final JourneyEncoder encoder;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] out = new byte[PIECE];
    private List<byte[]> pieces = new ArrayList<>();
    private List<Skip> skips = new ArrayList<>();
    private int pending;
    private int written;
    private long uncompressed;

    public GzipMemberEncoder(RdexWriter.Options options, int level) {
        this.mapper = new JourneyToXml(options);
        this.encoder = new JourneyEncoder(options.dtd());
        this.deflater = new Deflater(level, true);
        pieces.add(HEADER.clone());
    }

    /** Adds one journey to the current member, or records why it is left out. */
    public void add(SharedJourney journey) throws IOException {
        String problem;
        try {
            problem = encoder.encode(mapper.map(journey));
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write journeys", e);
        }
        if (problem == null) {
            written++;
        } else {
            skips.add(new Skip(journey == null ? null : journey.uuid(), problem));
        }
        if (++pending == FLUSH_EVERY) {
            deflate(encoder.take(), false);
        }
    }

    /** Closes the current member and starts the next one. */
    public Member finish() {
        deflate(encoder.take(), true);
        long crcValue = crc.getValue();
        byte[] trailer = new byte[8];
        for (int i = 0; i < 4; i++) {
            trailer[i] = (byte) (crcValue >>> (8 * i));
            // ISIZE is the length modulo 2^32 (RFC 1952).
            trailer[4 + i] = (byte) (uncompressed >>> (8 * i));
        }
        pieces.add(trailer);
        Member member = new Member(pieces, written, skips, uncompressed);
        pieces = new ArrayList<>();
        pieces.add(HEADER.clone());
        skips = new ArrayList<>();
        written = 0;
        uncompressed = 0;
        crc.reset();
        deflater.reset();
        return member;
    }

    /** Releases the deflater's native memory. */
    public void end() {
        deflater.end();
    }

    private void deflate(byte[] xml, boolean last) {
        pending = 0;
        crc.update(xml);
        uncompressed += xml.length;
        deflater.setInput(xml);
        if (last) {
            deflater.finish();
        }
        while (last ? !deflater.finished() : !deflater.needsInput()) {
            int n = deflater.deflate(out);
            if (n > 0) {
                pieces.add(java.util.Arrays.copyOf(out, n));
            }
        }
    }

    /**
     * The XML declaration, DOCTYPE, {@code <document><title>} and the closing {@code </document>}, each as a
     * gzip member, written by a validating Woodstox writer as {@link RdexWriter#start()} does. Usage:
     * {@link #head()}, then the journeys' members, then {@link #tail()}.
     */
    public static final class Frame {

        private final RdexWriter.Options options;
        private final int level;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private XMLStreamWriter2 document;

        public Frame(RdexWriter.Options options, int level) {
            this.options = options;
            this.level = level;
        }

        public Member head() throws IOException {
            String title = JourneyToXml.text(options.title());
            try {
                document = JourneyEncoder.validatingWriter(buffer, options.dtd());
                document.writeStartDocument("UTF-8", "1.0");
                if (options.dtdUrl() != null) {
                    document.writeDTD("document", options.dtdUrl().strip(), null, null);
                }
                document.writeStartElement("document");
                document.writeStartElement("title");
                document.writeCharacters(title == null ? RdexWriter.Options.defaults().title() : title);
                document.writeEndElement();
                document.flush();
            } catch (XMLStreamException e) {
                throw new IOException("cannot write the document head", e);
            }
            return member();
        }

        public Member tail() throws IOException {
            try {
                document.writeEndElement();
                document.writeEndDocument();
                document.flush();
                document.close();
            } catch (XMLStreamException e) {
                throw new IOException("cannot close the document", e);
            }
            return member();
        }

        private Member member() {
            byte[] xml = buffer.toByteArray();
            buffer.reset();
            Deflater deflater = new Deflater(level, true);
            try {
                List<byte[]> pieces = new ArrayList<>();
                pieces.add(HEADER.clone());
                deflater.setInput(xml);
                deflater.finish();
                byte[] out = new byte[PIECE];
                while (!deflater.finished()) {
                    int n = deflater.deflate(out);
                    pieces.add(java.util.Arrays.copyOf(out, n));
                }
                CRC32 crc = new CRC32();
                crc.update(xml);
                byte[] trailer = new byte[8];
                for (int i = 0; i < 4; i++) {
                    trailer[i] = (byte) (crc.getValue() >>> (8 * i));
                    trailer[4 + i] = (byte) (xml.length >>> (8 * i));
                }
                pieces.add(trailer);
                return new Member(pieces, 0, List.of(), xml.length);
            } finally {
                deflater.end();
            }
        }
    }
}

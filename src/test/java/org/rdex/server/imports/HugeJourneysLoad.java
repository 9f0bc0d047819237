package org.rdex.server.imports;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.postgresql.copy.CopyIn;
import org.postgresql.util.ByteStreamWriter;
import org.rdex.server.rdex.RdexReader;

/**
 * Runs the import pipeline (parse, read-ahead, checks, COPY encoding) on a generated file of huge journeys
 * into a COPY that discards what it gets, and prints the counts and the peak heap. {@link BoundedImportMemoryUnitTest}
 * runs it in a JVM of small heap; it is a main rather than a test so that the heap is its own.
 *
 * <p>The file: {@value #JOURNEYS} journeys whose values are {@value #VALUE} characters each with a route of
 * about a million; every other one holds more than the journey budget (2 Mi characters), the others are just
 * under it. All are rejected: the first by the journey budget, the others by the field limits (a 65,000-character
 * operator). About 1 GB of XML.
 */
public final class HugeJourneysLoad {

    static final int JOURNEYS = 450;
    static final int VALUE = 65_000;

    private HugeJourneysLoad() {
    }

    public static void main(String[] args) throws Exception {
        // The parse threads: 1 by default, or as given (the split parse holds chunks in flight).
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        JourneyStore.Stored stored = JourneyStore.load(new DiscardingCopy(), 1, "o", new Generated(),
                RdexReader.Options.defaults().withParseThreads(threads), LocalDate.of(2025, 1, 1), 10);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("accepted=" + stored.accepted() + " rejected=" + stored.rejected() + " peakHeapMiB="
                + peak / (1024 * 1024) + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.println("first rejections: " + stored.rejections().subList(0, Math.min(2, stored.rejections().size())));
    }

    /** The document, journey by journey, made as it is read. */
    static final class Generated extends InputStream {
        private byte[] chunk = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE document SYSTEM \"rdex.dtd\">"
                + "<document><title>huge</title>").getBytes(StandardCharsets.UTF_8);
        private int pos;
        private int next;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (pos == chunk.length) {
                if (next > JOURNEYS) {
                    return -1;
                }
                chunk = (next == JOURNEYS ? "</document>" : journey(next)).getBytes(StandardCharsets.UTF_8);
                next++;
                pos = 0;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        private static String journey(int i) {
            String v = String.valueOf((char) ('a' + i % 26)).repeat(VALUE);
            boolean over = i % 2 == 1;
            StringBuilder route = new StringBuilder(1_000_000);
            while (route.length() < 999_980) {
                route.append("45.1234,4.5678;");
            }
            route.setLength(route.length() - 1);
            return "<journey><operator>" + v + "</operator><site>" + v + "</site><uuid>huge-" + i + "</uuid>"
                    + "<from><location>" + v + "</location><insee>" + v + "</insee><postalcode>" + v
                    + "</postalcode><address>" + v + "</address><coords>45.1,4.5</coords><country>" + v
                    + "</country></from><to><location>" + v + "</location><insee>" + v + "</insee>"
                    + (over ? "<postalcode>" + v + "</postalcode><country>" + v + "</country>" : "")
                    + "<address>" + v + "</address><coords>45.2,4.6</coords></to><route>" + route + "</route>"
                    + "<url>http://x.org/" + v + "</url><name>" + v + "</name><image>http://x.org/" + v
                    + "</image>" + (over ? "<vehicle><model>" + v + "</model><colour>" + v + "</colour></vehicle>" : "")
                    + "<driver>1</driver><activefrom>2025-01-01</activefrom><activeto>2030-01-01</activeto>"
                    + "<details>" + v + "</details><punctual><date>2025-06-01</date><minitime>08:00</minitime>"
                    + "</punctual></journey>\n";
        }
    }

    /** A COPY that counts and drops what it is sent. */
    static class DiscardingCopy implements CopyIn {
        private long bytes;
        private boolean active = true;

        @Override
        public void writeToCopy(byte[] buf, int off, int siz) {
            bytes += siz;
        }

        @Override
        public void writeToCopy(ByteStreamWriter from) {
            bytes += from.getLength();
        }

        @Override
        public void flushCopy() {
        }

        @Override
        public long endCopy() {
            active = false;
            return bytes;
        }

        @Override
        public int getFieldCount() {
            return 0;
        }

        @Override
        public int getFormat() {
            return 1;
        }

        @Override
        public int getFieldFormat(int field) {
            return 1;
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void cancelCopy() {
            active = false;
        }

        @Override
        public long getHandledRowCount() {
            return 0;
        }
    }
}

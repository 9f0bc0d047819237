package org.rdex.server.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;

import org.postgresql.copy.CopyIn;
import org.rdex.server.journey.Schedule;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.model.GridCells;

/**
 * Encodes journeys as rows of PostgreSQL's binary COPY format, in the order of
 * {@link PartnerJourneys#COLUMNS}, buffered into ~1 MiB writes.
 *
 * <p>Binary, not text: numbers, dates and times go as the database stores them, so neither side formats
 * or parses decimal text (printing four doubles per journey was the largest cost of the text encoder), and
 * strings need no escaping. The format is documented with COPY ("Binary Format") and each type's
 * {@code *send}/{@code *recv} functions.
 */
final class JourneyCopyRows {

    private static final int FLUSH_BYTES = 1 << 20;
    private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0 };
    private static final int FIELDS = 49;
    /** PostgreSQL dates count days from 2000-01-01. */
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final BigDecimal MAX_KM = new BigDecimal("99999999");
    private static final BigDecimal MAX_PRICE = new BigDecimal("99999999");

    private final CopyIn copy;
    private byte[] buf = new byte[FLUSH_BYTES + 64 * 1024];
    private int pos;

    JourneyCopyRows(CopyIn copy) {
        this.copy = copy;
        put(HEADER, 0, HEADER.length);
    }

    static String copyStatement(String table) {
        return "copy " + table + " (" + PartnerJourneys.COLUMNS + ") from stdin (format binary, freeze)";
    }

    void row(long partnerId, SharedJourney j) {
        short2(FIELDS);
        int8(partnerId);
        text(j.uuid());
        text(j.operator());
        text(j.site());
        place(j.from());
        place(j.to());
        text(j.route());
        BigDecimal km = j.kilometers() != null && j.kilometers().abs().compareTo(MAX_KM) < 0 ? j.kilometers() : null;
        numeric(km, 1);
        if (j.minutes() == null) {
            nul();
        } else {
            int4(j.minutes());
        }
        bool(j.driver());
        bool(j.passenger());
        if (j.seats() != null && j.seats() >= 0 && j.seats() <= Short.MAX_VALUE) {
            int4Field(2);
            short2(j.seats());
        } else {
            nul();
        }
        text(j.url());
        text(j.name());
        text(j.image());
        text(j.vehicleModel());
        text(j.vehicleColour());
        BigDecimal price = j.cost() != null && j.cost().abs().compareTo(MAX_PRICE) < 0 ? j.cost() : null;
        numeric(price, 2);
        text(j.details());
        date(j.activeFrom());
        date(j.activeTo());
        Schedule.Windows windows;
        if (j.punctual() != null) {
            SharedJourney.Punctual p = j.punctual();
            LocalTime min = p.minTime() != null ? p.minTime() : p.maxTime();
            LocalTime max = p.maxTime() != null ? p.maxTime() : p.minTime();
            if (min != null && max != null && max.isBefore(min)) {
                LocalTime swap = min;
                min = max;
                max = swap;
            }
            bool(true);
            date(p.date());
            time(min);
            time(max);
            nul();
            int4Field(2);
            short2(1 << (p.date().getDayOfWeek().getValue() - 1));
            windows = Schedule.windows(p.date(), min, max);
        } else {
            bool(false);
            nul();
            nul();
            nul();
            // The reader gives every window both ends in whole minutes, so the window arrays below hold the
            // schedule and the search rebuilds it; JSON only for a schedule they would alter.
            text(Schedule.derivable(j.regular().days()) ? null : Schedule.toJson(j.regular().days()));
            int4Field(2);
            short2(Schedule.mask(j.regular().days()));
            windows = Schedule.windows(j.regular().days());
        }
        int4(GridCells.cell(j.from().lat(), j.from().lon()));
        int4(GridCells.cell(j.to().lat(), j.to().lon()));
        smallintArray(windows.depLo());
        smallintArray(windows.depHi());
        smallintArray(windows.retLo());
        smallintArray(windows.retHi());
        smallint(windows.depLoMin());
        smallint(windows.depHiMax());
        smallint(windows.retLoMin());
        smallint(windows.retHiMax());
        if (pos >= FLUSH_BYTES) {
            flush();
        }
    }

    /** Ends the stream (the trailer) and sends what is buffered; the caller then ends the COPY. */
    void finish() {
        short2(-1);
        flush();
    }

    private void place(SharedJourney.Place p) {
        text(p.location());
        text(p.insee());
        text(p.postalCode());
        text(p.address());
        float8(p.lat());
        float8(p.lon());
        text(p.country());
    }

    private void text(String value) {
        if (value == null) {
            nul();
            return;
        }
        if (value.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold NUL; the text encoder wrote a space, so does this one.
            value = value.replace('\0', ' ');
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int4Field(bytes.length);
        put(bytes, 0, bytes.length);
    }

    private void date(LocalDate d) {
        int4Field(4);
        int4Raw((int) (d.toEpochDay() - PG_EPOCH_DAY));
    }

    private void time(LocalTime t) {
        if (t == null) {
            nul();
            return;
        }
        int4Field(8);
        int8Raw(t.toNanoOfDay() / 1000);
    }

    private void bool(boolean b) {
        int4Field(1);
        ensure(1);
        buf[pos++] = (byte) (b ? 1 : 0);
    }

    private void int4(int v) {
        int4Field(4);
        int4Raw(v);
    }

    private void int8(long v) {
        int4Field(8);
        int8Raw(v);
    }

    private void float8(double v) {
        int8(Double.doubleToLongBits(v));
    }

    /**
     * numeric's binary form: digit count, weight (of the first base-10000 digit), sign, display scale,
     * then the base-10000 digits, most significant first, without leading or trailing zero digits.
     */
    private void numeric(BigDecimal value, int scale) {
        if (value == null) {
            nul();
            return;
        }
        long unscaled = value.setScale(scale, RoundingMode.HALF_UP).unscaledValue().longValueExact();
        boolean negative = unscaled < 0;
        long abs = Math.abs(unscaled);
        // Align the decimal point on a base-10000 boundary: the number times 10^4 is an integer (scale <= 4).
        long aligned = abs * POW10[4 - scale];
        short[] digits = new short[8];
        int n = 0;
        while (aligned != 0) {
            digits[n++] = (short) (aligned % 10000);
            aligned /= 10000;
        }
        // digits[0] is the fraction group (weight -1); digits[n-1] the most significant.
        int low = 0;
        while (low < n && digits[low] == 0) {
            low++;
        }
        int count = n - low;
        int weight = n - 2;
        int4Field(8 + 2 * count);
        short2(count);
        short2(count == 0 ? 0 : weight);
        short2(negative && count > 0 ? 0x4000 : 0);
        short2(scale);
        for (int i = n - 1; i >= low; i--) {
            short2(digits[i]);
        }
    }

    private static final long[] POW10 = { 1, 10, 100, 1000, 10000 };

    private void smallint(Short v) {
        if (v == null) {
            nul();
        } else {
            int4Field(2);
            short2(v);
        }
    }

    /**
     * A one-dimensional smallint[] (search windows, V23): dimension count, has-nulls flag, element type
     * (int2, oid 21), length and lower bound (1), then each element as a field.
     */
    private void smallintArray(Short[] values) {
        if (values == null) {
            nul();
            return;
        }
        int present = 0;
        for (Short v : values) {
            present += v == null ? 0 : 1;
        }
        int4Field(20 + 4 * values.length + 2 * present);
        int4Raw(1);
        int4Raw(present < values.length ? 1 : 0);
        int4Raw(21);
        int4Raw(values.length);
        int4Raw(1);
        for (Short v : values) {
            smallint(v);
        }
    }

    private void nul() {
        int4Field(-1);
    }

    private void int4Field(int length) {
        int4Raw(length);
    }

    private void short2(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void int4Raw(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void int8Raw(long v) {
        int4Raw((int) (v >>> 32));
        int4Raw((int) v);
    }

    private void put(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, pos, len);
        pos += len;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            // Only a single huge value (a route at its cap) gets here: grow for it, shrink back at flush.
            byte[] bigger = new byte[Math.max(buf.length * 2, pos + n)];
            System.arraycopy(buf, 0, bigger, 0, pos);
            buf = bigger;
        }
    }

    void flush() {
        if (pos == 0) {
            return;
        }
        try {
            copy.writeToCopy(buf, 0, pos);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("COPY to the database failed", e));
        }
        pos = 0;
        if (buf.length > 4 * FLUSH_BYTES) {
            buf = new byte[FLUSH_BYTES + 64 * 1024];
        }
    }
}

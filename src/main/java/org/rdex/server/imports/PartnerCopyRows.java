package org.rdex.server.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

import org.postgresql.copy.CopyIn;
import org.rdex.server.db.JourneyColumn;
import org.rdex.server.journey.Schedule;
import org.rdex.server.model.DayWindow;
import org.rdex.server.model.GridCells;
import org.rdex.server.model.JourneyIntake;
import org.rdex.server.model.SharedJourney;

/**
 * Encodes a partner's journeys as rows of PostgreSQL's binary COPY format, the columns of
 * {@link JourneyColumn#PARTNER_COPY} in that order, buffered into ~1 MiB writes.
 *
 * <p>Binary, not text: numbers, dates and times go as the database stores them, so neither side formats
 * or parses decimal text, and strings need no escaping. The format is documented with COPY ("Binary
 * Format") and each type's {@code *send}/{@code *recv} functions.
 */
final class PartnerCopyRows {

    private static final int FLUSH_BYTES = 1 << 20;
    private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0 };
    private static final JourneyColumn[] COLUMNS = JourneyColumn.PARTNER_COPY.toArray(JourneyColumn[]::new);
    /** PostgreSQL dates count days from 2000-01-01. */
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    /**
     * Bounds of numeric(9, 1) and numeric(10, 2), the same: a larger value is dropped rather than fail the
     * COPY. A new numeric column must fit under it.
     */
    static final BigDecimal MAX_NUMERIC = new BigDecimal("99999999");
    static final BigDecimal MAX_KM = MAX_NUMERIC;
    static final BigDecimal MAX_PRICE = MAX_NUMERIC;

    private final CopyIn copy;
    private byte[] buf = new byte[FLUSH_BYTES + 64 * 1024];
    private int pos;

    PartnerCopyRows(CopyIn copy) {
        this.copy = copy;
        put(HEADER, 0, HEADER.length);
    }

    static String copyStatement(String table) {
        return "copy " + table + " (" + JourneyColumn.names(JourneyColumn.PARTNER_COPY)
                + ") from stdin (format binary, freeze)";
    }

    void row(long partnerId, SharedJourney j) {
        Timing timing = Timing.of(j);
        short2(COLUMNS.length);
        for (JourneyColumn column : COLUMNS) {
            field(column, partnerId, j, timing);
        }
        if (pos >= FLUSH_BYTES) {
            flush();
        }
    }

    /**
     * When a journey runs, as its row stores it: a punctual journey's window with its ends in order, or a
     * regular journey's schedule (JSON only when the window arrays could not give it back unchanged), the
     * weekdays it runs, and the windows the search matches.
     */
    record Timing(LocalTime punctualMin, LocalTime punctualMax, String scheduleJson, short daysMask,
            Schedule.Windows windows) {

        static Timing of(SharedJourney j) {
            return j.punctual() != null ? punctual(j.punctual()) : regular(j.regular().days());
        }

        /** A window with one end closes at it; ends given the wrong way round are swapped. */
        static Timing punctual(SharedJourney.Punctual p) {
            LocalTime min = p.minTime() != null ? p.minTime() : p.maxTime();
            LocalTime max = p.maxTime() != null ? p.maxTime() : p.minTime();
            if (min != null && max != null && max.isBefore(min)) {
                LocalTime swap = min;
                min = max;
                max = swap;
            }
            short mask = (short) (1 << (p.date().getDayOfWeek().getValue() - 1));
            return new Timing(min, max, null, mask, Schedule.windows(p.date(), min, max));
        }

        /**
         * The reader gives every window both ends in whole minutes, so the window arrays usually hold the
         * whole schedule and the search rebuilds it from them: the JSON is written only for a schedule they
         * would alter.
         */
        static Timing regular(Map<DayOfWeek, DayWindow> days) {
            String json = Schedule.derivable(days) ? null : Schedule.toJson(days);
            return new Timing(null, null, json, Schedule.mask(days), Schedule.windows(days));
        }
    }

    /** A value the column cannot hold (beyond {@code max}) becomes null rather than fail the whole COPY. */
    static BigDecimal storable(BigDecimal value, BigDecimal max) {
        return value != null && value.abs().compareTo(max) < 0 ? value : null;
    }

    /** Seats as a smallint, null when absent or out of {@link JourneyIntake#seats}'s range. */
    static Short storableSeats(Integer seats) {
        Integer kept = JourneyIntake.seats(seats);
        return kept == null ? null : (short) kept.intValue();
    }

    private void field(JourneyColumn column, long partnerId, SharedJourney j, Timing timing) {
        JourneyColumn.Field<?> field = column.field();
        if (field != null) {
            value(column.type(), field.get().apply(j), field.scale());
        } else {
            derived(column, partnerId, j, timing);
        }
    }

    /** A journey's own value, encoded by the column's type; numbers too large for it are stored as null. */
    private void value(JourneyColumn.Type type, Object v, int scale) {
        switch (type) {
            case TEXT, JSON -> text((String) v);
            case FLOAT8 -> float8((Double) v);
            case NUMERIC -> numeric(storable((BigDecimal) v, MAX_NUMERIC), scale);
            case INT4 -> int4((Integer) v);
            case INT2 -> smallint(v == null ? null : ((Number) v).shortValue());
            case BOOL -> bool((Boolean) v);
            case DATE -> date((LocalDate) v);
            case INT8, TIME, INT2_ARRAY -> throw new IllegalArgumentException(type + " is no journey field's type");
        }
    }

    /** The columns computed from the journey: its source, its timing and the search keys. */
    private void derived(JourneyColumn column, long partnerId, SharedJourney j, Timing timing) {
        switch (column) {
            case PARTNER_ID -> int8(partnerId);
            case PUNCTUAL -> bool(j.punctual() != null);
            case PUNCTUAL_DATE -> date(j.punctual() != null ? j.punctual().date() : null);
            case PUNCTUAL_MIN -> time(timing.punctualMin());
            case PUNCTUAL_MAX -> time(timing.punctualMax());
            case SCHEDULE -> text(timing.scheduleJson());
            case DAYS_MASK -> smallint(timing.daysMask());
            case FROM_CELL -> int4(GridCells.cell(j.from().lat(), j.from().lon()));
            case TO_CELL -> int4(GridCells.cell(j.to().lat(), j.to().lon()));
            case DEP_LO -> smallintArray(timing.windows().depLo());
            case DEP_HI -> smallintArray(timing.windows().depHi());
            case RET_LO -> smallintArray(timing.windows().retLo());
            case RET_HI -> smallintArray(timing.windows().retHi());
            case DEP_LO_MIN -> smallint(timing.windows().depLoMin());
            case DEP_HI_MAX -> smallint(timing.windows().depHiMax());
            case RET_LO_MIN -> smallint(timing.windows().retLoMin());
            case RET_HI_MAX -> smallint(timing.windows().retHiMax());
            default -> throw new IllegalArgumentException(column.column() + " is not a column of partners' journeys");
        }
    }

    /** Ends the stream (the trailer) and sends what is buffered; the caller then ends the COPY. */
    void finish() {
        short2(-1);
        flush();
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
        if (d == null) {
            nul();
            return;
        }
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

    private void int4(Integer v) {
        if (v == null) {
            nul();
        } else {
            int4((int) v);
        }
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
     * A one-dimensional smallint[]: dimension count, has-nulls flag, element type
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

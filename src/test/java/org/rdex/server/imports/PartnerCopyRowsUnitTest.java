package org.rdex.server.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rdex.server.db.JourneyColumn;
import org.rdex.server.model.DayWindow;
import org.rdex.server.model.GridCells;
import org.rdex.server.model.SharedJourney;

/** The binary COPY rows of partners' journeys: one field per column of JourneyColumn.PARTNER_COPY, in order. */
class PartnerCopyRowsUnitTest {

    private static final LocalDate DATE = LocalDate.of(2099, 4, 1); // a Wednesday

    @Test
    void a_punctual_window_given_backwards_is_stored_in_order() {
        PartnerCopyRows.Timing t = PartnerCopyRows.Timing
                .punctual(new SharedJourney.Punctual(DATE, LocalTime.of(9, 0), LocalTime.of(8, 0)));
        assertEquals(LocalTime.of(8, 0), t.punctualMin());
        assertEquals(LocalTime.of(9, 0), t.punctualMax());
        assertEquals(1 << 2, t.daysMask());
        assertNull(t.scheduleJson());
        assertArrayEquals(new Short[] { null, null, 480, null, null, null, null }, t.windows().depLo());
        assertArrayEquals(new Short[] { null, null, 540, null, null, null, null }, t.windows().depHi());
        assertNull(t.windows().retLo());
    }

    @Test
    void a_punctual_window_with_one_end_closes_at_it() {
        PartnerCopyRows.Timing t = PartnerCopyRows.Timing
                .punctual(new SharedJourney.Punctual(DATE, null, LocalTime.of(7, 45)));
        assertEquals(LocalTime.of(7, 45), t.punctualMin());
        assertEquals(LocalTime.of(7, 45), t.punctualMax());
    }

    @Test
    void a_regular_schedule_the_windows_hold_is_not_written_as_json() {
        Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
        days.put(DayOfWeek.MONDAY, new DayWindow(LocalTime.of(8, 0), LocalTime.of(8, 30), null, null));
        PartnerCopyRows.Timing t = PartnerCopyRows.Timing.regular(days);
        assertNull(t.scheduleJson());
        assertEquals(1, t.daysMask());
        assertNull(t.punctualMin());
        assertEquals((short) 480, t.windows().depLoMin());
    }

    @Test
    void a_regular_schedule_the_windows_would_alter_is_written_as_json() {
        Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
        days.put(DayOfWeek.FRIDAY, new DayWindow(LocalTime.of(8, 0, 30), LocalTime.of(8, 30), null, null));
        PartnerCopyRows.Timing t = PartnerCopyRows.Timing.regular(days);
        assertNotNull(t.scheduleJson());
        assertTrue(t.scheduleJson().contains("friday"), t.scheduleJson());
        assertEquals(1 << 4, t.daysMask());
    }

    @Test
    void values_beyond_what_a_column_holds_become_null() {
        assertEquals(new BigDecimal("12.5"), PartnerCopyRows.storable(new BigDecimal("12.5"), PartnerCopyRows.MAX_KM));
        assertNull(PartnerCopyRows.storable(new BigDecimal("1e9"), PartnerCopyRows.MAX_KM));
        assertNull(PartnerCopyRows.storable(new BigDecimal("-1e9"), PartnerCopyRows.MAX_PRICE));
        assertNull(PartnerCopyRows.storable(null, PartnerCopyRows.MAX_PRICE));
        assertEquals((short) 3, PartnerCopyRows.storableSeats(3));
        assertNull(PartnerCopyRows.storableSeats(-1));
        assertNull(PartnerCopyRows.storableSeats(40_000));
        assertNull(PartnerCopyRows.storableSeats(null));
    }

    @Test
    void writes_one_field_per_partner_column_in_order_each_of_its_type() {
        Capture copy = new Capture();
        PartnerCopyRows rows = new PartnerCopyRows(copy);
        SharedJourney punctual = journey(new SharedJourney.Punctual(DATE, LocalTime.of(8, 0), LocalTime.of(8, 30)),
                null);
        Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
        days.put(DayOfWeek.MONDAY, new DayWindow(LocalTime.of(8, 0), LocalTime.of(8, 30), LocalTime.of(17, 0),
                LocalTime.of(18, 0)));
        SharedJourney regular = journey(null, new SharedJourney.Regular(days));
        rows.row(7, punctual);
        rows.row(7, regular);
        rows.finish();

        ByteBuffer in = ByteBuffer.wrap(copy.bytes.toByteArray());
        in.position(19); // signature, flags, header extension
        for (SharedJourney expected : List.of(punctual, regular)) {
            Map<JourneyColumn, byte[]> row = readRow(in);
            assertEquals(7L, ByteBuffer.wrap(row.get(JourneyColumn.PARTNER_ID)).getLong());
            assertEquals(expected.uuid(), text(row, JourneyColumn.UUID));
            assertEquals(expected.pseudonym(), text(row, JourneyColumn.PSEUDONYM));
            assertEquals(expected.to().location(), text(row, JourneyColumn.TO_LOCATION));
            assertEquals(expected.from().lat(), ByteBuffer.wrap(row.get(JourneyColumn.FROM_LAT)).getDouble());
            assertEquals(GridCells.cell(expected.to().lat(), expected.to().lon()),
                    ByteBuffer.wrap(row.get(JourneyColumn.TO_CELL)).getInt());
            assertEquals(expected.isPunctual() ? 1 : 0, row.get(JourneyColumn.PUNCTUAL)[0]);
            assertEquals(expected.isPunctual(), row.get(JourneyColumn.PUNCTUAL_DATE) != null);
            assertEquals(!expected.isPunctual(), row.get(JourneyColumn.RET_LO) != null);
        }
        assertEquals(-1, in.getShort(), "trailer");
        assertEquals(0, in.remaining());
    }

    /** One row: the field count, then each field by the column it stands for, checking its length by type. */
    private static Map<JourneyColumn, byte[]> readRow(ByteBuffer in) {
        assertEquals(JourneyColumn.PARTNER_COPY.size(), in.getShort());
        Map<JourneyColumn, byte[]> row = new HashMap<>();
        for (JourneyColumn column : JourneyColumn.PARTNER_COPY) {
            int length = in.getInt();
            if (length < 0) {
                row.put(column, null);
                continue;
            }
            byte[] value = new byte[length];
            in.get(value);
            row.put(column, value);
            Integer fixed = switch (column.type()) {
                case BOOL -> 1;
                case INT2 -> 2;
                case INT4, DATE -> 4;
                case INT8, FLOAT8, TIME -> 8;
                default -> null;
            };
            if (fixed != null) {
                assertEquals(fixed, length, column + " as " + column.type());
            }
        }
        return row;
    }

    private static String text(Map<JourneyColumn, byte[]> row, JourneyColumn column) {
        return new String(row.get(column), StandardCharsets.UTF_8);
    }

    private static SharedJourney journey(SharedJourney.Punctual punctual, SharedJourney.Regular regular) {
        return SharedJourney.builder().operator("op").site("site.example").uuid(punctual != null ? "p-1" : "r-1")
                .from(new SharedJourney.Place("Lyon", "69123", "69001", null, 45.76, 4.83, "France"))
                .to(new SharedJourney.Place("Paris", null, "75001", null, 48.85, 2.35, null))
                .distanceKm(new BigDecimal("465.2")).minutes(280).url("https://site.example/1").pseudonym("Camille")
                .price(new BigDecimal("30.50")).driver(true).seats(3).activeFrom(DATE.minusDays(10))
                .activeTo(DATE.plusDays(10)).punctual(punctual).regular(regular).build();
    }

    /** A COPY that keeps what it is sent. */
    private static final class Capture extends HugeJourneysLoad.DiscardingCopy {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void writeToCopy(byte[] buf, int off, int siz) {
            super.writeToCopy(buf, off, siz);
            bytes.write(buf, off, siz);
        }
    }
}

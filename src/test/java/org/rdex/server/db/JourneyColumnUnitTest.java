package org.rdex.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rdex.server.model.SharedJourney;

/** The one definition of the journey tables' columns, and which of them stay on the server. */
class JourneyColumnUnitTest {

    @Test
    void only_shared_columns_carry_a_field_and_only_fields_are_shown_by_the_search() {
        for (JourneyColumn column : JourneyColumn.values()) {
            if (column.field() != null) {
                assertEquals(JourneyColumn.Role.SHARED, column.role(), column.column());
            }
        }
        assertTrue(JourneyColumn.SHARED.containsAll(JourneyColumn.SEARCH_SHOWN));
        assertTrue(JourneyColumn.SEARCH_SHOWN.contains(JourneyColumn.SEATS));
        assertFalse(JourneyColumn.SEARCH_SHOWN.contains(JourneyColumn.ROUTE), "the route is not shown");
    }

    @Test
    void a_field_reads_the_journey_as_the_partner_copy_stores_it() {
        SharedJourney j = SharedJourney.builder().seats(3).build();
        assertEquals(3, JourneyColumn.SEATS.field().get().apply(j));
        SharedJourney tooMany = SharedJourney.builder().seats(40_000).build();
        assertEquals(null, JourneyColumn.SEATS.field().get().apply(tooMany));
        SharedJourney.Builder b = SharedJourney.builder();
        JourneyColumn.SEATS.field().set(b, 4);
        assertEquals(4, b.build().seats());
    }

    @Test
    void the_owner_columns_are_private() {
        assertEquals(List.of(JourneyColumn.EXTERNAL_ID, JourneyColumn.OWNER_REF, JourneyColumn.OWNER_EMAIL),
                JourneyColumn.PRIVATE);
    }

    @Test
    void no_private_column_is_shared_or_copied_into_partner_journeys() {
        for (JourneyColumn column : JourneyColumn.PRIVATE) {
            assertFalse(JourneyColumn.SHARED.contains(column), column.column());
            assertFalse(JourneyColumn.PARTNER_COPY.contains(column), column.column());
        }
    }

    @Test
    void own_journeys_get_their_cells_from_the_table_and_have_no_partner() {
        assertFalse(JourneyColumn.OWN_COPY.contains(JourneyColumn.PARTNER_ID));
        assertFalse(JourneyColumn.OWN_COPY.contains(JourneyColumn.FROM_CELL));
        assertFalse(JourneyColumn.OWN_COPY.contains(JourneyColumn.TO_CELL));
        assertTrue(JourneyColumn.OWN_COPY.containsAll(JourneyColumn.PRIVATE));
        assertTrue(JourneyColumn.PARTNER_COPY.containsAll(List.of(JourneyColumn.PARTNER_ID, JourneyColumn.FROM_CELL,
                JourneyColumn.TO_CELL)));
    }

    @Test
    void both_copies_write_every_shared_column_and_the_search_keys_in_declaration_order() {
        for (List<JourneyColumn> copy : List.of(JourneyColumn.OWN_COPY, JourneyColumn.PARTNER_COPY)) {
            assertTrue(copy.containsAll(JourneyColumn.SHARED));
            List<JourneyColumn> sorted = new ArrayList<>(copy);
            sorted.sort(null);
            assertEquals(sorted, copy);
        }
        for (JourneyColumn column : JourneyColumn.values()) {
            if (column.role() == JourneyColumn.Role.SEARCH_KEY && column != JourneyColumn.FROM_CELL
                    && column != JourneyColumn.TO_CELL) {
                assertTrue(JourneyColumn.OWN_COPY.contains(column) && JourneyColumn.PARTNER_COPY.contains(column),
                        column.column());
            }
        }
    }

    @Test
    void names_are_unique_lower_case_sql_identifiers() {
        Set<String> names = new HashSet<>();
        for (JourneyColumn column : JourneyColumn.values()) {
            assertTrue(column.column().matches("[a-z][a-z0-9_]*"), column.column());
            assertTrue(names.add(column.column()), column.column());
            assertEquals(column.name().toLowerCase(java.util.Locale.ROOT), column.column());
        }
    }

    @Test
    void a_column_list_is_the_names_in_order() {
        assertEquals("uuid, owner_email, from_lat",
                JourneyColumn.names(List.of(JourneyColumn.UUID, JourneyColumn.OWNER_EMAIL, JourneyColumn.FROM_LAT)));
        assertEquals(JourneyColumn.PARTNER_COPY.size(), JourneyColumn.names(JourneyColumn.PARTNER_COPY).split(", ").length);
    }

    @Test
    void each_end_of_a_journey_names_its_own_columns() {
        for (JourneyColumn.PlaceColumns end : List.of(JourneyColumn.PlaceColumns.FROM, JourneyColumn.PlaceColumns.TO)) {
            String prefix = end == JourneyColumn.PlaceColumns.FROM ? "from_" : "to_";
            for (JourneyColumn column : Arrays.asList(end.location(), end.insee(), end.postalCode(), end.address(),
                    end.lat(), end.lon(), end.country(), end.cell())) {
                assertTrue(column.column().startsWith(prefix), column.column());
            }
        }
    }
}

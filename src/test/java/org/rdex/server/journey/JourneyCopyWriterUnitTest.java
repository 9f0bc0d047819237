package org.rdex.server.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.rdex.server.db.JourneyColumn;

/** The text COPY of own journeys takes each column's value from the matching field of the entity. */
class JourneyCopyWriterUnitTest {

    @Test
    void gives_every_own_column_its_field() {
        Journey j = new Journey();
        j.externalId = "ext-1";
        j.uuid = "u-1";
        j.ownerRef = "owner-7";
        j.ownerEmail = "a@example.org";
        j.fromLat = 45.5;
        j.toPostalCode = "75001";
        j.activeTo = LocalDate.of(2099, 1, 2);
        j.daysMask = 5;
        j.depLo = new Short[] { 480, null, null, null, null, null, null };
        for (JourneyColumn column : JourneyColumn.OWN_COPY) {
            JourneyCopyWriter.value(j, column); // every column has a value, null or not
        }
        assertEquals("ext-1", JourneyCopyWriter.value(j, JourneyColumn.EXTERNAL_ID));
        assertEquals("u-1", JourneyCopyWriter.value(j, JourneyColumn.UUID));
        assertEquals("owner-7", JourneyCopyWriter.value(j, JourneyColumn.OWNER_REF));
        assertEquals("a@example.org", JourneyCopyWriter.value(j, JourneyColumn.OWNER_EMAIL));
        assertEquals(45.5, JourneyCopyWriter.value(j, JourneyColumn.FROM_LAT));
        assertEquals("75001", JourneyCopyWriter.value(j, JourneyColumn.TO_POSTALCODE));
        assertEquals(LocalDate.of(2099, 1, 2), JourneyCopyWriter.value(j, JourneyColumn.ACTIVE_TO));
        assertEquals((short) 5, JourneyCopyWriter.value(j, JourneyColumn.DAYS_MASK));
        assertEquals("{480,NULL,NULL,NULL,NULL,NULL,NULL}", JourneyCopyWriter.value(j, JourneyColumn.DEP_LO));
        assertEquals(null, JourneyCopyWriter.value(j, JourneyColumn.RET_LO));
    }

    @Test
    void refuses_the_columns_the_table_fills_itself() {
        Journey j = new Journey();
        assertThrows(IllegalArgumentException.class, () -> JourneyCopyWriter.value(j, JourneyColumn.FROM_CELL));
        assertThrows(IllegalArgumentException.class, () -> JourneyCopyWriter.value(j, JourneyColumn.PARTNER_ID));
    }
}

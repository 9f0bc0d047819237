package org.rdex.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rdex.server.db.JourneyColumn;

/** What the export reads of the journey table: the shared columns, never the owner's. */
class JourneyRowsUnitTest {

    @Test
    void the_export_query_names_no_private_column() {
        for (JourneyColumn column : JourneyColumn.PRIVATE) {
            assertFalse(Pattern.compile("\\b" + column.column() + "\\b").matcher(JourneyRows.SELECT).find(),
                    column.column() + " in " + JourneyRows.SELECT);
        }
    }

    @Test
    void the_export_query_reads_each_shared_column_under_its_own_name() {
        String list = JourneyRows.SELECT.substring("select ".length(), JourneyRows.SELECT.indexOf(" from journey"));
        List<String> read = new ArrayList<>();
        for (String item : list.split(", ")) {
            String[] parts = item.split(" as ");
            read.add(parts[parts.length - 1]);
        }
        assertEquals(JourneyColumn.SHARED.stream().map(JourneyColumn::column).toList(), read);
        assertTrue(list.contains("schedule::text as schedule"), list);
    }
}

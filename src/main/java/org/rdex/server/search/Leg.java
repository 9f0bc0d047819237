package org.rdex.server.search;

import org.rdex.server.db.JourneyColumn;
import org.rdex.server.db.JourneyColumn.PlaceColumns;

/**
 * A way a journey can be travelled: outward, from its departure to its arrival within its departure
 * windows, or back, from its arrival to its departure within its return windows (regular journeys only).
 */
enum Leg {
    OUTWARD("outward", PlaceColumns.FROM, PlaceColumns.TO, JourneyColumn.DEP_LO, JourneyColumn.DEP_HI,
            JourneyColumn.DEP_LO_MIN, JourneyColumn.DEP_HI_MAX),
    RETURN("return", PlaceColumns.TO, PlaceColumns.FROM, JourneyColumn.RET_LO, JourneyColumn.RET_HI,
            JourneyColumn.RET_LO_MIN, JourneyColumn.RET_HI_MAX);

    /** The leg as a result names it. */
    final String label;
    /** Where the traveller gets in, and where out. */
    final PlaceColumns start;
    final PlaceColumns end;
    /** The windows of each weekday (arrays, entry ISO day), and their envelope over the week. */
    final JourneyColumn windowLo;
    final JourneyColumn windowHi;
    final JourneyColumn earliest;
    final JourneyColumn latest;

    Leg(String label, PlaceColumns start, PlaceColumns end, JourneyColumn windowLo, JourneyColumn windowHi,
            JourneyColumn earliest, JourneyColumn latest) {
        this.label = label;
        this.start = start;
        this.end = end;
        this.windowLo = windowLo;
        this.windowHi = windowHi;
        this.earliest = earliest;
        this.latest = latest;
    }
}

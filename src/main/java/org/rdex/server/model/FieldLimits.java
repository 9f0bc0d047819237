package org.rdex.server.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The largest value each field of a shared journey may hold, written once for every way a journey comes in:
 * a partner's RDEX file (imports), a partner's live answer (live) and our platform's API (journey). The RDEX
 * field table gives no sizes; these are what the fields are: a postal or INSEE code is a few characters, an
 * operator and a site a host name or a short name (253, a DNS name's limit), a place or a pseudonym a short
 * text, a URL at most a couple of kilobytes, a route a bounded number of points.
 *
 * <p>Why it matters: every value is stored, indexed and sent back in search answers, so a value without a
 * bound makes every answer that lists its journey as large as the partner wishes (a search near 450 journeys
 * of 65,000-character values answered 52 MB). A journey with a value beyond its limit is refused as a whole,
 * with the reasons {@link #violations} gives.
 */
public final class FieldLimits {

    /** A journey's id, as partners spell it (uuid or their own). */
    public static final int UUID = 255;
    /** Operator and site: a DNS host name's limit. */
    public static final int HOST = 253;
    /** INSEE and postal codes: 5 characters in France, 10 at most elsewhere; some room for spaces. */
    public static final int CODE = 16;
    /** Place name, address, country, pseudonym, vehicle model and colour. */
    public static final int SHORT_TEXT = 200;
    /** The journey's page and the user's photo. */
    public static final int URL = 2048;
    /** Free text about the journey. */
    public static final int DETAILS = 2000;
    /** Points of a route. */
    public static final int ROUTE_POINTS = 1000;
    /** Seats offered or asked for; more is no carpool (and larger numbers are dropped as unreadable). */
    public static final int MAX_SEATS = 99;

    private FieldLimits() {
    }

    /** Whether {@code value} (null for absent) is at most {@code max} characters. */
    public static boolean fits(String value, int max) {
        return value == null || value.length() <= max;
    }

    /** Points of a route in the RDEX text form {@code lat,lon;lat,lon;...}; 0 for none. */
    public static int routePoints(String route) {
        if (route == null || route.isEmpty()) {
            return 0;
        }
        int points = 1;
        for (int i = 0; i < route.length(); i++) {
            if (route.charAt(i) == ';') {
                points++;
            }
        }
        return points;
    }

    /** What in the journey is beyond its limit, one reason per field in the table's order; empty when none. */
    public static List<String> violations(SharedJourney j) {
        List<String> out = new ArrayList<>();
        check(out, "uuid", j.uuid(), UUID);
        check(out, "operator", j.operator(), HOST);
        check(out, "site", j.site(), HOST);
        place(out, "from", j.from());
        place(out, "to", j.to());
        int points = routePoints(j.route());
        if (points > ROUTE_POINTS) {
            out.add("route of " + points + " points, more than " + ROUTE_POINTS);
        }
        check(out, "url", j.url(), URL);
        check(out, "name", j.pseudonym(), SHORT_TEXT);
        check(out, "image", j.image(), URL);
        check(out, "vehicle/model", j.vehicleModel(), SHORT_TEXT);
        check(out, "vehicle/colour", j.vehicleColour(), SHORT_TEXT);
        check(out, "details", j.details(), DETAILS);
        return out;
    }

    private static void place(List<String> out, String which, SharedJourney.Place p) {
        if (p == null) {
            return;
        }
        check(out, which + "/location", p.location(), SHORT_TEXT);
        check(out, which + "/insee", p.insee(), CODE);
        check(out, which + "/postalcode", p.postalCode(), CODE);
        check(out, which + "/address", p.address(), SHORT_TEXT);
        check(out, which + "/country", p.country(), SHORT_TEXT);
    }

    private static void check(List<String> out, String field, String value, int max) {
        if (!fits(value, max)) {
            out.add(field + " longer than " + max + " characters");
        }
    }
}

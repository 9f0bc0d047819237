package org.rdex.server.rdex;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;

/** Deterministic journeys for tests: half punctual, half regular, routes of 5 to 50 points. */
final class TestJourneys {

    private final Random random;

    TestJourneys(long seed) {
        this.random = new Random(seed);
    }

    SharedJourney next(int i) {
        boolean punctual = i % 2 == 0;
        SharedJourney.Place from = new SharedJourney.Place("Ville & co <" + i + ">", "13216", "13007",
                "6 impasse de la girelle", lat(), lon(), i % 3 == 0 ? null : "France");
        SharedJourney.Place to = new SharedJourney.Place("Montréal-la-Cluse", null, i % 4 == 0 ? null : "75001",
                null, lat(), lon(), "France");
        int points = 5 + random.nextInt(46);
        StringBuilder route = new StringBuilder();
        for (int p = 0; p < points; p++) {
            if (p > 0) {
                route.append(';');
            }
            route.append(String.format(java.util.Locale.ROOT, "%.7f,%.7f", lat(), lon()));
        }
        LocalDate start = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(300));
        SharedJourney.Punctual p = null;
        SharedJourney.Regular r = null;
        if (punctual) {
            p = new SharedJourney.Punctual(start.plusDays(3), LocalTime.of(7, 30), LocalTime.of(8, 15));
        } else {
            Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
            days.put(DayOfWeek.MONDAY, new DayWindow(LocalTime.of(8, 0), LocalTime.of(8, 30),
                    LocalTime.of(17, 30), LocalTime.of(18, 0)));
            days.put(DayOfWeek.WEDNESDAY, new DayWindow(LocalTime.of(9, 5), LocalTime.of(9, 5), null, null));
            days.put(DayOfWeek.FRIDAY, new DayWindow(null, null, LocalTime.of(16, 0), LocalTime.of(18, 45)));
            r = new SharedJourney.Regular(days);
        }
        return new SharedJourney("ecolutis", "covoiturage36.fr", "uuid-" + i, from, to,
                new BigDecimal("35.5"), 33 + i % 100, route.toString(),
                "https://covoiturage36.fr/trajet?id=" + i + "&x=1", "pseudo" + i,
                "https://img.example/" + i + ".jpg", i % 5 == 0 ? null : new BigDecimal("5.20"),
                i % 2 == 0 ? "Clio" : null, i % 3 == 0 ? "rouge" : null,
                i % 3 != 1, i % 3 != 0, i % 7 == 0 ? null : 3, start, start.plusDays(60),
                i % 6 == 0 ? "je fume\nparfois" : null, p, r);
    }

    private double lat() {
        return 42 + random.nextDouble() * 9;
    }

    private double lon() {
        return -4 + random.nextDouble() * 12;
    }
}

package org.rdex.server.support;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;

/**
 * Journeys for tests: JSON bodies of the platform API ({@link #punctualJson}, {@link #regularJson}), and
 * deterministic model journeys from a seed ({@link #next}): half punctual, half regular, routes of 5 to 50
 * points.
 */
public final class TestJourneys {

    private final Random random;

    public TestJourneys(long seed) {
        this.random = new Random(seed);
    }

    public SharedJourney next(int i) {
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
            route.append(String.format(Locale.ROOT, "%.7f,%.7f", lat(), lon()));
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
        return SharedJourney.builder().operator("ecolutis").site("covoiturage36.fr").uuid("uuid-" + i).from(from)
                .to(to).kilometers(new BigDecimal("35.5")).minutes(33 + i % 100).route(route.toString())
                .url("https://covoiturage36.fr/trajet?id=" + i + "&x=1").name("pseudo" + i)
                .image("https://img.example/" + i + ".jpg").cost(i % 5 == 0 ? null : new BigDecimal("5.20"))
                .vehicleModel(i % 2 == 0 ? "Clio" : null).vehicleColour(i % 3 == 0 ? "rouge" : null)
                .driver(i % 3 != 1).passenger(i % 3 != 0).seats(i % 7 == 0 ? null : 3).activeFrom(start)
                .activeTo(start.plusDays(60)).details(i % 6 == 0 ? "je fume\nparfois" : null).punctual(p).regular(r)
                .build();
    }

    private double lat() {
        return 42 + random.nextDouble() * 9;
    }

    private double lon() {
        return -4 + random.nextDouble() * 12;
    }

    public static String punctualJson(String date) {
        return """
                {
                  "from": {"city": "Marseille", "insee": "13055", "postalCode": "13001", "address": "1 rue de la Paix",
                           "lat": 43.2965, "lon": 5.3698, "country": "France"},
                  "to": {"city": "Aix-en-Provence", "insee": "13001", "lat": 43.5297, "lon": 5.4474},
                  "role": "driver",
                  "frequency": "punctual",
                  "route": [[43.2965, 5.3698], [43.41234567, 5.40123456], [43.5297, 5.4474]],
                  "distanceKm": 31.5,
                  "durationMinutes": 35,
                  "pseudonym": "alice",
                  "url": "https://covoiturage.example.org/trajets/1",
                  "photoUrl": "https://covoiturage.example.org/photos/alice.jpg",
                  "vehicle": {"model": "Clio", "colour": "rouge"},
                  "price": 4.5,
                  "seats": 3,
                  "details": "Non fumeur",
                  "punctual": {"date": "%s", "minTime": "08:00", "maxTime": "08:30"},
                  "owner": {"ref": "user-1", "email": "alice@example.org"}
                }
                """.formatted(date);
    }

    public static String regularJson() {
        return """
                {
                  "from": {"city": "La Rochelle", "insee": "17300", "lat": 46.1603, "lon": -1.1511},
                  "to": {"city": "Rochefort", "insee": "17299", "lat": 45.9421, "lon": -0.9588},
                  "role": "both",
                  "frequency": "regular",
                  "distanceKm": 35.5,
                  "durationMinutes": 33,
                  "pseudonym": "olivier",
                  "url": "https://covoiturage.example.org/trajets/2",
                  "validFrom": "2026-01-01",
                  "validTo": "2099-12-31",
                  "regular": {
                    "monday": {"depMin": "08:00", "depMax": "08:15", "retMin": "17:30", "retMax": "18:00"},
                    "friday": {"depMin": "08:00", "depMax": "08:15"}
                  },
                  "owner": {"ref": "user-2", "email": "olivier@example.org"}
                }
                """;
    }
}

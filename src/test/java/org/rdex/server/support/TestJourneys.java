package org.rdex.server.support;

/** JSON bodies of the platform API used across tests. */
public final class TestJourneys {

    private TestJourneys() {
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

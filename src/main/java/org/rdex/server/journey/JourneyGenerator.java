package org.rdex.server.journey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.rdex.server.model.GreatCircle;

/**
 * Synthetic but realistic own journeys for the demo and the benchmarks: real French towns with their
 * INSEE codes and WGS84 coordinates, routes of 5 to 50 points, punctual and regular, driver, passenger or
 * both. Deterministic for a given seed.
 */
public final class JourneyGenerator {

    record Town(String name, String insee, String postalCode, double lat, double lon) {
    }

    static final List<Town> TOWNS = List.of(
            new Town("Paris", "75056", "75001", 48.8566, 2.3522),
            new Town("Marseille", "13055", "13001", 43.2965, 5.3698),
            new Town("Lyon", "69123", "69001", 45.7640, 4.8357),
            new Town("Toulouse", "31555", "31000", 43.6047, 1.4442),
            new Town("Nice", "06088", "06000", 43.7102, 7.2620),
            new Town("Nantes", "44109", "44000", 47.2184, -1.5536),
            new Town("Montpellier", "34172", "34000", 43.6108, 3.8767),
            new Town("Strasbourg", "67482", "67000", 48.5734, 7.7521),
            new Town("Bordeaux", "33063", "33000", 44.8378, -0.5792),
            new Town("Lille", "59350", "59000", 50.6292, 3.0573),
            new Town("Rennes", "35238", "35000", 48.1173, -1.6778),
            new Town("Reims", "51454", "51100", 49.2583, 4.0317),
            new Town("Toulon", "83137", "83000", 43.1242, 5.9280),
            new Town("Saint-Étienne", "42218", "42000", 45.4397, 4.3872),
            new Town("Le Havre", "76351", "76600", 49.4944, 0.1079),
            new Town("Grenoble", "38185", "38000", 45.1885, 5.7245),
            new Town("Dijon", "21231", "21000", 47.3220, 5.0415),
            new Town("Angers", "49007", "49000", 47.4784, -0.5632),
            new Town("Nîmes", "30189", "30000", 43.8367, 4.3601),
            new Town("Clermont-Ferrand", "63113", "63000", 45.7772, 3.0870),
            new Town("Aix-en-Provence", "13001", "13100", 43.5297, 5.4474),
            new Town("Brest", "29019", "29200", 48.3904, -4.4861),
            new Town("Tours", "37261", "37000", 47.3941, 0.6848),
            new Town("Amiens", "80021", "80000", 49.8941, 2.2958),
            new Town("Limoges", "87085", "87000", 45.8336, 1.2611),
            new Town("Annecy", "74010", "74000", 45.8992, 6.1294),
            new Town("Perpignan", "66136", "66000", 42.6887, 2.8948),
            new Town("Metz", "57463", "57000", 49.1193, 6.1757),
            new Town("Besançon", "25056", "25000", 47.2378, 6.0241),
            new Town("Orléans", "45234", "45000", 47.9030, 1.9093),
            new Town("Rouen", "76540", "76000", 49.4431, 1.0993),
            new Town("Caen", "14118", "14000", 49.1829, -0.3707),
            new Town("Nancy", "54395", "54000", 48.6921, 6.1844),
            new Town("La Rochelle", "17300", "17000", 46.1603, -1.1511),
            new Town("Rochefort", "17299", "17300", 45.9421, -0.9588),
            new Town("Poitiers", "86194", "86000", 46.5802, 0.3404),
            new Town("Pau", "64445", "64000", 43.2951, -0.3708),
            new Town("Avignon", "84007", "84000", 43.9493, 4.8055),
            new Town("Valence", "26362", "26000", 44.9334, 4.8924),
            new Town("Chambéry", "73065", "73000", 45.5646, 5.9178));

    private static final String[] PSEUDONYMS = { "baptiste", "olivier", "camille", "lea", "hugo", "manon", "lucas",
            "chloe", "louis", "ines", "jules", "sarah", "nathan", "emma", "theo", "jade" };
    private static final String[] MODELS = { "Clio", "208", "C3", "Golf", "Zoe", "Megane", "Scenic", "Twingo" };
    private static final String[] COLOURS = { "rouge", "bleu", "gris", "noir", "blanc", "vert" };
    private static final String[] DAYS = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday" };

    private final SplittableRandom random;
    private final String site;
    private final LocalDate today;

    public JourneyGenerator(long seed, String site, LocalDate today) {
        this.random = new SplittableRandom(seed);
        this.site = site;
        this.today = today;
    }

    /** The n-th journey; ids are {@code prefix-n}. */
    public JourneyPayload next(String id) {
        Town from = TOWNS.get(random.nextInt(TOWNS.size()));
        Town to;
        do {
            to = TOWNS.get(random.nextInt(TOWNS.size()));
        } while (to == from);
        double fromLat = jitter(from.lat());
        double fromLon = jitter(from.lon());
        double toLat = jitter(to.lat());
        double toLon = jitter(to.lon());
        double km = haversineKm(fromLat, fromLon, toLat, toLon) * 1.25;
        int points = 5 + random.nextInt(46);
        List<List<Double>> route = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            double t = (double) i / (points - 1);
            double wobble = i == 0 || i == points - 1 ? 0 : (random.nextDouble() - 0.5) * 0.05;
            route.add(List.of(round(fromLat + (toLat - fromLat) * t + wobble, 7),
                    round(fromLon + (toLon - fromLon) * t + wobble, 7)));
        }
        String role = switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4, 5 -> "driver";
            case 6, 7 -> "passenger";
            default -> "both";
        };
        boolean punctual = random.nextInt(10) < 6;
        LocalTime departure = LocalTime.of(6 + random.nextInt(14), random.nextInt(4) * 15);
        LocalTime latest = departure.plusMinutes(15L * random.nextInt(3));
        if (latest.isBefore(departure)) {
            latest = departure;
        }
        JourneyPayload.Punctual punctualWindow = null;
        Map<String, JourneyPayload.Day> regular = null;
        LocalDate validFrom = null;
        LocalDate validTo = null;
        if (punctual) {
            punctualWindow = new JourneyPayload.Punctual(today.plusDays(random.nextInt(60)), departure, latest);
        } else {
            regular = new LinkedHashMap<>();
            int mask = random.nextInt(10) < 7 ? 0b0011111 : 1 + random.nextInt(127);
            // The return leaves after the outward trip arrives and a stay there (a working day, at least an hour),
            // the same day; a trip too long for that is published one way.
            int minutes = Math.max(1, (int) Math.round(km / 75 * 60));
            int slack = latest.toSecondOfDay() / 60 - departure.toSecondOfDay() / 60;
            int stay = 60 + 15 * random.nextInt(33);
            int start = departure.toSecondOfDay() / 60;
            int lastReturn = 23 * 60;
            if (start + slack + minutes + stay > lastReturn) {
                stay = Math.max(60, lastReturn - (start + slack + minutes));
                start = Math.max(5 * 60, Math.min(start, lastReturn - slack - minutes - stay) / 15 * 15);
                departure = LocalTime.ofSecondOfDay(start * 60L);
                latest = departure.plusMinutes(slack);
            }
            int back = (start + slack + minutes + stay + 14) / 15 * 15;
            boolean returns = back <= lastReturn;
            for (int d = 0; d < 7; d++) {
                if ((mask & (1 << d)) != 0) {
                    LocalTime ret = returns ? LocalTime.ofSecondOfDay(back * 60L) : null;
                    regular.put(DAYS[d], new JourneyPayload.Day(departure, latest, ret, returns ? ret.plusMinutes(30) : null));
                }
            }
            validFrom = today.minusDays(random.nextInt(30));
            validTo = today.plusDays(30 + random.nextInt(300));
        }
        String pseudonym = PSEUDONYMS[random.nextInt(PSEUDONYMS.length)] + random.nextInt(1000);
        boolean hasVehicle = !"passenger".equals(role);
        return new JourneyPayload(id, null,
                new JourneyPayload.Place(from.name(), from.insee(), from.postalCode(),
                        (1 + random.nextInt(120)) + " rue de la République", fromLat, fromLon, "France"),
                new JourneyPayload.Place(to.name(), to.insee(), to.postalCode(),
                        (1 + random.nextInt(120)) + " avenue Jean Jaurès", toLat, toLon, "France"),
                role, punctual ? "punctual" : "regular", route,
                BigDecimal.valueOf(km).setScale(1, RoundingMode.HALF_UP), Math.max(1, (int) Math.round(km / 75 * 60)),
                site, pseudonym, validFrom, validTo,
                "https://" + site + "/photos/" + pseudonym + ".jpg",
                "https://" + site + "/trajets/" + id,
                hasVehicle ? new JourneyPayload.Vehicle(MODELS[random.nextInt(MODELS.length)],
                        COLOURS[random.nextInt(COLOURS.length)]) : null,
                hasVehicle ? BigDecimal.valueOf(Math.round(km * 0.06 * 2) / 2.0).setScale(2, RoundingMode.HALF_UP) : null,
                hasVehicle ? 1 + random.nextInt(4) : null,
                random.nextInt(4) == 0 ? "Non fumeur, petits bagages" : null,
                punctualWindow, regular,
                new JourneyPayload.Owner("user-" + id, pseudonym + "@example.org"));
    }

    private double jitter(double value) {
        return value + (random.nextDouble() - 0.5) * 0.04;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        return GreatCircle.km(lat1, lon1, lat2, lon2);
    }
}

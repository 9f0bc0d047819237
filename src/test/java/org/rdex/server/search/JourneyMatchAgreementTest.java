package org.rdex.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.rdex.server.imports.ImportService;
import org.rdex.server.journey.Schedule;
import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;
import org.rdex.server.partner.ImportReport;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.rdex.RdexWriter;
import org.rdex.server.support.ServerTestBase;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The search's SQL ({@link LegQuery}) and the Java rule ({@link JourneyMatch}) select the same journeys: a few
 * hundred random journeys, imported as a partner's file, are searched in random ways, and every search finds
 * exactly the legs the predicate accepts. The area (around Anchorage) holds no other test's journeys.
 */
@QuarkusTest
class JourneyMatchAgreementTest extends ServerTestBase {

    private static final int JOURNEYS = 400;
    private static final int SEARCHES = 150;
    private static final double LAT = 61.0, LON = -150.3;
    private static final String PARTNER = "match-agreement";

    @Inject
    PartnerService partners;
    @Inject
    ImportService imports;
    @Inject
    SearchService search;

    @Test
    void the_sql_search_and_the_predicate_find_the_same_legs() throws Exception {
        SplittableRandom random = new SplittableRandom(21);
        LocalDate today = LocalDate.now();
        List<SharedJourney> journeys = new ArrayList<>();
        for (int i = 0; i < JOURNEYS; i++) {
            journeys.add(journey(random, today, i));
        }
        partners.add(new NewPartner(PARTNER, "matchco", null, List.of("match.example"), null, null));
        ImportReport report = imports.importPartner(PARTNER, Optional.of(write(journeys)), Optional.empty());
        assertEquals(JOURNEYS, report.accepted(), report.describe());

        int found = 0;
        for (int s = 0; s < SEARCHES; s++) {
            SearchRequest r = request(random, today);
            SearchResult result = search.search(r);
            assertFalse(result.hasMore(), "one page holds every match");
            TreeSet<String> bySql = new TreeSet<>();
            for (SearchResult.Item item : result.results()) {
                if (PARTNER.equals(item.partnerName())) {
                    bySql.add(item.uuid() + "/" + item.leg());
                }
            }
            TreeSet<String> byPredicate = new TreeSet<>();
            for (SharedJourney j : journeys) {
                for (boolean outward : new boolean[] { true, false }) {
                    if (JourneyMatch.matches(r, travel(j, outward))) {
                        byPredicate.add(j.uuid() + "/" + (outward ? "outward" : "return"));
                    }
                }
            }
            TreeSet<String> onlyPredicate = new TreeSet<>(byPredicate);
            onlyPredicate.removeAll(bySql);
            TreeSet<String> onlySql = new TreeSet<>(bySql);
            onlySql.removeAll(byPredicate);
            assertEquals(byPredicate, bySql, "only the predicate: " + onlyPredicate + ", only the SQL: " + onlySql
                    + " for " + r + " journey " + (onlySql.isEmpty() ? "" : journeys.get(Integer.parseInt(
                            onlySql.first().replaceAll("m-(\\d+)/.*", "$1")))));
            found += bySql.size();
        }
        assertTrue(found > SEARCHES, "the searches find journeys (" + found + "), so agreeing says something");
    }

    /** The leg as the stored row holds it (windows and weekdays as the import computes them). */
    private static JourneyMatch.Travel travel(SharedJourney j, boolean outward) {
        Schedule.Windows w;
        int mask;
        if (j.punctual() != null) {
            SharedJourney.Punctual p = j.punctual();
            w = Schedule.windows(p.date(), p.minTime(), p.maxTime());
            mask = 1 << (p.date().getDayOfWeek().getValue() - 1);
        } else {
            w = Schedule.windows(j.regular().days());
            mask = Schedule.mask(j.regular().days());
        }
        SharedJourney.Place start = outward ? j.from() : j.to();
        SharedJourney.Place end = outward ? j.to() : j.from();
        return new JourneyMatch.Travel(outward, j.driver(), j.passenger(),
                j.punctual() == null ? null : j.punctual().date(), j.activeFrom(), j.activeTo(), mask,
                outward ? w.depLo() : w.retLo(), outward ? w.depHi() : w.retHi(), start.lat(), start.lon(), end.lat(),
                end.lon());
    }

    private static SharedJourney journey(SplittableRandom random, LocalDate today, int i) {
        int role = random.nextInt(3);
        LocalDate from = today.plusDays(random.nextInt(0, 20));
        LocalDate to = from.plusDays(random.nextInt(0, 40));
        SharedJourney.Builder b = SharedJourney.builder().operator("matchco").site("match.example").uuid("m-" + i)
                .from(place(random, "A")).to(place(random, "B")).kilometers(new BigDecimal("20")).minutes(30)
                .url("https://match.example/" + i).name("m" + i).driver(role != 1).passenger(role != 0)
                .seats(role != 1 ? 3 : null).activeFrom(from).activeTo(to);
        if (random.nextBoolean()) {
            LocalTime min = minute(random, 0, 1380);
            LocalTime max = random.nextInt(4) == 0 ? min : min.plusMinutes(random.nextInt(1, 60));
            return b.punctual(new SharedJourney.Punctual(from.plusDays(random.nextInt(0, 1 + (int) (to.toEpochDay()
                    - from.toEpochDay()))), min, max)).build();
        }
        Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            LocalTime dep = minute(random, 300, 720);
            LocalTime ret = random.nextBoolean() ? minute(random, 960, 1380) : null;
            days.put(d, new DayWindow(dep, dep.plusMinutes(random.nextInt(0, 90)), ret,
                    ret == null ? null : ret.plusMinutes(random.nextInt(0, 50))));
        }
        if (days.isEmpty()) {
            days.put(DayOfWeek.MONDAY, new DayWindow(LocalTime.of(8, 0), LocalTime.of(8, 30), null, null));
        }
        return b.regular(new SharedJourney.Regular(days)).build();
    }

    private static SharedJourney.Place place(SplittableRandom random, String name) {
        return new SharedJourney.Place(name, null, null, null, round(LAT + random.nextDouble(0, 0.3)),
                round(LON + random.nextDouble(0, 0.6)), null);
    }

    private static SearchRequest request(SplittableRandom random, LocalDate today) {
        boolean destination = random.nextBoolean();
        LocalDate from = today.plusDays(random.nextInt(0, 40));
        boolean window = random.nextBoolean();
        LocalTime timeFrom = window ? LocalTime.ofSecondOfDay(random.nextInt(0, 20 * 3600)) : LocalTime.MIN;
        LocalTime timeTo = window ? LocalTime.ofSecondOfDay(Math.min(LocalTime.MAX.toSecondOfDay(),
                timeFrom.toSecondOfDay() + random.nextInt(60, 4 * 3600))) : LocalTime.MAX;
        SearchRequest.Role role = switch (random.nextInt(3)) {
            case 0 -> SearchRequest.Role.DRIVER;
            case 1 -> SearchRequest.Role.PASSENGER;
            default -> null;
        };
        SearchRequest.Frequency frequency = SearchRequest.Frequency.values()[random.nextInt(3)];
        return new SearchRequest(round(LAT + random.nextDouble(0, 0.3)), round(LON + random.nextDouble(0, 0.6)),
                random.nextDouble(2, 25), destination ? round(LAT + random.nextDouble(0, 0.3)) : null,
                destination ? round(LON + random.nextDouble(0, 0.6)) : null, random.nextDouble(2, 25), from,
                from.plusDays(random.nextInt(0, 10)), timeFrom, timeTo, window, role, frequency,
                random.nextInt(1, 128), 1, 1000);
    }

    private static LocalTime minute(SplittableRandom random, int from, int to) {
        return LocalTime.ofSecondOfDay(60L * random.nextInt(from, to));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e5) / 1e5;
    }

    private static Path write(List<SharedJourney> journeys) throws Exception {
        Path file = Files.createTempFile("match-agreement", ".xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            RdexWriter writer = new RdexWriter(out, RdexWriter.Options.defaults().withExtensions(true)
                    .withCoordinateDecimals(5));
            writer.start();
            for (SharedJourney j : journeys) {
                writer.write(j);
            }
            writer.finish();
        }
        return file;
    }
}

package org.rdex.server.journey;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rdex.server.common.OperatorConfig;
import org.rdex.server.model.DayWindow;

/** Copies a validated platform payload onto the entity and back. */
final class PlatformJourneyMapper {

    private PlatformJourneyMapper() {
    }

    /**
     * Fills every field of {@code j} from {@code p}; fields absent from the payload are cleared, since
     * PUT replaces the journey.
     */
    static void apply(JourneyPayload p, Journey j, OperatorConfig operator, LocalDate today) {
        j.operator = operator.name();
        j.site = blankToNull(p.site()) == null ? operator.site() : p.site().trim();
        j.fromLocation = p.from().city().trim();
        j.fromInsee = blankToNull(p.from().insee());
        j.fromPostalCode = blankToNull(p.from().postalCode());
        j.fromAddress = blankToNull(p.from().address());
        j.fromLat = p.from().lat();
        j.fromLon = p.from().lon();
        j.fromCountry = blankToNull(p.from().country());
        j.toLocation = p.to().city().trim();
        j.toInsee = blankToNull(p.to().insee());
        j.toPostalCode = blankToNull(p.to().postalCode());
        j.toAddress = blankToNull(p.to().address());
        j.toLat = p.to().lat();
        j.toLon = p.to().lon();
        j.toCountry = blankToNull(p.to().country());
        j.route = routeText(p.route());
        j.distanceKm = p.distanceKm();
        j.durationMin = p.durationMinutes();
        String role = p.role().toLowerCase(Locale.ROOT);
        j.driver = !role.equals("passenger");
        j.passenger = !role.equals("driver");
        j.seats = p.seats() == null ? null : p.seats().shortValue();
        j.url = p.url().trim();
        j.pseudonym = p.pseudonym().trim();
        j.imageUrl = blankToNull(p.photoUrl());
        j.vehicleModel = p.vehicle() == null ? null : blankToNull(p.vehicle().model());
        j.vehicleColour = p.vehicle() == null ? null : blankToNull(p.vehicle().colour());
        j.price = p.price();
        j.details = blankToNull(p.details());
        j.ownerRef = p.owner() == null ? null : blankToNull(p.owner().ref());
        j.ownerEmail = p.owner() == null ? null : blankToNull(p.owner().email());

        j.punctual = "punctual".equalsIgnoreCase(p.frequency());
        if (j.punctual) {
            j.punctualDate = p.punctual().date();
            j.punctualMin = p.punctual().minTime();
            j.punctualMax = p.punctual().maxTime() == null ? p.punctual().minTime() : p.punctual().maxTime();
            j.schedule = null;
            j.daysMask = (short) (1 << (j.punctualDate.getDayOfWeek().getValue() - 1));
            j.windows(Schedule.windows(j.punctualDate, j.punctualMin, j.punctualMax));
            j.activeFrom = p.validFrom() == null ? j.punctualDate : p.validFrom();
            j.activeTo = p.validTo() == null ? j.punctualDate : p.validTo();
            if (j.activeFrom.isAfter(j.punctualDate)) {
                j.activeFrom = j.punctualDate;
            }
        } else {
            Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
            p.regular().forEach((name, d) -> days.put(DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT)),
                    new DayWindow(d.depMin(), d.depMax() == null ? d.depMin() : d.depMax(),
                            d.retMin(), d.retMax() == null ? d.retMin() : d.retMax())));
            j.punctualDate = null;
            j.punctualMin = null;
            j.punctualMax = null;
            j.schedule = Schedule.toJson(days);
            j.daysMask = Schedule.mask(days);
            j.windows(Schedule.windows(days));
            j.activeFrom = p.validFrom() == null ? today : p.validFrom();
            j.activeTo = p.validTo() == null
                    ? j.activeFrom.plusDays(operator.defaultValidity().toDays())
                    : p.validTo();
        }
    }

    static JourneyPayload toPayload(Journey j) {
        JourneyPayload.Punctual punctual = null;
        Map<String, JourneyPayload.Day> regular = null;
        if (j.punctual) {
            punctual = new JourneyPayload.Punctual(j.punctualDate, j.punctualMin, j.punctualMax);
        } else {
            regular = new LinkedHashMap<>();
            for (Map.Entry<DayOfWeek, DayWindow> e : Schedule.fromJson(j.schedule).entrySet()) {
                DayWindow w = e.getValue();
                regular.put(e.getKey().name().toLowerCase(Locale.ROOT),
                        new JourneyPayload.Day(w.depMin(), w.depMax(), w.retMin(), w.retMax()));
            }
        }
        return new JourneyPayload(j.externalId, j.uuid,
                new JourneyPayload.Place(j.fromLocation, j.fromInsee, j.fromPostalCode, j.fromAddress, j.fromLat,
                        j.fromLon, j.fromCountry),
                new JourneyPayload.Place(j.toLocation, j.toInsee, j.toPostalCode, j.toAddress, j.toLat, j.toLon,
                        j.toCountry),
                j.driver && j.passenger ? "both" : j.driver ? "driver" : "passenger",
                j.punctual ? "punctual" : "regular",
                routePoints(j.route), j.distanceKm, j.durationMin, j.site, j.pseudonym, j.activeFrom, j.activeTo,
                j.imageUrl, j.url,
                j.vehicleModel == null && j.vehicleColour == null ? null
                        : new JourneyPayload.Vehicle(j.vehicleModel, j.vehicleColour),
                j.price, j.seats == null ? null : j.seats.intValue(), j.details, punctual, regular,
                j.ownerRef == null && j.ownerEmail == null ? null : new JourneyPayload.Owner(j.ownerRef, j.ownerEmail));
    }

    static String routeText(List<List<Double>> route) {
        if (route == null || route.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder(route.size() * 20);
        for (List<Double> point : route) {
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(point.get(0)).append(',').append(point.get(1));
        }
        return text.toString();
    }

    static List<List<Double>> routePoints(String route) {
        if (route == null || route.isBlank()) {
            return null;
        }
        List<List<Double>> points = new ArrayList<>();
        for (String pair : route.split(";")) {
            int comma = pair.indexOf(',');
            if (comma > 0) {
                points.add(List.of(Double.valueOf(pair.substring(0, comma)), Double.valueOf(pair.substring(comma + 1))));
            }
        }
        return points;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

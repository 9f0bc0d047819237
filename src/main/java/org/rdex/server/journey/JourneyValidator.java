package org.rdex.server.journey;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.rdex.server.common.FieldError;
import org.rdex.server.common.FieldErrors;
import org.rdex.server.common.FieldRules;
import org.rdex.server.common.Texts;
import org.rdex.server.model.FieldLimits;

/**
 * Checks a platform payload completely and reports every invalid field at once, so the platform can fix
 * a journey in one round trip. Mandatory fields follow the RDEX field table.
 */
public final class JourneyValidator {

    static final Set<String> DAYS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday");
    private static final Pattern INSEE = Pattern.compile("^(?:[0-9]{5}|2[AB][0-9]{3})$");
    private static final int MAX_TEXT = FieldLimits.SHORT_TEXT;
    private static final int MAX_DETAILS = FieldLimits.DETAILS;
    private static final int MAX_ROUTE_POINTS = FieldLimits.ROUTE_POINTS;
    private static final int MAX_URL = FieldLimits.URL;

    private final FieldErrors errors = new FieldErrors();

    private JourneyValidator() {
    }

    public static List<FieldError> validate(String externalId, JourneyPayload p) {
        JourneyValidator v = new JourneyValidator();
        v.check(externalId, p);
        return v.errors.list();
    }

    /** The error of a platform journey id that no journey can have (blank, too long, control characters), or null. */
    static FieldError idError(String externalId) {
        if (Texts.isBlank(externalId) || !FieldRules.isPrintable(externalId, MAX_TEXT, false)) {
            return new FieldError("id", "must be 1 to " + MAX_TEXT + " printable characters");
        }
        return null;
    }

    private void check(String externalId, JourneyPayload p) {
        FieldError id = idError(externalId);
        if (id != null) {
            errors.add(id.field(), id.message());
        }
        if (p == null) {
            error("body", "is required");
            return;
        }
        place("from", p.from());
        place("to", p.to());
        if (p.role() == null) {
            error("role", "is required (driver, passenger or both)");
        } else if (!Set.of("driver", "passenger", "both").contains(p.role().toLowerCase(Locale.ROOT))) {
            error("role", "must be driver, passenger or both");
        }
        frequency(p);
        route(p.route());
        if (p.distanceKm() == null) {
            error("distanceKm", "is required");
        } else if (p.distanceKm().signum() <= 0 || p.distanceKm().compareTo(BigDecimal.valueOf(40_000)) > 0) {
            error("distanceKm", "must be between 0 and 40000");
        }
        if (p.durationMinutes() == null) {
            error("durationMinutes", "is required");
        } else if (p.durationMinutes() <= 0 || p.durationMinutes() > 60 * 24 * 7) {
            error("durationMinutes", "must be between 1 and 10080");
        }
        text("site", p.site(), false, FieldLimits.HOST);
        text("pseudonym", p.pseudonym(), true);
        url("url", p.url(), true);
        url("photoUrl", p.photoUrl(), false);
        if (p.vehicle() != null) {
            text("vehicle.model", p.vehicle().model(), false);
            text("vehicle.colour", p.vehicle().colour(), false);
        }
        if (p.price() != null && (p.price().signum() < 0 || p.price().compareTo(BigDecimal.valueOf(10_000)) > 0)) {
            error("price", "must be between 0 and 10000");
        }
        if (p.seats() != null && (p.seats() < 1 || p.seats() > 9)) {
            error("seats", "must be between 1 and 9");
        }
        if (p.details() != null && !FieldRules.isPrintable(p.details(), MAX_DETAILS, true)) {
            error("details", "must be at most " + MAX_DETAILS + " characters without control characters");
        }
        if (p.validFrom() != null && p.validTo() != null && p.validTo().isBefore(p.validFrom())) {
            error("validTo", "must not be before validFrom");
        }
        if (p.owner() != null) {
            text("owner.ref", p.owner().ref(), false);
            if (p.owner().email() != null && !FieldRules.isEmail(p.owner().email())) {
                error("owner.email", "is not a valid e-mail address");
            }
        }
    }

    private void frequency(JourneyPayload p) {
        String frequency = p.frequency() == null ? null : p.frequency().toLowerCase(Locale.ROOT);
        if (frequency == null) {
            error("frequency", "is required (punctual or regular)");
        } else if ("punctual".equals(frequency)) {
            if (p.regular() != null) {
                error("regular", "must be absent for a punctual journey");
            }
            if (p.punctual() == null) {
                error("punctual", "is required for a punctual journey");
            } else {
                if (p.punctual().date() == null) {
                    error("punctual.date", "is required");
                }
                if (p.punctual().minTime() == null) {
                    error("punctual.minTime", "is required");
                }
                window("punctual", p.punctual().minTime(), p.punctual().maxTime());
                if (p.validTo() != null && p.punctual().date() != null && p.validTo().isBefore(p.punctual().date())) {
                    error("validTo", "must not be before punctual.date");
                }
            }
        } else if ("regular".equals(frequency)) {
            if (p.punctual() != null) {
                error("punctual", "must be absent for a regular journey");
            }
            if (p.regular() == null || p.regular().isEmpty()) {
                error("regular", "is required for a regular journey: at least one weekday with a window");
            } else {
                for (Map.Entry<String, JourneyPayload.Day> e : p.regular().entrySet()) {
                    String day = e.getKey().toLowerCase(Locale.ROOT);
                    String path = "regular." + e.getKey();
                    JourneyPayload.Day w = e.getValue();
                    if (!DAYS.contains(day)) {
                        error(path, "is not a weekday (monday ... sunday)");
                    } else if (w == null || (w.depMin() == null && w.depMax() == null && w.retMin() == null
                            && w.retMax() == null)) {
                        error(path, "needs a departure or a return window");
                    } else {
                        window(path + ".dep", w.depMin(), w.depMax());
                        window(path + ".ret", w.retMin(), w.retMax());
                    }
                }
            }
        } else {
            error("frequency", "must be punctual or regular");
        }
    }

    private void window(String path, LocalTime min, LocalTime max) {
        if (min == null && max != null) {
            error(path + "Min", "is required when " + path + "Max is given");
        } else if (min != null && max != null && max.isBefore(min)) {
            error(path + "Max", "must not be before " + path + "Min");
        }
    }

    private void place(String name, JourneyPayload.Place place) {
        if (place == null) {
            error(name, "is required");
            return;
        }
        text(name + ".city", place.city(), true);
        boolean noInsee = Texts.isBlank(place.insee());
        if (!noInsee && !INSEE.matcher(place.insee()).matches()) {
            error(name + ".insee", "must be a 5-character INSEE code");
        }
        text(name + ".postalCode", place.postalCode(), false, FieldLimits.CODE);
        if (noInsee && Texts.isBlank(place.postalCode())) {
            error(name + ".insee", "is required (or postalCode)");
        }
        text(name + ".address", place.address(), false);
        text(name + ".country", place.country(), false);
        if (place.lat() == null) {
            error(name + ".lat", "is required");
        } else if (!(place.lat() >= -90 && place.lat() <= 90)) {
            error(name + ".lat", "must be between -90 and 90");
        }
        if (place.lon() == null) {
            error(name + ".lon", "is required");
        } else if (!(place.lon() >= -180 && place.lon() <= 180)) {
            error(name + ".lon", "must be between -180 and 180");
        }
    }

    private void route(List<List<Double>> route) {
        if (route == null) {
            return;
        }
        if (route.size() > MAX_ROUTE_POINTS) {
            error("route", "must have at most " + MAX_ROUTE_POINTS + " points");
            return;
        }
        for (int i = 0; i < route.size(); i++) {
            List<Double> point = route.get(i);
            if (point == null || point.size() != 2 || point.get(0) == null || point.get(1) == null
                    || !(point.get(0) >= -90 && point.get(0) <= 90) || !(point.get(1) >= -180 && point.get(1) <= 180)) {
                error("route." + i, "must be [lat, lon] in WGS84 degrees");
                return;
            }
        }
    }

    private void text(String field, String value, boolean required) {
        text(field, value, required, MAX_TEXT);
    }

    private void text(String field, String value, boolean required, int max) {
        errors.text(field, value, required, max);
    }

    private void url(String field, String value, boolean required) {
        if (Texts.isBlank(value)) {
            if (required) {
                error(field, FieldErrors.REQUIRED);
            }
        } else if (value.length() > MAX_URL) {
            error(field, "must be at most " + MAX_URL + " characters");
        } else if (FieldRules.httpUrl(value).isEmpty()) {
            error(field, "must be an absolute http or https URL");
        }
    }

    private void error(String field, String message) {
        errors.add(field, message);
    }
}

package org.rdex.server.model;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * One journey as it is shared with partners, whatever the protocol (RDEX 1.0 files, RDEX 1.2 JSON,
 * standard-covoiturage): the unit exports stream out and imports stream in. It holds only what may leave
 * the server: no owner reference, no e-mail. Formats map to and from it; it depends on none of them.
 *
 * <p>Optional values are {@code null}. {@code route} is kept as the RDEX text form
 * {@code lat,lon;lat,lon;...} so that partner routes can be stored as received.
 */
public record SharedJourney(
        String operator,
        String site,
        String uuid,
        Place from,
        Place to,
        BigDecimal kilometers,
        Integer minutes,
        String route,
        String url,
        String name,
        String image,
        BigDecimal cost,
        String vehicleModel,
        String vehicleColour,
        boolean driver,
        boolean passenger,
        Integer seats,
        LocalDate activeFrom,
        LocalDate activeTo,
        String details,
        Punctual punctual,
        Regular regular) {

    /** Departure or arrival point. {@code lat}/{@code lon} are WGS84 degrees. */
    public record Place(String location, String insee, String postalCode, String address,
            double lat, double lon, String country) {
    }

    /** A one-off journey: a date and a departure window. */
    public record Punctual(LocalDate date, LocalTime minTime, LocalTime maxTime) {
    }

    /** A regular journey: windows per weekday; days absent from the map are not travelled. */
    public record Regular(Map<DayOfWeek, DayWindow> days) {
        public Regular {
            EnumMap<DayOfWeek, DayWindow> copy = new EnumMap<>(DayOfWeek.class);
            if (days != null) {
                copy.putAll(days);
            }
            days = java.util.Collections.unmodifiableMap(copy);
        }
    }

    public boolean isPunctual() {
        return punctual != null;
    }

    /** An empty builder: every optional value null, neither driver nor passenger. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this journey's values, to change a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.operator = operator;
        b.site = site;
        b.uuid = uuid;
        b.from = from;
        b.to = to;
        b.kilometers = kilometers;
        b.minutes = minutes;
        b.route = route;
        b.url = url;
        b.name = name;
        b.image = image;
        b.cost = cost;
        b.vehicleModel = vehicleModel;
        b.vehicleColour = vehicleColour;
        b.driver = driver;
        b.passenger = passenger;
        b.seats = seats;
        b.activeFrom = activeFrom;
        b.activeTo = activeTo;
        b.details = details;
        b.punctual = punctual;
        b.regular = regular;
        return b;
    }

    /**
     * The journey built by name rather than by position, so that adding a field changes this class and the
     * places that set it, not every call with 22 arguments.
     */
    public static final class Builder {
        private String operator;
        private String site;
        private String uuid;
        private Place from;
        private Place to;
        private BigDecimal kilometers;
        private Integer minutes;
        private String route;
        private String url;
        private String name;
        private String image;
        private BigDecimal cost;
        private String vehicleModel;
        private String vehicleColour;
        private boolean driver;
        private boolean passenger;
        private Integer seats;
        private LocalDate activeFrom;
        private LocalDate activeTo;
        private String details;
        private Punctual punctual;
        private Regular regular;

        private Builder() {
        }

        public Builder operator(String value) {
            this.operator = value;
            return this;
        }

        public Builder site(String value) {
            this.site = value;
            return this;
        }

        public Builder uuid(String value) {
            this.uuid = value;
            return this;
        }

        public Builder from(Place value) {
            this.from = value;
            return this;
        }

        public Builder to(Place value) {
            this.to = value;
            return this;
        }

        public Builder kilometers(BigDecimal value) {
            this.kilometers = value;
            return this;
        }

        public Builder minutes(Integer value) {
            this.minutes = value;
            return this;
        }

        public Builder route(String value) {
            this.route = value;
            return this;
        }

        public Builder url(String value) {
            this.url = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder image(String value) {
            this.image = value;
            return this;
        }

        public Builder cost(BigDecimal value) {
            this.cost = value;
            return this;
        }

        public Builder vehicleModel(String value) {
            this.vehicleModel = value;
            return this;
        }

        public Builder vehicleColour(String value) {
            this.vehicleColour = value;
            return this;
        }

        public Builder driver(boolean value) {
            this.driver = value;
            return this;
        }

        public Builder passenger(boolean value) {
            this.passenger = value;
            return this;
        }

        public Builder seats(Integer value) {
            this.seats = value;
            return this;
        }

        public Builder activeFrom(LocalDate value) {
            this.activeFrom = value;
            return this;
        }

        public Builder activeTo(LocalDate value) {
            this.activeTo = value;
            return this;
        }

        public Builder details(String value) {
            this.details = value;
            return this;
        }

        public Builder punctual(Punctual value) {
            this.punctual = value;
            return this;
        }

        public Builder regular(Regular value) {
            this.regular = value;
            return this;
        }

        public SharedJourney build() {
            return new SharedJourney(operator, site, uuid, from, to, kilometers, minutes, route, url, name, image,
                    cost, vehicleModel, vehicleColour, driver, passenger, seats, activeFrom, activeTo, details,
                    punctual, regular);
        }
    }
}

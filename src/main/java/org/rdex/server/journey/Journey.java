package org.rdex.server.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One of our own journeys, pushed by the platform (partners' journeys live in {@code partner_journey},
 * see imports.PartnerPartitions). Owner fields are private and never leave the server.
 */
@Entity
@Table(name = "journey")
public class Journey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "external_id")
    public String externalId;
    public String uuid;
    public String operator;
    public String site;

    @Column(name = "from_location")
    public String fromLocation;
    @Column(name = "from_insee")
    public String fromInsee;
    @Column(name = "from_postalcode")
    public String fromPostalCode;
    @Column(name = "from_address")
    public String fromAddress;
    @Column(name = "from_lat")
    public double fromLat;
    @Column(name = "from_lon")
    public double fromLon;
    @Column(name = "from_country")
    public String fromCountry;

    @Column(name = "to_location")
    public String toLocation;
    @Column(name = "to_insee")
    public String toInsee;
    @Column(name = "to_postalcode")
    public String toPostalCode;
    @Column(name = "to_address")
    public String toAddress;
    @Column(name = "to_lat")
    public double toLat;
    @Column(name = "to_lon")
    public double toLon;
    @Column(name = "to_country")
    public String toCountry;

    /** RDEX text form {@code lat,lon;lat,lon}, full precision; rounded on export. */
    public String route;
    @Column(name = "distance_km")
    public BigDecimal distanceKm;
    @Column(name = "duration_min")
    public Integer durationMin;
    public boolean driver;
    public boolean passenger;
    public Short seats;
    public String url;
    public String pseudonym;
    @Column(name = "image_url")
    public String imageUrl;
    @Column(name = "vehicle_model")
    public String vehicleModel;
    @Column(name = "vehicle_colour")
    public String vehicleColour;
    public BigDecimal price;
    public String details;
    @Column(name = "active_from")
    public LocalDate activeFrom;
    @Column(name = "active_to")
    public LocalDate activeTo;

    public boolean punctual;
    @Column(name = "punctual_date")
    public LocalDate punctualDate;
    @Column(name = "punctual_min")
    public LocalTime punctualMin;
    @Column(name = "punctual_max")
    public LocalTime punctualMax;
    /** JSON object of weekday windows; see {@link Schedule}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String schedule;
    @Column(name = "days_mask")
    public short daysMask;
    /** Windows per weekday for the search (V23), derived from the punctual fields or the schedule. */
    @Column(name = "dep_lo")
    public Short[] depLo;
    @Column(name = "dep_hi")
    public Short[] depHi;
    @Column(name = "ret_lo")
    public Short[] retLo;
    @Column(name = "ret_hi")
    public Short[] retHi;
    @Column(name = "dep_lo_min")
    public Short depLoMin;
    @Column(name = "dep_hi_max")
    public Short depHiMax;
    @Column(name = "ret_lo_min")
    public Short retLoMin;
    @Column(name = "ret_hi_max")
    public Short retHiMax;

    @Column(name = "owner_ref")
    public String ownerRef;
    @Column(name = "owner_email")
    public String ownerEmail;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    void windows(Schedule.Windows w) {
        depLo = w.depLo();
        depHi = w.depHi();
        retLo = w.retLo();
        retHi = w.retHi();
        depLoMin = w.depLoMin();
        depHiMax = w.depHiMax();
        retLoMin = w.retLoMin();
        retHiMax = w.retHiMax();
    }
}

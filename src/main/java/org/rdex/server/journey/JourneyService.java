package org.rdex.server.journey;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.OperatorConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Own journeys as the platform pushes them: create or replace, read, delete. */
@ApplicationScoped
public class JourneyService {

    /** The outcome of a PUT: the stored journey, and whether it was new. */
    public record Saved(JourneyPayload journey, boolean created) {
    }

    @Inject
    OperatorConfig operator;
    @Inject
    PublicIds publicIds;

    Clock clock = Clock.systemDefaultZone();

    /** Validates and stores; throws {@link ApiException} (400) naming every invalid field, and writes nothing then. */
    @Transactional
    public Saved put(String externalId, JourneyPayload payload) {
        List<FieldError> errors = JourneyValidator.validate(externalId, payload);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Optional<Journey> existing = findOwn(externalId);
        Journey journey = existing.orElseGet(Journey::new);
        PlatformJourneyMapper.apply(payload, journey, operator, LocalDate.now(clock));
        journey.updatedAt = Instant.now(clock);
        if (existing.isEmpty()) {
            journey.externalId = externalId;
            journey.uuid = publicIds.uuidFor(externalId);
            journey.persist();
        }
        return new Saved(PlatformJourneyMapper.toPayload(journey), existing.isEmpty());
    }

    @Transactional
    public Optional<JourneyPayload> get(String externalId) {
        return findOwn(externalId).map(PlatformJourneyMapper::toPayload);
    }

    @Transactional
    public boolean delete(String externalId) {
        return Journey.delete("externalId = ?1", externalId) > 0;
    }

    private Optional<Journey> findOwn(String externalId) {
        return Journey.find("externalId = ?1", externalId).firstResultOptional();
    }
}

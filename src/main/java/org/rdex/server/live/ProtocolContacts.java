package org.rdex.server.live;

import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.rdex.server.common.ApiException;
import org.rdex.server.contact.ProtocolRoutes;
import org.rdex.server.contact.ProtocolRoutes.Exchange;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.Texts;
import org.rdex.server.partner.Partner;
import org.rdex.server.protocol.ContactTarget;
import org.rdex.server.protocol.OutboundMessage;
import org.rdex.server.protocol.PartnerProtocol;
import org.rdex.server.protocol.ProtocolEndpoint;
import org.rdex.server.protocol.ProtocolRegistry;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Our user's message to the author of a partner's journey, through the partner's live protocol:
 * RDEX 1.2 {@code POST {url}/connections} (signed URL, form body) or standard-covoiturage
 * {@code POST {url}/messages} (JSON, {@code X-API-Key}). Neither carries the sender's address in a field of
 * its own, so it ends the text ({@code -- pseudonym <email>}), the way these platforms' users answer each
 * other. RDEX 1.0 contact stays with {@code OutboundContactService}, which maps every outcome to our answer.
 */
@ApplicationScoped
public class ProtocolContacts implements ProtocolRoutes {

    /** RDEX 1.2 {@code details} and standard {@code message}: 500 at most (bytes, and characters). */
    static final int MAX_TEXT = 500;

    @Inject
    PartnerProtocols protocols;
    @Inject
    LiveJourneys memory;
    @Inject
    PartnerHttp http;
    @Inject
    EntityManager em;
    @Inject
    ProtocolRegistry registry;

    /** Where a contact goes when the partner speaks RDEX 1.2 or standard-covoiturage for it. */
    public record Route(LivePartner partner, String kind, String uuid, String recipientId,
            String recipientRole, String recipientAlias, String recipientOperator) implements ProtocolRoutes.Route {

        @Override
        public long partnerId() {
            return partner.id();
        }

        @Override
        public String partnerName() {
            return partner.name();
        }

        @Override
        public String protocol() {
            return kind;
        }

        ContactTarget target() {
            return new ContactTarget(uuid, recipientId, recipientRole, recipientAlias, recipientOperator);
        }
    }

    /**
     * The live route of a contact to journey {@code uuid} (of {@code partnerName} when given): a journey seen
     * in a live answer, or a stored journey of a partner whose contacts go through RDEX 1.2 or standard.
     * Empty: RDEX 1.0 contact (or not found), as before.
     */
    @Override
    public Optional<ProtocolRoutes.Route> route(String uuid, String partnerName) {
        if (protocols.all().isEmpty()) {
            return Optional.empty();
        }
        Optional<LiveJourneys.Seen> seen = memory.find(uuid, partnerName);
        if (seen.isPresent()) {
            LiveJourneys.Seen s = seen.get();
            return protocols.byId(s.partnerId()).flatMap(p -> via(p).map(v -> (ProtocolRoutes.Route) new Route(p, v,
                    uuid, s.recipientId(), s.recipientRole(), s.recipientAlias(), s.operator())));
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("""
                    select j.partner_id, j.driver, j.pseudonym from partner_journey j join partner p on p.id = j.partner_id
                    where j.uuid = :uuid and j.active_to >= current_date
                      and (cast(:partner as text) is null or p.name = cast(:partner as text))""")
                    .setParameter("uuid", uuid).setParameter("partner", partnerName).getResultList();
            if (rows.size() != 1) {
                return Optional.<ProtocolRoutes.Route>empty();
            }
            Object[] row = (Object[]) rows.get(0);
            Optional<LivePartner> partner = protocols.byId(((Number) row[0]).longValue());
            boolean driver = Boolean.TRUE.equals(row[1]);
            return partner.flatMap(p -> via(p).map(v -> (ProtocolRoutes.Route) new Route(p, v, uuid, null, driver ? "DRIVER" : "PASSENGER",
                    (String) row[2], null)));
        });
    }

    /**
     * The protocol a contact to {@code p}'s journeys goes through: the one set, else RDEX 1.0 when the partner
     * has a contact URL and key, else its first protocol that contacts. Empty for RDEX 1.0.
     */
    private Optional<String> via(LivePartner p) {
        String via = p.contactKind();
        if (via == null) {
            Partner partner = QuarkusTransaction.requiringNew().call(() -> Partner.findById(p.id()));
            boolean rdex10 = partner != null && !Texts.isBlank(partner.contactUrl)
                    && partner.hasOutboundKey();
            via = rdex10 ? PartnerProtocol.RDEX10 : p.endpoints().stream()
                    .filter(e -> registry.find(e.kind()).filter(PartnerProtocol::contacts).isPresent())
                    .map(ProtocolEndpoint::kind).findFirst().orElse(PartnerProtocol.RDEX10);
        }
        if (via.equals(PartnerProtocol.RDEX10)) {
            return Optional.empty();
        }
        if (p.endpoint(via).isEmpty() || registry.find(via).filter(PartnerProtocol::contacts).isEmpty()) {
            throw new ApiException(501, "not_implemented", "Partner " + p.name() + "'s contact protocol is not configured");
        }
        return Optional.of(via);
    }

    /**
     * Sends the message and waits for the partner's answer, {@code timeout} at most.
     *
     * @param site     our site, the sender's {@code origin} / {@code operator} domain
     * @param operator our operator name (RDEX 1.2 {@code operator})
     * @throws ApiException 400 when the message and the sender's address do not fit the protocol's 500
     */
    @Override
    public Exchange send(ProtocolRoutes.Route contactRoute, String pseudonym, String email, String message, String site,
            String operator, Duration timeout) {
        Route route = (Route) contactRoute;
        String text = message.strip() + "\n-- \n" + pseudonym + " <" + email + ">";
        if (text.length() > MAX_TEXT || text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT) {
            throw ApiException.invalid(List.of(new FieldError("message", "with the sender's name and address it must"
                    + " fit in " + MAX_TEXT + " bytes for this partner's protocol (" + route.kind() + ")")));
        }
        LivePartner p = route.partner();
        HttpRequest request = registry.get(route.kind()).contact(p.endpoint(route.kind()).orElseThrow(), route.target(),
                new OutboundMessage(pseudonym, email, text, site, operator), timeout);
        CompletableFuture<PartnerHttp.Answer> call = http.send(request, p.fingerprint());
        try {
            PartnerHttp.Answer answer = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String name = errorName(answer.body());
            String retryAfter = answer.retryAfter() != null && answer.retryAfter().matches("\\d{1,6}")
                    ? answer.retryAfter() : null;
            if (answer.status() / 100 == 2 && name != null) {
                // Mobicoop answers 201 with an error body for an unknown recipient: that is a refusal.
                return new Exchange(statusOf(name), name, retryAfter, false, null);
            }
            return new Exchange(answer.status(), name, retryAfter, false, null);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Exchange(null, null, null, true, "timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new ApiException(503, "service_unavailable", "Interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Exchange(null, null, null, true, "timeout");
            }
            if (cause instanceof PartnerHttp.BadAnswer bad) {
                return new Exchange(null, null, null, false, bad.kind());
            }
            return new Exchange(null, null, null, false, cause == null ? "failed"
                    : cause.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        }
    }

    /** The RDEX error name of a body ({@code {"error":{"name":...}}}), or null. */
    private String errorName(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = http.parse(body);
            String name = node.path("error").path("name").asText(null);
            return name != null && name.matches("[a-z_]{1,40}") ? name : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** HTTP status of an RDEX error name (the ANCHORS table); 400 for names it does not list. */
    static int statusOf(String name) {
        return switch (name) {
        case "access_denied", "signature_mismatch", "timestamp_too_skewed" -> 401;
        case "insufficient_permissions", "origin_mismatch" -> 403;
        case "resource_not_found" -> 404;
        case "unsupported_http_verb" -> 405;
        case "already_exists" -> 409;
        case "too_many_post", "too_many_queries" -> 429;
        case "internal_error", "config_file_missing", "operator_file_missing" -> 500;
        case "not_implemented" -> 501;
        default -> 400;
        };
    }
}

package org.rdex.server.contact;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLException;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiError;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.Texts;
import org.rdex.server.common.OperatorConfig;
import org.rdex.server.tls.PartnerClients;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.protocol.rdex10.Rdex10Contact;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Our user contacts the author of a partner's journey: we call the partner's contact API with the key it
 * issued to us, over HTTPS (pinned when the partner has a self-signed certificate), and record the call.
 * No transaction is held during the call. A partner whose contacts go through RDEX 1.2 connections or
 * standard-covoiturage messages (its live protocols, {@link ProtocolRoutes}) is called that way instead;
 * every protocol's outcome maps to the same answer ({@link #answer}).
 */
@ApplicationScoped
public class OutboundContactService {

    private static final Logger LOG = Logger.getLogger(OutboundContactService.class);

    @Inject
    EntityManager em;
    @Inject
    PartnerService partners;
    @Inject
    ContactConfig config;
    @Inject
    OperatorConfig operator;
    @Inject
    ObjectMapper mapper;
    @Inject
    org.rdex.server.history.HistoryRecorder history;
    @Inject
    ProtocolRoutes protocolContacts;

    @Inject
    PartnerClients clients;

    /** The request of our platform. */
    public record Outbound(String journey, String partner, String pseudonym, String email, String message) {
    }

    /** What we answer our platform: status and JSON body (and Retry-After when the partner sent one). */
    public record Result(int status, Object body, String retryAfter) {
    }

    private record Target(long partnerId, String partnerName, URI contactUrl, String key, String fingerprint, String uuid) {
    }

    public Result send(Outbound request) {
        ContactForm.Message message = validate(request);
        java.util.Optional<ProtocolRoutes.Route> route = protocolContacts.route(message.journeyId(), request.partner());
        if (route.isPresent()) {
            return sendThrough(route.get(), message);
        }
        Target target = target(message.journeyId(), request.partner());
        HttpRequest http = Rdex10Contact.request(target.contactUrl(), target.key(), target.uuid(), message.pseudonym(),
                message.email(), config.outbound().site().orElse(operator.site()), message.text(),
                config.outbound().requestTimeout());
        long start = System.nanoTime();
        Integer status = null;
        String outcome;
        String error = null;
        Result result;
        try {
            HttpResponse<String> response = client(target.fingerprint()).send(http, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            String name = status / 100 == 4 ? partnerErrorName(response.body()) : null;
            result = answer(target.partnerName(), status, name,
                    response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,6}")).orElse(null), false);
            if (status / 100 == 2) {
                outcome = "SENT";
            } else if (status / 100 == 4) {
                outcome = "REFUSED";
                error = name;
            } else {
                outcome = "FAILED";
                error = "HTTP " + status;
            }
        } catch (HttpTimeoutException e) {
            outcome = "TIMEOUT";
            error = e.getClass().getSimpleName();
            result = answer(target.partnerName(), null, null, null, true);
        } catch (IOException e) {
            outcome = "FAILED";
            error = describe(e);
            result = answer(target.partnerName(), null, null, null, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "service_unavailable", "Interrupted");
        }
        int millis = (int) ((System.nanoTime() - start) / 1_000_000);
        clients.count(PartnerClients.Use.CONTACT, status == null ? outcome.toLowerCase(java.util.Locale.ROOT)
                : PartnerClients.statusClass(status));
        record(target, message.email(), status, outcome, error, millis);
        history.contactCall(target.partnerName(), "rdex10", status, "TIMEOUT".equals(outcome), null, millis);
        LOG.infof("Outbound contact to partner %s: %s%s in %d ms", target.partnerName(), outcome,
                status == null ? "" : " (HTTP " + status + ")", millis);
        return result;
    }

    private Result sendThrough(ProtocolRoutes.Route route, ContactForm.Message message) {
        long start = System.nanoTime();
        ProtocolRoutes.Exchange exchange = protocolContacts.send(route, message.pseudonym(), message.email(),
                message.text(), config.outbound().site().orElse(operator.site()), operator.name(),
                config.outbound().requestTimeout());
        int millis = (int) ((System.nanoTime() - start) / 1_000_000);
        String protocol = route.protocol();
        Result result = answer(route.partnerName(), exchange.status(), exchange.errorName(), exchange.retryAfter(),
                exchange.timedOut());
        Integer status = exchange.status();
        String outcome = status == null ? (exchange.timedOut() ? "TIMEOUT" : "FAILED")
                : status / 100 == 2 ? "SENT" : status / 100 == 4 ? "REFUSED" : "FAILED";
        String error = status == null ? protocol + ": " + exchange.error()
                : status / 100 == 2 ? null : protocol + ": " + (exchange.errorName() == null ? "HTTP " + status : exchange.errorName());
        record(new Target(route.partnerId(), route.partnerName(), null, null, null, route.uuid()), message.email(),
                status, outcome, error, millis);
        history.contactCall(route.partnerName(), protocol, status, exchange.timedOut(), exchange.error(), millis);
        LOG.infof("Outbound contact to partner %s over %s: %s%s in %d ms", route.partnerName(), protocol, outcome,
                status == null ? "" : " (HTTP " + status + ")", millis);
        return result;
    }

    /**
     * Our answer to the platform for a partner's reply, whatever the protocol: 2xx sent (202), 4xx passed
     * through with the partner's RDEX error name (and Retry-After), other statuses 502, no reply 502 or 504.
     */
    private static Result answer(String partnerName, Integer status, String name, String retryAfter, boolean timedOut) {
        if (status == null) {
            return timedOut
                    ? new Result(504, ApiError.of("partner_timeout", "The partner's contact API did not answer in time"), null)
                    : new Result(502, ApiError.of("partner_unavailable", "The partner's contact API could not be reached"), null);
        }
        if (status / 100 == 2) {
            return new Result(202, Map.of("status", "sent", "partner", partnerName, "partnerStatus", status), null);
        }
        if (status / 100 == 4) {
            return new Result(status, ApiError.of(name == null ? "partner_refused" : name,
                    "The partner refused the message (HTTP " + status + (name == null ? "" : ", " + name) + ")"),
                    retryAfter);
        }
        return new Result(502, ApiError.of("partner_unavailable", "The partner's contact API failed (HTTP " + status + ")"), null);
    }

    private ContactForm.Message validate(Outbound request) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "id", request.journey());
        put(fields, "pseudonym", request.pseudonym());
        put(fields, "email", request.email());
        put(fields, "site", operator.site());
        put(fields, "message", request.message());
        try {
            return ContactForm.validate(fields, config.maxMessageLength());
        } catch (ApiException e) {
            // Our platform's field is "journey", the wire's is "id".
            List<FieldError> renamed = new ArrayList<>();
            e.fields().forEach(f -> renamed.add(new FieldError(f.field().equals("id") ? "journey" : f.field(), f.message())));
            throw new ApiException(e.status(), e.name(), e.getMessage(), renamed, e.headers());
        }
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private Target target(String uuid, String partnerName) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> ids = em.createNativeQuery("""
                    select j.partner_id from partner_journey j join partner p on p.id = j.partner_id
                    where j.uuid = :uuid and j.active_to >= current_date
                      and (cast(:partner as text) is null or p.name = lower(trim(cast(:partner as text))))""")
                    .setParameter("uuid", uuid).setParameter("partner", partnerName).getResultList();
            if (ids.isEmpty()) {
                throw new ApiException(404, "resource_not_found", "No current partner journey with this uuid",
                        List.of(new FieldError("journey", "is not a current partner journey")), Map.of());
            }
            if (ids.size() > 1) {
                throw new ApiException(400, "invalid_input", "Several partners publish this uuid; name the partner",
                        List.of(new FieldError("partner", "is required when several partners publish the journey")), Map.of());
            }
            Partner partner = Partner.findById(((Number) ids.get(0)).longValue());
            if (Texts.isBlank(partner.contactUrl) || !partner.hasOutboundKey()) {
                throw new ApiException(501, "not_implemented",
                        "Partner " + partner.name + " has no contact URL or no key for us (partners set-key)");
            }
            URI url = URI.create(partner.contactUrl.trim());
            if (url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/")) {
                // Registered as the partner's base URL: the contact API sits at the path RDEX servers use.
                url = url.resolve("/rdex/contact");
            }
            if (!"https".equalsIgnoreCase(url.getScheme())) {
                throw new ApiException(501, "not_implemented", "Partner " + partner.name + "'s contact URL is not HTTPS");
            }
            return new Target(partner.id, partner.name, url, partners.outboundKey(partner).orElseThrow(),
                    partner.pinnedFingerprints(), uuid);
        });
    }

    private HttpClient client(String fingerprint) {
        return clients.client(PartnerClients.Use.CONTACT, fingerprint, config.outbound().connectTimeout(), null);
    }

    private String partnerErrorName(String body) {
        return Rdex10Contact.errorName(body, mapper);
    }

    private void record(Target target, String email, Integer status, String outcome, String error, int millis) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    insert into contact_outbound (partner_id, journey_uuid, sender_email, status_code, outcome, error, duration_ms)
                    values (:p, :u, :e, :s, :o, :err, :d)""")
                    .setParameter("p", target.partnerId()).setParameter("u", target.uuid()).setParameter("e", email)
                    .setParameter("s", status).setParameter("o", outcome).setParameter("err", error)
                    .setParameter("d", millis).executeUpdate());
        } catch (RuntimeException e) {
            LOG.errorf("Could not record an outbound contact call: %s", e.getClass().getSimpleName());
        }
    }

    private static String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof SSLException || root instanceof java.security.cert.CertificateException) {
            return "TLS: " + Texts.abbreviate(root.getMessage());
        }
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        return root.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}

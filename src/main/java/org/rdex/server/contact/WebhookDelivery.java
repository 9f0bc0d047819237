package org.rdex.server.contact;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Delivers a message to our platform's webhook: JSON body, {@code X-RDEX-Signature: sha256=<hex>} (HMAC-SHA256
 * of the exact body bytes with {@code rdex.relay.webhook-secret}) and {@code Idempotency-Key}, the same on
 * every attempt of a message so the platform shows it once even when we retry after a lost answer.
 */
@ApplicationScoped
public class WebhookDelivery {

    public static final String SIGNATURE_HEADER = "X-RDEX-Signature";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    @Inject
    RelayConfig config;
    @Inject
    ObjectMapper mapper;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** Throws with a short reason (no response body) when the platform did not answer 2xx. */
    public void deliver(RelayMessage m) throws IOException, InterruptedException {
        String secret = config.webhookSecret().filter(s -> !s.isBlank())
                .orElseThrow(() -> new IOException("rdex.relay.webhook-secret is not set: not sending unsigned messages"));
        byte[] body = body(m);
        HttpRequest request = HttpRequest.newBuilder(config.webhookUrl().orElseThrow(() -> new IOException("rdex.relay.webhook-url is not set")))
                .timeout(config.webhookTimeout())
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_HEADER, m.idempotencyKey())
                .header(SIGNATURE_HEADER, "sha256=" + sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        String target = "webhook " + request.uri().getHost() + ":" + RelayErrors.port(request.uri());
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IOException(RelayErrors.describe(target, e), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(target + " answered HTTP " + response.statusCode());
        }
    }

    byte[] body(RelayMessage m) throws JsonProcessingException {
        Map<String, Object> journey = new LinkedHashMap<>();
        journey.put("uuid", m.journeyUuid());
        journey.put("id", m.journeyExternalId());
        journey.put("ownerRef", m.ownerRef());
        journey.put("summary", m.journeySummary());
        journey.put("from", m.fromLocation());
        journey.put("to", m.toLocation());
        journey.put("date", m.punctual() && m.date() != null ? m.date().toString() : null);
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("pseudonym", m.senderPseudonym());
        sender.put("email", m.senderEmail());
        sender.put("site", m.site());
        sender.put("partner", m.partnerName());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("type", "rdex.contact");
        root.put("id", m.idempotencyKey());
        root.put("receivedAt", m.receivedAt().toString());
        root.put("journey", journey);
        root.put("sender", sender);
        root.put("message", m.message());
        return mapper.writeValueAsBytes(root);
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.rdex.server.protocol.rdex10;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The client side of RDEX 1.0's contact: {@code POST {contact url}/rdex/contact}, a form with the key the
 * partner issued to us, the journey's id, the sender ({@code "Pseudonym <email>"}), our site and the text. It
 * has no {@code partner_protocol} row: the partner's own settings (contact URL, outbound key) say it speaks it,
 * and {@code contact/OutboundContactService} sends it. The server side is {@code contact/ContactResource}.
 */
public final class Rdex10Contact {

    private static final Pattern RDEX_NAME = Pattern.compile("[a-z_]{1,40}");

    private Rdex10Contact() {
    }

    /** The contact request to {@code contactUrl} (already {@code .../rdex/contact}). */
    public static HttpRequest request(URI contactUrl, String key, String uuid, String pseudonym, String email,
            String site, String text, Duration timeout) {
        String form = "key=" + enc(key) + "&id=" + enc(uuid)
                + "&from=" + enc(pseudonym + " <" + email + ">")
                + "&site=" + enc(site)
                + "&message=" + enc(text);
        return HttpRequest.newBuilder(contactUrl)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
    }

    /** The RDEX error name of an error body ({@code {"error":{"name":...}}}), null when there is none we trust. */
    public static String errorName(String body, ObjectMapper mapper) {
        try {
            JsonNode node = mapper.readTree(body);
            String name = node == null ? null : node.path("error").path("name").asText(null);
            return name != null && RDEX_NAME.matcher(name).matches() ? name : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

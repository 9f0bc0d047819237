package org.rdex.server.protocol.rdex12;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The RDEX 1.2 request signature as Mobicoop's client computes it: {@code url = base + "/" + resource + "?" +
 * http_build_query({timestamp, apikey, p})}, then {@code url + "&signature=" + hex(HMAC-SHA256(url, privateKey))}.
 * The query is PHP's {@code http_build_query} (RFC 1738: space as {@code +}, brackets and every byte but
 * {@code [A-Za-z0-9._-]} percent-encoded in upper case, nested keys as {@code p[a][b]}, nulls skipped,
 * booleans as 1/0, lists indexed from 0), so a PHP server rebuilding the string gets the same bytes.
 */
public final class Rdex12Signer {

    private Rdex12Signer() {
    }

    /**
     * The signed URL of a call: {@code p} (insertion order kept, nested maps allowed) may be null, as for
     * {@code /connections}, which signs {@code timestamp} and {@code apikey} only.
     */
    public static String signedUrl(String base, String resource, long timestamp, String apikey, Map<String, ?> p,
            String privateKey) {
        String unsigned = unsignedUrl(base, resource, timestamp, apikey, p);
        return unsigned + "&signature=" + sign(unsigned, privateKey);
    }

    /** {@code base + "/" + resource + "?" + http_build_query({timestamp, apikey, p})}, before the signature. */
    public static String unsignedUrl(String base, String resource, long timestamp, String apikey, Map<String, ?> p) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("timestamp", timestamp);
        params.put("apikey", apikey);
        params.put("p", p);
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return root + "/" + resource + "?" + httpBuildQuery(params);
    }

    /** Lower-case hex of HMAC-SHA256 over the URL's UTF-8 bytes, keyed by the private key's UTF-8 bytes. */
    public static String sign(String url, String privateKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(privateKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(url.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** PHP's {@code http_build_query($params)} with its defaults (RFC 1738, '&' between pairs). */
    public static String httpBuildQuery(Map<String, ?> params) {
        StringBuilder out = new StringBuilder(256);
        for (Map.Entry<String, ?> e : params.entrySet()) {
            append(out, urlencode(e.getKey()), e.getValue());
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                append(out, key + "%5B" + urlencode(String.valueOf(e.getKey())) + "%5D", e.getValue());
            }
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                append(out, key + "%5B" + i + "%5D", list.get(i));
            }
            return;
        }
        String text = value instanceof Boolean b ? (b ? "1" : "0") : String.valueOf(value);
        if (!out.isEmpty()) {
            out.append('&');
        }
        out.append(key).append('=').append(urlencode(text));
    }

    /** PHP {@code urlencode}: Java's form encoding, which differs only in leaving {@code *} alone. */
    public static String urlencode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("*", "%2A");
    }
}

package org.rdex.server.rdex12;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RDEX 1.2 request signing as Mobicoop's client does it, for both sides: the client signs with it and the
 * server checks the same bytes.
 *
 * <pre>
 * unsigned  = base + "/" + resource + "?" + http_build_query({timestamp, apikey, p})
 * signature = lowercase hex of HMAC-SHA256(unsigned, privateKey as UTF-8)
 * sent URL  = unsigned + "&amp;signature=" + signature
 * </pre>
 *
 * {@link #httpBuildQuery} is PHP's {@code http_build_query} with its default RFC 1738 encoding: bytes
 * {@code [A-Za-z0-9._-]} kept, space as {@code +}, every other byte as upper-case {@code %XX}; nested maps
 * become {@code p%5Bfrom%5D%5Blatitude%5D}, lists {@code %5B0%5D}; nulls are skipped, booleans are 1/0.
 * {@code /connections} signs only {@code timestamp} and {@code apikey} (pass {@code p} null).
 */
public final class Rdex12Signer {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Rdex12Signer() {
    }

    /** The URL to call: the unsigned URL followed by {@code &signature=}. */
    public static String signedUrl(String base, String resource, long timestamp, String apikey, Map<String, ?> p,
            String privateKey) {
        String unsigned = unsignedUrl(base, resource, timestamp, apikey, p);
        return unsigned + "&signature=" + sign(unsigned, privateKey);
    }

    /** {@code base + "/" + resource + "?" + http_build_query({timestamp, apikey, p})}; one slash between. */
    public static String unsignedUrl(String base, String resource, long timestamp, String apikey, Map<String, ?> p) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("timestamp", timestamp);
        params.put("apikey", apikey);
        params.put("p", p);
        return join(base, resource) + "?" + httpBuildQuery(params);
    }

    /** {@code base + "/" + resource}, whatever slashes either side already has. */
    public static String join(String base, String resource) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String r = resource.startsWith("/") ? resource.substring(1) : resource;
        return b + "/" + r;
    }

    /** Lowercase hex of HMAC-SHA256 over the UTF-8 bytes of {@code data}, keyed by those of {@code privateKey}. */
    public static String sign(String data, String privateKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(privateKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** PHP {@code http_build_query($params)} (insertion order kept; maps and lists nest at any depth). */
    public static String httpBuildQuery(Map<String, ?> params) {
        StringBuilder out = new StringBuilder(256);
        for (Map.Entry<String, ?> e : params.entrySet()) {
            append(out, urlencode(e.getKey()), e.getValue());
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String encodedName, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                append(out, encodedName + "%5B" + urlencode(String.valueOf(e.getKey())) + "%5D", e.getValue());
            }
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                append(out, encodedName + "%5B" + i + "%5D", list.get(i));
            }
            return;
        }
        String text = value instanceof Boolean b ? (b ? "1" : "0") : String.valueOf(value);
        if (out.length() > 0) {
            out.append('&');
        }
        out.append(encodedName).append('=').append(urlencode(text));
    }

    /** PHP {@code urlencode}: RFC 1738 as PHP applies it, over the UTF-8 bytes. */
    public static String urlencode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}

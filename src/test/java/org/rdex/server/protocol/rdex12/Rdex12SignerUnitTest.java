package org.rdex.server.protocol.rdex12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class Rdex12SignerUnitTest {

    /** PROTOCOLS.md A6, test vector. */
    @Test
    void signs_the_reference_test_vector_exactly() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("driver", Map.of("state", 1));
        p.put("passenger", Map.of("state", 0));
        p.put("from", ordered("latitude", "48.687930", "longitude", "6.171514"));
        p.put("to", ordered("latitude", "49.108385", "longitude", "6.194897"));
        p.put("frequency", "punctual");
        Map<String, Object> outward = ordered("mindate", "2030-05-17", "maxdate", "2030-05-17");
        outward.put("friday", ordered("mintime", "08:00:00", "maxtime", "09:00:00"));
        p.put("outward", outward);
        String signed = Rdex12Signer.signedUrl("https://rdex.example.org/rdex", "journeys", 1700000000L,
                "my-public-key", p, "my-private-key");
        String expected = "https://rdex.example.org/rdex/journeys?timestamp=1700000000&apikey=my-public-key"
                + "&p%5Bdriver%5D%5Bstate%5D=1&p%5Bpassenger%5D%5Bstate%5D=0&p%5Bfrom%5D%5Blatitude%5D=48.687930"
                + "&p%5Bfrom%5D%5Blongitude%5D=6.171514&p%5Bto%5D%5Blatitude%5D=49.108385"
                + "&p%5Bto%5D%5Blongitude%5D=6.194897&p%5Bfrequency%5D=punctual"
                + "&p%5Boutward%5D%5Bmindate%5D=2030-05-17&p%5Boutward%5D%5Bmaxdate%5D=2030-05-17"
                + "&p%5Boutward%5D%5Bfriday%5D%5Bmintime%5D=08%3A00%3A00"
                + "&p%5Boutward%5D%5Bfriday%5D%5Bmaxtime%5D=09%3A00%3A00"
                + "&signature=b7486ddf2b44283f5d2c3f05ed365e58937ff15e2e92636dc1c2c61ac28fcf3c";
        assertEquals(expected, signed);
        assertEquals(487, signed.indexOf("&signature"));
    }

    @Test
    void a_trailing_slash_on_the_base_changes_nothing() {
        assertEquals(Rdex12Signer.signedUrl("https://x.example/rdex", "connections", 1, "k", null, "s"),
                Rdex12Signer.signedUrl("https://x.example/rdex/", "connections", 1, "k", null, "s"));
        assertEquals("https://x.example/rdex/connections?timestamp=1&apikey=k",
                Rdex12Signer.unsignedUrl("https://x.example/rdex", "connections", 1, "k", null));
    }

    @Test
    void another_key_or_a_changed_parameter_gives_another_signature() {
        String a = Rdex12Signer.signedUrl("https://x.example/rdex", "journeys", 1, "k", Map.of("frequency", "punctual"), "s");
        String b = Rdex12Signer.signedUrl("https://x.example/rdex", "journeys", 1, "k", Map.of("frequency", "regular"), "s");
        String c = Rdex12Signer.signedUrl("https://x.example/rdex", "journeys", 1, "k", Map.of("frequency", "punctual"), "t");
        assertNotEquals(sig(a), sig(b));
        assertNotEquals(sig(a), sig(c));
    }

    /** PROTOCOLS.md A6: RFC 1738 as PHP's urlencode writes it. */
    @Test
    void encodes_like_php_http_build_query() {
        assertEquals("Gare+de+Metz", Rdex12Signer.urlencode("Gare de Metz"));
        assertEquals("a%7Eb", Rdex12Signer.urlencode("a~b"));
        assertEquals("l%27%C3%A9t%C3%A9", Rdex12Signer.urlencode("l'été"));
        assertEquals("%2A%3A-_.", Rdex12Signer.urlencode("*:-_."));
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("a", null);
        q.put("b", true);
        q.put("c", false);
        q.put("d", Arrays.asList("x", null, "z"));
        q.put("e", Map.of("f g", "h"));
        assertEquals("b=1&c=0&d%5B0%5D=x&d%5B2%5D=z&e%5Bf+g%5D=h", Rdex12Signer.httpBuildQuery(q));
    }

    private static String sig(String url) {
        return url.substring(url.indexOf("&signature=") + 11);
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}

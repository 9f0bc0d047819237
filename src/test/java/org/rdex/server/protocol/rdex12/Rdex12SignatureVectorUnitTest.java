package org.rdex.server.protocol.rdex12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class Rdex12SignatureVectorUnitTest {

    /** PROTOCOLS.md's test vector, p in its order. */
    static Map<String, Object> vectorP() {
        return p("49.108385", "2030-05-17", "friday");
    }

    /**
     * The test vector's search (in its order) with another arrival latitude and an outward window of 08:00 to
     * 09:00 on {@code day} of {@code date}.
     */
    static Map<String, Object> p(String toLatitude, String date, String day) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("driver", Map.of("state", 1));
        p.put("passenger", Map.of("state", 0));
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("latitude", "48.687930");
        from.put("longitude", "6.171514");
        p.put("from", from);
        Map<String, Object> to = new LinkedHashMap<>();
        to.put("latitude", toLatitude);
        to.put("longitude", "6.194897");
        p.put("to", to);
        p.put("frequency", "punctual");
        Map<String, Object> outward = new LinkedHashMap<>();
        outward.put("mindate", date);
        outward.put("maxdate", date);
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("mintime", "08:00:00");
        window.put("maxtime", "09:00:00");
        outward.put(day, window);
        p.put("outward", outward);
        return p;
    }

    @Test
    void reproduces_the_reference_test_vector() {
        String expected = "https://rdex.example.org/rdex/journeys?timestamp=1700000000&apikey=my-public-key"
                + "&p%5Bdriver%5D%5Bstate%5D=1&p%5Bpassenger%5D%5Bstate%5D=0&p%5Bfrom%5D%5Blatitude%5D=48.687930"
                + "&p%5Bfrom%5D%5Blongitude%5D=6.171514&p%5Bto%5D%5Blatitude%5D=49.108385"
                + "&p%5Bto%5D%5Blongitude%5D=6.194897&p%5Bfrequency%5D=punctual"
                + "&p%5Boutward%5D%5Bmindate%5D=2030-05-17&p%5Boutward%5D%5Bmaxdate%5D=2030-05-17"
                + "&p%5Boutward%5D%5Bfriday%5D%5Bmintime%5D=08%3A00%3A00"
                + "&p%5Boutward%5D%5Bfriday%5D%5Bmaxtime%5D=09%3A00%3A00";
        String unsigned = Rdex12Signer.unsignedUrl("https://rdex.example.org/rdex", "journeys", 1700000000L,
                "my-public-key", vectorP());
        assertEquals(expected, unsigned);
        assertEquals(487, unsigned.length());
        assertEquals("b7486ddf2b44283f5d2c3f05ed365e58937ff15e2e92636dc1c2c61ac28fcf3c",
                Rdex12Signer.sign(unsigned, "my-private-key"));
        assertEquals(expected + "&signature=b7486ddf2b44283f5d2c3f05ed365e58937ff15e2e92636dc1c2c61ac28fcf3c",
                Rdex12Signer.signedUrl("https://rdex.example.org/rdex/", "journeys", 1700000000L, "my-public-key",
                        vectorP(), "my-private-key"));
    }

    @Test
    void encodes_values_as_php_urlencode_does() {
        assertEquals("Gare+de+Metz", Rdex12Signer.urlencode("Gare de Metz"));
        assertEquals("a%7Eb", Rdex12Signer.urlencode("a~b"));
        assertEquals("l%27%C3%A9t%C3%A9", Rdex12Signer.urlencode("l'été"));
        assertEquals("%2A%3A%2F%3F%26%3D%2B", Rdex12Signer.urlencode("*:/?&=+"));
        assertEquals("A-z_0.9", Rdex12Signer.urlencode("A-z_0.9"));
    }

    @Test
    void builds_nested_keys_lists_booleans_and_skips_nulls_like_http_build_query() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("a", Map.of("b", List.of("x", "y z")));
        params.put("skipped", null);
        params.put("yes", true);
        params.put("no", false);
        params.put("n", Arrays.asList(null, 3));
        assertEquals("a%5Bb%5D%5B0%5D=x&a%5Bb%5D%5B1%5D=y+z&yes=1&no=0&n%5B1%5D=3", Rdex12Signer.httpBuildQuery(params));
    }

    @Test
    void connections_sign_timestamp_and_apikey_only() {
        assertEquals("https://x.example.org/rdex/connections?timestamp=5&apikey=k",
                Rdex12Signer.unsignedUrl("https://x.example.org/rdex", "connections", 5, "k", null));
    }

    @Test
    void another_key_or_a_changed_parameter_gives_another_signature() {
        String unsigned = Rdex12Signer.unsignedUrl("https://rdex.example.org/rdex", "journeys", 1700000000L,
                "my-public-key", vectorP());
        String signature = Rdex12Signer.sign(unsigned, "my-private-key");
        assertNotEquals(signature, Rdex12Signer.sign(unsigned, "other-private-key"));
        assertNotEquals(signature, Rdex12Signer.sign(unsigned.replace("49.108385", "49.108386"), "my-private-key"));
    }
}

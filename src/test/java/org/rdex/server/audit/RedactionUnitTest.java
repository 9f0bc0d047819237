package org.rdex.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RedactionUnitTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode redact(String json) throws Exception {
        return Redaction.redact(mapper.readTree(json));
    }

    @Test
    void replaces_fields_named_like_secrets_at_any_depth() throws Exception {
        JsonNode out = redact("""
                {"name":"p","key":"k1","nested":{"apiKey":"k2","standardApiKey":"k3","token":"t","password":"pw"},
                 "list":[{"rdex12PrivateKey":"pk","secretHash":"h"}]}""");
        assertEquals("p", out.get("name").asText());
        assertEquals(Redaction.REDACTED, out.get("key").asText());
        assertEquals(Redaction.REDACTED, out.at("/nested/apiKey").asText());
        assertEquals(Redaction.REDACTED, out.at("/nested/standardApiKey").asText());
        assertEquals(Redaction.REDACTED, out.at("/nested/token").asText());
        assertEquals(Redaction.REDACTED, out.at("/nested/password").asText());
        assertEquals(Redaction.REDACTED, out.at("/list/0/rdex12PrivateKey").asText());
        assertEquals(Redaction.REDACTED, out.at("/list/0/secretHash").asText());
        assertFalse(out.toString().contains("k1") || out.toString().contains("pk") || out.toString().contains("\"pw\""));
    }

    @Test
    void keeps_flags_ids_and_absent_values() throws Exception {
        JsonNode out = redact("{\"hasKey\":true,\"hasRdex12PrivateKey\":false,\"id\":\"abc\",\"keyId\":\"k\",\"key\":null}");
        assertTrue(out.get("hasKey").asBoolean());
        assertFalse(out.get("hasRdex12PrivateKey").asBoolean());
        assertEquals("abc", out.get("id").asText());
        assertEquals("k", out.get("keyId").asText());
        assertTrue(out.get("key").isNull());
    }

    @Test
    void cuts_an_issued_key_to_its_id_wherever_it_appears() throws Exception {
        String key = "rdex_0123456789abcdef_" + "A".repeat(43);
        JsonNode out = redact("{\"note\":\"given " + key + " by mail\",\"list\":[\"" + key + "\"]}");
        assertFalse(out.toString().contains("AAAAAAAA"), out.toString());
        assertEquals("given rdex_0123456789abcdef_" + Redaction.REDACTED + " by mail", out.get("note").asText());
    }

    @Test
    void leaves_the_input_untouched_and_null_as_null() throws Exception {
        JsonNode in = mapper.readTree("{\"key\":\"k\"}");
        Redaction.redact(in);
        assertEquals("k", in.get("key").asText());
        assertNull(Redaction.redact(null));
    }
}

package org.rdex.server.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.rdex.server.support.Cli;
import org.rdex.server.support.ProtocolFixtures;
import org.rdex.server.support.ServerTestBase;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The partner commands an operator types during a partnership, where a slip must not cost the partnership. */
@QuarkusTest
class PartnersCommandTest extends ServerTestBase {

    @Inject
    PartnerService partners;

    private static Cli.Run withStdin(String input, Class<?> command, String... args) {
        InputStream in = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return Cli.run(command, args);
        } finally {
            System.setIn(in);
        }
    }

    private String storedKey(String name) {
        return partners.findByName(name).orElseThrow().outboundKeyEncrypted == null ? null : "stored";
    }

    @Test
    void set_key_aborts_on_an_empty_answer_and_removes_only_with_remove() {
        String name = ProtocolFixtures.partner(ProtocolFixtures.unique("setkey"), "setkey.example.org");
        Cli.Run stored = withStdin("their-key\n", PartnersCommand.class, "set-key", name);
        assertEquals(0, stored.exit(), stored.err());
        assertNotNull(storedKey(name));

        Cli.Run empty = withStdin("\n", PartnersCommand.class, "set-key", name);
        assertEquals(1, empty.exit(), empty.out());
        assertTrue(empty.err().contains("nothing changed"), empty.err());
        assertNotNull(storedKey(name), "an empty answer keeps the key");
        Cli.Run closed = withStdin("", PartnersCommand.class, "set-key", name);
        assertEquals(1, closed.exit());
        assertNotNull(storedKey(name), "an empty stdin keeps the key");

        Cli.Run removed = Cli.run(PartnersCommand.class, "set-key", name, "--remove");
        assertEquals(0, removed.exit(), removed.err());
        assertTrue(removed.out().contains("Key removed"), removed.out());
        assertNull(storedKey(name));
    }

    @Test
    void add_and_update_warn_on_a_partner_that_can_never_work() {
        String name = ProtocolFixtures.unique("warned");
        Cli.Run added = Cli.run(PartnersCommand.class, "add", name, "--operator", "WarnCo", "--site", "not a site at all",
                "--contact-url", "http://rdex.warn.example.org/");
        assertEquals(0, added.exit(), added.err());
        assertTrue(added.err().contains("Warning: site \"not a site at all\" is not a host name"), added.err());
        assertTrue(added.err().contains("is not HTTPS"), added.err());

        Cli.Run fixed = Cli.run(PartnersCommand.class, "update", name, "--site", "warn.example.org",
                "--contact-url", "https://rdex.warn.example.org/");
        assertEquals(0, fixed.exit(), fixed.err());
        assertFalse(fixed.err().contains("Warning"), fixed.err());
        Cli.Run broken = Cli.run(PartnersCommand.class, "update", name, "--contact-url", "http://rdex.warn.example.org/");
        assertTrue(broken.err().contains("is not HTTPS"), broken.err());
    }
}

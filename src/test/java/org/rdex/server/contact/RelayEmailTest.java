package org.rdex.server.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.contact.ContactFixtures.*;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rdex.server.support.PostgresResource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

@QuarkusTest
@TestProfile(RelayEmailTest.EmailRelay.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class RelayEmailTest {

    static final int SMTP_PORT = 29025;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    public static class EmailRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "rdex.relay.channel", "email",
                    "rdex.relay.mail-from", "relay@rdex.example.org",
                    "quarkus.mailer.mock", "false",
                    "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(SMTP_PORT),
                    "quarkus.mailer.start-tls", "DISABLED",
                    "quarkus.mailer.from", "relay@rdex.example.org");
        }
    }

    @Inject
    RelayWorker worker;

    @Test
    void delivers_a_message_by_email_to_the_journey_owner_with_reply_to_the_sender() throws Exception {
        String partner = partner(unique("mail"), "covoit.example.net");
        String uuid = journey(unique("mail-j"), "owner-mail@example.org");
        String key = key(partner, "127.0.0.1", "::1");
        https().contentType("application/x-www-form-urlencoded")
                .body(form(key, uuid, "Baptiste <baptiste@example.net>", "covoit.example.net", "Bonjour,\nune place ?"))
                .when().post("/rdex/contact").then().statusCode(201);
        long id = count("select max(id) from contact_message where journey_uuid = ?", uuid);

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            worker.runOnce();
            return count("select count(*) from contact_message where id = ? and state = 'DELIVERED'", id) == 1;
        });

        MimeMessage[] mails = smtp.getReceivedMessages();
        MimeMessage mail = java.util.Arrays.stream(mails)
                .filter(m -> GreenMailUtil.getBody(m).contains("une place"))
                .findFirst().orElseThrow();
        assertEquals("owner-mail@example.org", mail.getAllRecipients()[0].toString());
        assertEquals("baptiste@example.net", mail.getReplyTo()[0].toString());
        assertTrue(mail.getSubject().contains("Baptiste"), mail.getSubject());
        assertTrue(mail.getSubject().contains("Marseille"), mail.getSubject());
        assertEquals("<rdex-contact-" + id + "@covoiturage.example.org>", mail.getMessageID());
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("covoit.example.net"), body);
        assertTrue(body.contains("baptiste@example.net"), body);
        assertEquals(1, java.util.Arrays.stream(mails).filter(m -> GreenMailUtil.getBody(m).contains("une place")).count());
    }
}

package org.rdex.server.contact;

import java.io.IOException;

import org.eclipse.microprofile.config.Config;
import org.rdex.server.common.OperatorConfig;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Delivers a message by e-mail to the journey's owner. Reply-To is the sender's address, so our user
 * answers (or not) directly; nothing about our user goes back to the partner. Every field put in a
 * header was checked for CR/LF when the message was received. The Message-ID is derived from the message
 * id, so a retry after a lost answer from the SMTP server is recognisable as the same mail.
 */
@ApplicationScoped
public class EmailDelivery {

    @Inject
    Mailer mailer;
    @Inject
    RelayConfig config;
    @Inject
    OperatorConfig operator;
    @Inject
    Config mp;

    /** Throws {@link PermanentFailure} when the message cannot ever be delivered this way. */
    public void deliver(RelayMessage m) throws IOException {
        if (!m.journeyKnown()) {
            throw new PermanentFailure("journey deleted before delivery");
        }
        if (m.ownerEmail() == null || m.ownerEmail().isBlank()) {
            throw new PermanentFailure("journey has no owner e-mail");
        }
        Mail mail = Mail.withText(m.ownerEmail(), subject(m), text(m));
        // RDEX 1.2 connections and standard-covoiturage messages carry no address: the sender writes how to
        // reach them in the message itself.
        if (m.senderEmail() != null && !m.senderEmail().isBlank()) {
            mail.setReplyTo(m.senderEmail());
        }
        mail.addHeader("Message-ID", "<" + m.idempotencyKey() + "@" + operator.site() + ">")
                .addHeader("Auto-Submitted", "auto-generated");
        config.mailFrom().filter(f -> !f.isBlank()).ifPresent(mail::setFrom);
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            throw new IOException(RelayErrors.describe("SMTP " + smtpHost() + ":" + smtpPort(), e));
        }
    }

    /** Quarkus's mailer mocks (logs instead of sending) in dev and test unless told otherwise. */
    boolean mailerMock() {
        return mp.getOptionalValue("quarkus.mailer.mock", Boolean.class).orElse(LaunchMode.current().isDevOrTest());
    }

    /** {@code quarkus.mailer.from}, used when {@code rdex.relay.mail-from} is not set. */
    java.util.Optional<String> defaultFrom() {
        return mp.getOptionalValue("quarkus.mailer.from", String.class).filter(f -> !f.isBlank());
    }

    String smtpHost() {
        return mp.getOptionalValue("quarkus.mailer.host", String.class).orElse("localhost");
    }

    /** Quarkus's mailer default: 25, or 465 with TLS. */
    int smtpPort() {
        boolean tls = mp.getOptionalValue("quarkus.mailer.tls", Boolean.class)
                .or(() -> mp.getOptionalValue("quarkus.mailer.ssl", Boolean.class)).orElse(false);
        return mp.getOptionalValue("quarkus.mailer.port", Integer.class).orElse(tls ? 465 : 25);
    }

    static String subject(RelayMessage m) {
        return "Message de " + m.senderPseudonym() + " (" + m.site() + ") pour votre trajet " + m.journeySummary();
    }

    static String text(RelayMessage m) {
        if (m.senderEmail() == null || m.senderEmail().isBlank()) {
            return """
                    Bonjour,

                    %s, utilisateur du site partenaire %s, vous écrit au sujet de votre trajet %s :

                    %s

                    Pour lui répondre, utilisez les coordonnées qu'il donne dans son message. Les vôtres ne lui ont
                    pas été communiquées : c'est vous qui choisissez de répondre ou non.

                    --
                    Message transmis par le réseau de covoiturage RDEX (%s).
                    """.formatted(m.senderPseudonym(), m.site(), m.journeySummary(), m.message(),
                    m.journeyUrl() == null ? m.journeyUuid() : m.journeyUrl());
        }
        return """
                Bonjour,

                %s, utilisateur du site partenaire %s, vous écrit au sujet de votre trajet %s :

                %s

                Pour lui répondre, écrivez à %s (répondre à ce courriel suffit). Votre adresse ne lui a pas été
                communiquée : c'est vous qui choisissez de répondre ou non.

                --
                Message transmis par le réseau de covoiturage RDEX (%s).
                """.formatted(m.senderPseudonym(), m.site(), m.journeySummary(), m.message(), m.senderEmail(),
                m.journeyUrl() == null ? m.journeyUuid() : m.journeyUrl());
    }

    /** Retrying will not help (no recipient). */
    public static class PermanentFailure extends IOException {
        public PermanentFailure(String message) {
            super(message);
        }
    }
}

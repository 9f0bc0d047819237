package org.rdex.server.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.live.PartnerProtocols;
import org.rdex.server.live.ProtocolUpdate;
import org.rdex.server.live.ProtocolView;
import org.rdex.server.protocol.PartnerProtocol;
import org.rdex.server.protocol.ProtocolRegistry;

import io.quarkus.qute.TemplateData;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The partner's live protocols form, and the one place where the console reads and changes them, through the
 * call the CLI and the admin API make. The form loops over the registered protocols: each shows its URL and
 * settings by the admin API's field names, so a protocol added later appears here without an edit. Secrets are
 * never shown back: a blank secret field keeps the stored one, and clearing a protocol's URL and public
 * settings removes its secrets with them.
 */
@ApplicationScoped
public class LiveProtocolsForm {

    /** One input of the form: the admin API field, its label, and what it shows (never a secret's value). */
    @TemplateData
    public record Field(String name, String label, boolean secret, String value, boolean held) {
    }

    /** One protocol's inputs, under its title. */
    @TemplateData
    public record Section(String kind, String title, String description, List<Field> fields) {
    }

    /** A choice of how contacts are sent. */
    @TemplateData
    public record Choice(String value, String label) {
    }

    /** What the form shows: the stored settings (secrets only as held or not), or what was typed. */
    @TemplateData
    public record Values(List<Section> sections, String timeoutMs, String contactVia, List<Choice> contactChoices,
            boolean liveSearch) {
    }

    @Inject
    PartnerProtocols protocols;
    @Inject
    ProtocolRegistry registry;

    Values stored(String partner) {
        ProtocolView v = protocols.view(partner);
        return values(field -> {
            Object value = v.field(field.name(), field.secret());
            return value == null ? "" : value.toString();
        }, field -> Boolean.TRUE.equals(v.field(field.name(), true)),
                v.timeoutMs() == null ? "" : v.timeoutMs().toString(),
                v.contactVia() == null ? "auto" : v.contactVia(), v.liveSearch());
    }

    Values typed(String partner, RoutingContext rc) {
        ProtocolView held = protocols.view(partner);
        return values(field -> PartnerEditForm.text(rc, field.name()),
                field -> Boolean.TRUE.equals(held.field(field.name(), true)), PartnerEditForm.text(rc, "timeoutMs"),
                PartnerEditForm.text(rc, "contactVia"), "yes".equals(ConsoleView.form(rc, "liveSearch")));
    }

    /** Saves the form. @throws ApiException 400 naming the refused fields, 404 for an unknown partner */
    void save(String partner, RoutingContext rc) {
        Map<String, String> fields = new HashMap<>();
        for (PartnerProtocol protocol : registry.all()) {
            String url = PartnerEditForm.text(rc, protocol.urlField()).strip();
            fields.put(protocol.urlField(), url);
            boolean cleared = url.isEmpty();
            for (PartnerProtocol.Setting s : protocol.settings()) {
                if (!s.secret()) {
                    String value = PartnerEditForm.text(rc, s.field()).strip();
                    fields.put(s.field(), value);
                    cleared &= value.isEmpty();
                }
            }
            for (PartnerProtocol.Setting s : protocol.settings()) {
                if (s.secret()) {
                    String typed = PartnerEditForm.text(rc, s.field()).strip();
                    // Blank keeps the stored secret, unless the protocol is being removed: then it goes too.
                    if (!typed.isEmpty()) {
                        fields.put(s.field(), typed);
                    } else if (cleared) {
                        fields.put(s.field(), "");
                    }
                }
            }
        }
        String timeout = PartnerEditForm.text(rc, "timeoutMs").strip();
        Integer timeoutMs;
        try {
            timeoutMs = timeout.isEmpty() ? 0 : Integer.valueOf(timeout);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(List.of(new FieldError("timeoutMs",
                    "must be a number of milliseconds, from 50 to 60000 (empty: the server's default)")));
        }
        protocols.update(partner, new ProtocolUpdate(null, null, null, null, null, timeoutMs,
                PartnerEditForm.text(rc, "contactVia"), "yes".equals(ConsoleView.form(rc, "liveSearch")), fields),
                false);
    }

    private Values values(java.util.function.Function<Field, String> text,
            java.util.function.Predicate<Field> held, String timeoutMs, String contactVia, boolean liveSearch) {
        List<Section> sections = new ArrayList<>();
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice("auto", "auto (the best the partner speaks)"));
        choices.add(new Choice(PartnerProtocol.RDEX10, "RDEX 1.0 contact URL"));
        for (PartnerProtocol protocol : registry.all()) {
            List<Field> fields = new ArrayList<>();
            fields.add(field(protocol.urlField(), protocol.title() + " URL", false, text, held));
            for (PartnerProtocol.Setting s : protocol.settings()) {
                fields.add(field(s.field(), protocol.title() + " " + s.label(), s.secret(), text, held));
            }
            sections.add(new Section(protocol.kind(), protocol.title(), protocol.description(), fields));
            if (protocol.contacts()) {
                choices.add(new Choice(protocol.kind(), protocol.title()));
            }
        }
        return new Values(sections, timeoutMs, contactVia, choices, liveSearch);
    }

    private static Field field(String name, String label, boolean secret,
            java.util.function.Function<Field, String> text, java.util.function.Predicate<Field> held) {
        Field probe = new Field(name, label, secret, "", false);
        return new Field(name, label, secret, secret ? "" : text.apply(probe), secret && held.test(probe));
    }
}

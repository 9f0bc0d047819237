package org.rdex.server.console;

import java.util.List;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.live.PartnerProtocols;
import org.rdex.server.live.ProtocolUpdate;
import org.rdex.server.live.ProtocolView;

import io.quarkus.qute.TemplateData;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The partner's live protocols form, and the one place where the console reads and changes them, through the
 * call the CLI and the admin API make. Secrets are never shown back: a blank secret field keeps the stored one,
 * and clearing a protocol's URL (and, for RDEX 1.2, its apikey) removes its secret with it.
 */
@ApplicationScoped
public class LiveProtocolsForm {

    /** What the form shows: the stored settings (secrets only as held or not), or what was typed. */
    @TemplateData
    public record Values(String rdex12Url, String rdex12Apikey, boolean hasRdex12PrivateKey, String standardUrl,
            boolean hasStandardApiKey, String timeoutMs, String contactVia, boolean liveSearch) {
    }

    @Inject
    PartnerProtocols protocols;

    Values stored(String partner) {
        ProtocolView v = protocols.view(partner);
        return new Values(nz(v.rdex12Url()), nz(v.rdex12Apikey()), v.hasRdex12PrivateKey(), nz(v.standardUrl()),
                v.hasStandardApiKey(), v.timeoutMs() == null ? "" : v.timeoutMs().toString(),
                v.contactVia() == null ? "auto" : v.contactVia(), v.liveSearch());
    }

    Values typed(String partner, RoutingContext rc) {
        Values held = stored(partner);
        return new Values(PartnerEditForm.text(rc, "rdex12Url"), PartnerEditForm.text(rc, "rdex12Apikey"),
                held.hasRdex12PrivateKey(), PartnerEditForm.text(rc, "standardUrl"), held.hasStandardApiKey(),
                PartnerEditForm.text(rc, "timeoutMs"), PartnerEditForm.text(rc, "contactVia"),
                "yes".equals(ConsoleView.form(rc, "liveSearch")));
    }

    /** Saves the form. @throws ApiException 400 naming the refused fields, 404 for an unknown partner */
    void save(String partner, RoutingContext rc) {
        String rdex12Url = PartnerEditForm.text(rc, "rdex12Url").strip();
        String rdex12Apikey = PartnerEditForm.text(rc, "rdex12Apikey").strip();
        String rdex12Private = PartnerEditForm.text(rc, "rdex12PrivateKey").strip();
        String standardUrl = PartnerEditForm.text(rc, "standardUrl").strip();
        String standardKey = PartnerEditForm.text(rc, "standardApiKey").strip();
        String timeout = PartnerEditForm.text(rc, "timeoutMs").strip();
        Integer timeoutMs;
        try {
            timeoutMs = timeout.isEmpty() ? 0 : Integer.valueOf(timeout);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(List.of(new FieldError("timeoutMs",
                    "must be a number of milliseconds, from 50 to 60000 (empty: the server's default)")));
        }
        protocols.update(partner, new ProtocolUpdate(rdex12Url, rdex12Apikey,
                !rdex12Private.isEmpty() ? rdex12Private : rdex12Url.isEmpty() && rdex12Apikey.isEmpty() ? "" : null,
                standardUrl, !standardKey.isEmpty() ? standardKey : standardUrl.isEmpty() ? "" : null, timeoutMs,
                PartnerEditForm.text(rc, "contactVia"), "yes".equals(ConsoleView.form(rc, "liveSearch"))), false);
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}

package org.rdex.server.protocol.rdexplus;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.rdex.server.common.Secrets;
import org.rdex.server.protocol.ContactTarget;
import org.rdex.server.protocol.LiveJourney;
import org.rdex.server.protocol.OutboundMessage;
import org.rdex.server.protocol.PartnerProtocol;
import org.rdex.server.protocol.ProtocolEndpoint;
import org.rdex.server.search.SearchRequest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The client side of RDEX+ 2.0.1 in the protocol contract: a partner's row of kind {@code rdexplus} holds its
 * API root ({@code rdexplusUrl}) and the key it issued us ({@code rdexplusApiKey}, stored encrypted, sent as
 * {@code api_key}); the partner's certificate pin and live timeout apply as for every protocol. Live search
 * asks {@code GET {url}/journeys} (searches with a destination only), a contact is {@code POST {url}/messages}.
 */
@ApplicationScoped
public class RdexPlusProtocol implements PartnerProtocol {

    public static final String KIND = "rdexplus";
    static final String API_KEY = "apiKey";

    @Inject
    RdexPlusClient client;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "RDEX+ 2.0.1";
    }

    @Override
    public String description() {
        return "RDEX+ API root ({url}/journeys, {url}/messages), with the api_key the partner issued";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String urlField() {
        return "rdexplusUrl";
    }

    @Override
    public List<Setting> settings() {
        return List.of(new Setting(API_KEY, "rdexplusApiKey", true, "API key"));
    }

    @Override
    public CompletableFuture<List<LiveJourney>> search(ProtocolEndpoint p, SearchRequest r) {
        if (!RdexPlusClient.canSearch(r)) {
            return null;
        }
        return client.search(p.url(), p.secret(API_KEY), p.fingerprint(), p.timeout(), p.partnerName(), r);
    }

    @Override
    public HttpRequest contact(ProtocolEndpoint p, ContactTarget target, OutboundMessage message, Duration timeout) {
        // A stable id of our user that does not show the address (the address is in the text, by choice).
        String sender = Secrets.sha256Hex(message.email().toLowerCase(Locale.ROOT)).substring(0, 32);
        RdexPlusWire.Message body = RdexPlusClient.message(target.uuid(), target.recipientId(), target.recipientRole(),
                sender, message.pseudonym(), message.text(), message.site(), message.operator());
        return client.contactRequest(p.url(), p.secret(API_KEY), timeout, body);
    }
}

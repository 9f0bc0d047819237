package org.rdex.server.live;

import org.rdex.server.protocol.LiveJourney;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Journeys recently seen in partners' live answers, so that {@code POST /api/v1/contact} can reach their
 * authors: the partner's id of its user is in the answer only (our platform is never shown it). Bounded in
 * count and age ({@link LiveConfig#rememberMax()}, {@link LiveConfig#rememberFor()}), in memory: after a
 * restart, or on another instance, a contact to a journey only seen live uses the journey id alone.
 */
@ApplicationScoped
public class LiveJourneys {

    @Inject
    LiveConfig config;

    /** What a contact needs: which partner, and its user behind the journey. */
    public record Seen(long partnerId, String partnerName, String uuid, String recipientId, String recipientRole,
            String recipientAlias, String operator, long atNanos) {
    }

    private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>();

    public void remember(LivePartner partner, List<LiveJourney> journeys) {
        long now = System.nanoTime();
        synchronized (seen) {
            for (LiveJourney j : journeys) {
                String key = key(partner.name(), j.item().uuid());
                seen.remove(key);
                seen.put(key, new Seen(partner.id(), partner.name(), j.item().uuid(), j.recipientId(),
                        j.recipientRole(), j.recipientAlias(), j.operator(), now));
            }
            long maxAge = config.rememberFor().toNanos();
            Iterator<Map.Entry<String, Seen>> it = seen.entrySet().iterator();
            while (it.hasNext()) {
                Seen s = it.next().getValue();
                if (seen.size() > config.rememberMax() || now - s.atNanos() > maxAge) {
                    it.remove();
                } else {
                    break;
                }
            }
        }
    }

    /**
     * The journey with this uuid seen live, of the named partner when {@code partnerName} is given; empty when
     * none, or when several partners sent that uuid and none was named.
     */
    public Optional<Seen> find(String uuid, String partnerName) {
        long now = System.nanoTime();
        long maxAge = config.rememberFor().toNanos();
        synchronized (seen) {
            if (partnerName != null) {
                Seen s = seen.get(key(partnerName, uuid));
                return s == null || now - s.atNanos() > maxAge ? Optional.empty() : Optional.of(s);
            }
            List<Seen> found = new ArrayList<>(1);
            for (Seen s : seen.values()) {
                if (s.uuid().equals(uuid) && now - s.atNanos() <= maxAge) {
                    found.add(s);
                }
            }
            return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
        }
    }

    private static String key(String partner, String uuid) {
        return partner + '\u0000' + uuid;
    }
}

package org.rdex.server.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.FieldErrors;
import org.rdex.server.common.FieldRules;
import org.rdex.server.common.Texts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The partners of the network: who they are, where their feed is, and the key each issued to us.
 * The key is stored encrypted ({@link SecretCipher}) and only {@link #outboundKey} reveals it.
 */
@ApplicationScoped
public class PartnerService {

    private static final Logger LOG = Logger.getLogger(PartnerService.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_TEXT = 500;
    private static final int MAX_KEY = 4096;
    private static final int MAX_PINS = 2;

    @Inject
    SecretCipher cipher;
    @Inject
    org.rdex.server.audit.AuditLog audit;

    /**
     * Registers a partner.
     *
     * @throws ApiException 400 naming every invalid field, 409 {@code already_exists} when the name is taken
     */
    @Transactional
    public Partner add(NewPartner request) {
        FieldErrors errors = new FieldErrors();
        String name = request.name() == null ? null : Partner.normalizeName(request.name());
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add("name", "is required: 1-63 characters a-z 0-9 . _ -, starting with a letter or digit");
        }
        String operator = errors.text("operator", request.operator(), true, MAX_TEXT);
        String feedUrl = url(request.feedUrl(), "feedUrl", errors);
        String contactUrl = url(request.contactUrl(), "contactUrl", errors);
        List<String> sites = request.sites() == null ? List.of() : sites(request.sites(), errors);
        if (sites.isEmpty() && !errors.has("sites")) {
            // Contact messages are accepted only from a partner's sites: without one, contact cannot work.
            errors.add("sites", "is required: at least one site the partner publishes under");
        }
        String fingerprint = null;
        if (!Texts.isBlank(request.tlsFingerprint())) {
            fingerprint = fingerprint(request.tlsFingerprint(), "tlsFingerprint", errors);
        }
        errors.throwIfAny();
        if (Partner.findByName(name).isPresent()) {
            throw new ApiException(409, "already_exists", "A partner with this name already exists");
        }
        Partner p = new Partner();
        p.name = name;
        p.operator = operator;
        p.feedUrl = feedUrl;
        p.contactUrl = contactUrl;
        p.sites = sites.toArray(String[]::new);
        p.tlsFingerprint = fingerprint;
        p.persist();
        audit.record("partner.add", name, null, null, PartnerView.of(p, null));
        LOG.infof("Partner %s added (operator %s)", name, Texts.abbreviate(operator));
        return p;
    }

    // Read in a transaction of their own: each call sees the current row, never an entity cached in a
    // longer-lived session (an import must see the ETag the previous import stored).
    @Transactional
    public List<Partner> list() {
        return Partner.listAll(io.quarkus.panache.common.Sort.by("name"));
    }

    @Transactional
    public Optional<Partner> findByName(String name) {
        return Partner.findByName(name);
    }

    /**
     * Changes a partner in place: its journeys, import reports, keys and the key it issued to us stay.
     *
     * @return empty when there is no such partner
     * @throws ApiException 400 naming every invalid field
     */
    @Transactional
    public Optional<Partner> update(String name, PartnerUpdate change) {
        Optional<Partner> found = Partner.findByName(name);
        if (found.isEmpty()) {
            return found;
        }
        Partner p = found.get();
        PartnerView before = PartnerView.of(p, null);
        FieldErrors errors = new FieldErrors();
        String operator = change.operator() == null ? p.operator : errors.text("operator", change.operator(), true, MAX_TEXT);
        String feedUrl = change.feedUrl() == null ? p.feedUrl : url(change.feedUrl(), "feedUrl", errors);
        String contactUrl = change.contactUrl() == null ? p.contactUrl : url(change.contactUrl(), "contactUrl", errors);
        List<String> sites = p.sites == null ? List.of() : List.of(p.sites);
        if (change.sites() != null) {
            sites = sites(change.sites(), errors);
            if (sites.isEmpty()) {
                errors.add("sites", "is required: at least one site the partner publishes under");
            }
        }
        List<String> pins = new ArrayList<>(p.pins());
        if (change.tlsFingerprints() != null) {
            pins.clear();
            for (String f : change.tlsFingerprints()) {
                String pin = Texts.isBlank(f) ? null : fingerprint(f, "tlsFingerprints", errors);
                if (pin != null && !pins.contains(pin)) {
                    pins.add(pin);
                }
            }
        }
        if (!Texts.isBlank(change.removeFingerprint())) {
            String pin = fingerprint(change.removeFingerprint(), "removeFingerprint", errors);
            if (pin != null && !pins.remove(pin)) {
                errors.add("removeFingerprint", "is not one of the partner's pins");
            }
        }
        if (!Texts.isBlank(change.addFingerprint())) {
            String pin = fingerprint(change.addFingerprint(), "addFingerprint", errors);
            if (pin != null && !pins.contains(pin)) {
                pins.add(pin);
            }
        }
        if (pins.size() > MAX_PINS) {
            errors.add("tlsFingerprints", "at most " + MAX_PINS
                    + " pins: remove the old one once the partner has switched to its new certificate");
        }
        errors.throwIfAny();
        if (!java.util.Objects.equals(feedUrl, p.feedUrl) || !pins.equals(p.pins())) {
            // Another server or certificate: the next download must not be conditional on the old one's ETag.
            p.feedEtag = null;
            p.feedLastModified = null;
        }
        p.operator = operator;
        p.feedUrl = feedUrl;
        p.contactUrl = contactUrl;
        p.sites = sites.toArray(String[]::new);
        p.tlsFingerprint = pins.isEmpty() ? null : pins.get(0);
        p.tlsFingerprintNext = pins.size() > 1 ? pins.get(1) : null;
        audit.record("partner.update", p.name, null, before, PartnerView.of(p, null));
        LOG.infof("Partner %s updated (%d pin(s))", p.name, pins.size());
        return Optional.of(p);
    }

    @Transactional
    public Optional<Partner> findById(long id) {
        return Partner.findByIdOptional(id);
    }

    /** Removes a partner with its imported journeys and reports; false when there was none. */
    @Transactional
    public boolean remove(String name) {
        Optional<Partner> p = findByName(name);
        p.ifPresent(partner -> {
            audit.record("partner.remove", partner.name, null, PartnerView.of(partner, null), null);
            partner.delete();
            LOG.infof("Partner %s removed with its journeys", partner.name);
        });
        return p.isPresent();
    }

    /**
     * Stores, encrypted, the key this partner issued to us (sent with feed downloads and contact calls);
     * a blank key removes it. The key is never logged.
     *
     * @return false when there is no such partner
     * @throws ApiException 400 when the key holds control characters or is absurdly long
     */
    @Transactional
    public boolean setOutboundKey(String name, String key) {
        String trimmed = key == null ? "" : key.strip();
        if (!FieldRules.isPrintable(trimmed, MAX_KEY, false)) {
            throw ApiException.invalid(List.of(new FieldError("key", "must be at most " + MAX_KEY
                    + " characters without control characters")));
        }
        Optional<Partner> p = findByName(name);
        p.ifPresent(partner -> {
            audit.record(trimmed.isEmpty() ? "partner.key.remove" : "partner.key.set", partner.name, null,
                    java.util.Map.of("hasKey", partner.hasOutboundKey()), java.util.Map.of("hasKey", !trimmed.isEmpty()));
            partner.outboundKeyEncrypted = trimmed.isEmpty() ? null : cipher.encrypt(trimmed);
            LOG.infof("Key of partner %s %s", partner.name, trimmed.isEmpty() ? "removed" : "stored");
        });
        return p.isPresent();
    }

    /** The key this partner issued to us, decrypted, when one is stored. */
    public Optional<String> outboundKey(Partner partner) {
        return Optional.ofNullable(partner.outboundKeyEncrypted).map(cipher::decrypt);
    }

    /** Remembers what the partner's server said about the feed we just imported (ETag, Last-Modified). */
    @Transactional
    public void rememberFeedVersion(long partnerId, String etag, String lastModified) {
        Partner.update("feedEtag = ?1, feedLastModified = ?2 where id = ?3", etag, lastModified, partnerId);
    }

    private static String fingerprint(String value, String field, FieldErrors errors) {
        String pin = normalizeFingerprint(value);
        if (pin == null) {
            errors.add(field, "must be a SHA-256 fingerprint: 64 hex digits, colons allowed");
        }
        return pin;
    }

    /** The sites given, each a required text, without repeats. */
    private static List<String> sites(List<String> given, FieldErrors errors) {
        List<String> sites = new ArrayList<>();
        for (String site : given) {
            String s = errors.text("sites", site, true, MAX_TEXT);
            if (s != null && !sites.contains(s)) {
                sites.add(s);
            }
        }
        return sites;
    }

    /** Lower-case hex without separators, or null when it is not a SHA-256 fingerprint. */
    public static String normalizeFingerprint(String value) {
        String hex = value.replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
        return HEX64.matcher(hex).matches() ? hex : null;
    }

    /** An absolute http(s) URL without credentials, stripped; null when blank or rejected. */
    private static String url(String value, String field, FieldErrors errors) {
        String v = errors.text(field, value, false, MAX_TEXT);
        if (v == null) {
            return null;
        }
        if (FieldRules.httpUrl(v).filter(uri -> uri.getUserInfo() == null).isPresent()) {
            return v;
        }
        errors.add(field, "must be an absolute http(s) URL without credentials");
        return null;
    }
}

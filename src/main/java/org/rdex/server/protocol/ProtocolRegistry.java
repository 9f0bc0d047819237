package org.rdex.server.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Every {@link PartnerProtocol} bean, by kind, in {@link PartnerProtocol#order()}. The database holds no list
 * of kinds: a row's kind is checked here, so a new protocol needs no migration to be configured.
 */
@ApplicationScoped
public class ProtocolRegistry {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9]{0,19}");

    @Inject
    @Any
    Instance<PartnerProtocol> beans;

    private Map<String, PartnerProtocol> byKind = Map.of();

    @PostConstruct
    void init() {
        List<PartnerProtocol> all = new ArrayList<>();
        beans.forEach(all::add);
        byKind = index(all);
    }

    /** The protocols by kind, in order; a malformed or repeated kind is a programming error. */
    static Map<String, PartnerProtocol> index(List<PartnerProtocol> protocols) {
        Map<String, PartnerProtocol> out = new LinkedHashMap<>();
        protocols.stream().sorted(Comparator.comparingInt(PartnerProtocol::order).thenComparing(PartnerProtocol::kind))
                .forEach(p -> {
                    if (!KIND.matcher(p.kind()).matches() || p.kind().equals(PartnerProtocol.RDEX10)) {
                        throw new IllegalStateException("Protocol kind not allowed: " + p.kind());
                    }
                    if (out.putIfAbsent(p.kind(), p) != null) {
                        throw new IllegalStateException("Two protocols of kind " + p.kind());
                    }
                });
        return java.util.Collections.unmodifiableMap(out);
    }

    public List<PartnerProtocol> all() {
        return List.copyOf(byKind.values());
    }

    public Optional<PartnerProtocol> find(String kind) {
        return Optional.ofNullable(kind == null ? null : byKind.get(kind));
    }

    /** @throws IllegalArgumentException for a kind no bean serves (a row written by a newer version) */
    public PartnerProtocol get(String kind) {
        return find(kind).orElseThrow(() -> new IllegalArgumentException("No protocol of kind " + kind));
    }
}

package org.rdex.server.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rdex.server.common.ApiException;
import org.rdex.server.protocol.PartnerProtocol;
import org.rdex.server.protocol.ProtocolRegistry;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * {@code partners protocol NAME [options]}: shows or changes the live APIs of a partner. Secrets never come
 * from the command line (it ends up in shell history and process lists): {@code --*-env VAR} reads an
 * environment variable, {@code --*-stdin} a line of standard input (the RDEX 1.2 private key first when both
 * are read from it). Every other protocol is set by its fields' admin API names: {@code --set FIELD=VALUE}
 * for a public one, {@code --secret-env FIELD=VAR} or {@code --secret-stdin FIELD} for a secret (e.g.
 * {@code --set xyzUrl=https://... --secret-env xyzApiKey=XYZ_KEY} for a protocol of kind {@code xyz}), so that a protocol added
 * later needs no option here.
 */
@Dependent
@Unremovable
@CommandLine.Command(name = "protocol", mixinStandardHelpOptions = true,
        description = "Show or set the live APIs (RDEX 1.2, standard-covoiturage, and every other protocol by its"
                + " fields) of a partner; without options, show them.")
public class ProtocolCommand implements Callable<Integer> {

    @CommandLine.Parameters(index = "0", description = "The partner's name")
    String name;
    @CommandLine.Option(names = "--rdex12-url", description = "RDEX 1.2 API root ({url}/journeys, {url}/connections); \"\" clears")
    String rdex12Url;
    @CommandLine.Option(names = "--rdex12-apikey", description = "The RDEX 1.2 public key the partner gave us")
    String rdex12Apikey;
    @CommandLine.Option(names = "--rdex12-private-key-env", paramLabel = "VAR",
            description = "Read the RDEX 1.2 private key from this environment variable")
    String rdex12PrivateKeyEnv;
    @CommandLine.Option(names = "--rdex12-private-key-stdin", description = "Read the RDEX 1.2 private key from stdin")
    boolean rdex12PrivateKeyStdin;
    @CommandLine.Option(names = "--standard-url", description = "standard-covoiturage API root ({url}/driver_journeys, {url}/messages); \"\" clears")
    String standardUrl;
    @CommandLine.Option(names = "--standard-api-key-env", paramLabel = "VAR",
            description = "Read the standard-covoiturage X-API-Key from this environment variable")
    String standardApiKeyEnv;
    @CommandLine.Option(names = "--standard-api-key-stdin", description = "Read the standard-covoiturage X-API-Key from stdin")
    boolean standardApiKeyStdin;
    @CommandLine.Option(names = "--timeout", description = "This partner's live-search timeout (2s, 1500ms, PT2S); 0 for the default")
    String timeout;
    @CommandLine.Option(names = "--set", paramLabel = "FIELD=VALUE",
            description = "Another protocol's public setting by its admin API name (xyzUrl=https://...); \"\" clears")
    Map<String, String> set;
    @CommandLine.Option(names = "--secret-env", paramLabel = "FIELD=VAR",
            description = "Read another protocol's secret setting (xyzApiKey) from this environment variable")
    Map<String, String> secretEnv;
    @CommandLine.Option(names = "--secret-stdin", paramLabel = "FIELD",
            description = "Read another protocol's secret setting from stdin (after the RDEX 1.2 and standard ones)")
    List<String> secretStdin;
    @CommandLine.Option(names = "--contact-via", description = "rdex10, a protocol's kind (rdex12, standard, ...) or auto")
    String contactVia;
    @CommandLine.Option(names = "--live-search", arity = "1", description = "true or false: whether live searches ask this partner")
    Boolean liveSearch;
    @CommandLine.Option(names = "--clear", description = "Remove a protocol's (by kind: rdex12, standard, ...), or all of the partner's live settings"
            + " (a contact route through the removed protocol goes back to auto); the other options then apply")
    String clear;
    @Inject
    PartnerProtocols protocols;
    @Inject
    ProtocolRegistry registry;

    @Override
    public Integer call() throws IOException {
        try {
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String privateKey = secret(rdex12PrivateKeyEnv, rdex12PrivateKeyStdin, stdin, "RDEX 1.2 private key");
            String apiKey = secret(standardApiKeyEnv, standardApiKeyStdin, stdin, "standard-covoiturage API key");
            boolean replace = false;
            String r12Url = rdex12Url;
            String r12Apikey = rdex12Apikey;
            String r12Private = privateKey;
            String stdUrl = standardUrl;
            String stdKey = apiKey;
            String via = contactVia;
            Map<String, String> others = others(stdin);
            if (clear != null) {
                // One change, so that settings given with --clear are checked against what remains.
                String kind = clear.toLowerCase(Locale.ROOT);
                switch (kind) {
                case "all" -> replace = true;
                case "rdex12" -> {
                    r12Url = orCleared(r12Url);
                    r12Apikey = orCleared(r12Apikey);
                    r12Private = orCleared(r12Private);
                    via = routeAfterClearing(via, "rdex12");
                }
                case "standard" -> {
                    stdUrl = orCleared(stdUrl);
                    stdKey = orCleared(stdKey);
                    via = routeAfterClearing(via, "standard");
                }
                default -> {
                    PartnerProtocol protocol = registry.find(kind).orElse(null);
                    if (protocol == null) {
                        System.err.println("--clear takes all or a protocol's kind: "
                                + registry.all().stream().map(PartnerProtocol::kind).toList());
                        return 2;
                    }
                    others.putIfAbsent(protocol.urlField(), "");
                    protocol.settings().forEach(st -> others.putIfAbsent(st.field(), ""));
                    via = routeAfterClearing(via, kind);
                }
                }
            }
            ProtocolUpdate update = new ProtocolUpdate(r12Url, r12Apikey, r12Private, stdUrl, stdKey,
                    timeout == null ? null : millis(timeout), via, liveSearch, others);
            boolean change = clear != null || rdex12Url != null || rdex12Apikey != null || privateKey != null
                    || standardUrl != null || apiKey != null || timeout != null || contactVia != null || liveSearch != null
                    || !others.isEmpty();
            ProtocolView view = change ? protocols.update(name, update, replace) : protocols.view(name);
            print(view);
            return 0;
        } catch (ApiException e) {
            System.err.println(e.getMessage());
            e.fields().forEach(f -> System.err.println("  " + f.field() + ": " + f.message()));
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    /**
     * The other protocols' fields given with {@code --set}, {@code --secret-env} and {@code --secret-stdin}: each
     * must be a field of a registered protocol outside the options above, a secret never from {@code --set}.
     */
    private Map<String, String> others(BufferedReader stdin) throws IOException {
        Map<String, Boolean> secretByField = new HashMap<>();
        for (PartnerProtocol p : registry.all()) {
            secretByField.put(p.urlField(), false);
            p.settings().forEach(st -> secretByField.put(st.field(), st.secret()));
        }
        ProtocolUpdate.MEMBERS.forEach(secretByField::remove);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : (set == null ? Map.<String, String>of() : set).entrySet()) {
            out.put(field(e.getKey(), false, secretByField), e.getValue());
        }
        for (Map.Entry<String, String> e : (secretEnv == null ? Map.<String, String>of() : secretEnv).entrySet()) {
            out.put(field(e.getKey(), true, secretByField), secret(e.getValue(), false, stdin, e.getKey()));
        }
        for (String f : secretStdin == null ? List.<String>of() : secretStdin) {
            out.put(field(f, true, secretByField), secret(null, true, stdin, f));
        }
        return out;
    }

    private static String field(String name, boolean secret, Map<String, Boolean> secretByField) {
        Boolean isSecret = secretByField.get(name);
        if (isSecret == null) {
            throw new IllegalArgumentException("Unknown protocol field " + name + "; one of " + secretByField.keySet());
        }
        if (isSecret && !secret) {
            throw new IllegalArgumentException(name + " is a secret: give it with --secret-env or --secret-stdin");
        }
        if (!isSecret && secret) {
            throw new IllegalArgumentException(name + " is not a secret: give it with --set");
        }
        return name;
    }

    /** A setting not given with {@code --clear}: "" clears it. */
    private static String orCleared(String given) {
        return given == null ? "" : given;
    }

    /** The contact route when {@code cleared} goes: auto if the route went through it and none was given. */
    private String routeAfterClearing(String via, String cleared) {
        return via == null && cleared.equals(protocols.view(name).contactVia()) ? "auto" : via;
    }

    private static String secret(String env, boolean fromStdin, BufferedReader stdin, String what) throws IOException {
        if (env != null && fromStdin) {
            throw new IllegalArgumentException("Give the " + what + " either from the environment or from stdin");
        }
        if (env != null) {
            String value = System.getenv(env);
            if (value == null) {
                throw new IllegalArgumentException("Environment variable " + env + " is not set (" + what + ")");
            }
            return value;
        }
        if (fromStdin) {
            String line = System.console() != null
                    ? new String(System.console().readPassword("%s: ", what))
                    : stdin.readLine();
            return line == null ? "" : line;
        }
        return null;
    }

    private static int millis(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("0")) {
                return 0;
            }
            if (t.startsWith("pt")) {
                return (int) Duration.parse(t.toUpperCase(Locale.ROOT)).toMillis();
            }
            if (t.endsWith("ms")) {
                return Integer.parseInt(t.substring(0, t.length() - 2));
            }
            if (t.endsWith("s")) {
                return (int) Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000);
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException("--timeout must look like 2s, 1500ms or PT2S");
    }

    private void print(ProtocolView v) {
        System.out.println("partner " + v.partner());
        System.out.println("  rdex12:   " + (v.rdex12Url() == null ? "-" : v.rdex12Url() + "  apikey=" + v.rdex12Apikey()
                + "  private key " + (v.hasRdex12PrivateKey() ? "stored" : "missing")));
        System.out.println("  standard: " + (v.standardUrl() == null ? "-" : v.standardUrl() + "  api key "
                + (v.hasStandardApiKey() ? "stored" : "missing")));
        for (PartnerProtocol p : registry.all()) {
            if (ProtocolUpdate.MEMBERS.contains(p.urlField())) { // shown above
                continue;
            }
            Object url = v.others().get(p.urlField());
            StringBuilder line = new StringBuilder("  " + p.kind() + ": " + (url == null ? "-" : url));
            for (PartnerProtocol.Setting st : p.settings()) {
                if (url != null) {
                    line.append("  ").append(st.field()).append(st.secret()
                            ? Boolean.TRUE.equals(v.others().get(ProtocolView.hasName(st.field()))) ? " stored" : " missing"
                            : "=" + v.others().get(st.field()));
                }
            }
            System.out.println(line);
        }
        System.out.println("  timeout:  " + (v.timeoutMs() == null ? "default" : v.timeoutMs() + " ms")
                + "  contact via: " + (v.contactVia() == null ? "auto" : v.contactVia())
                + "  live search: " + (v.liveSearch() ? "yes" : "no"));
    }
}

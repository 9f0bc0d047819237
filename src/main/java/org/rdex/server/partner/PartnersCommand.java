package org.rdex.server.partner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import org.rdex.server.common.CliCommand;
import org.rdex.server.common.ApiException;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "partners", mixinStandardHelpOptions = true,
        description = "Manage the partner platforms whose RDEX files we import.",
        subcommands = { PartnersCommand.Add.class, PartnersCommand.ListPartners.class, PartnersCommand.Update.class,
                PartnersCommand.Remove.class, PartnersCommand.SetKey.class })
public class PartnersCommand implements CliCommand, Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static int refused(ApiException e) {
        System.err.println(e.getMessage());
        e.fields().forEach(f -> System.err.println("  " + f.field() + ": " + f.message()));
        return e.status() == 409 ? 3 : 2;
    }

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "add", mixinStandardHelpOptions = true, description = "Register a partner.")
    public static class Add implements Callable<Integer> {
        @CommandLine.Parameters(index = "0", description = "Short name (a-z 0-9 . _ -)")
        String name;
        @CommandLine.Option(names = "--operator", required = true, description = "The partner's RDEX operator name")
        String operator;
        @CommandLine.Option(names = "--feed-url", description = "URL of the partner's RDEX file (.xml or .xml.gz)")
        String feedUrl;
        @CommandLine.Option(names = "--site", required = true,
                description = "A site the partner publishes under (repeatable; contact messages must come from one)")
        List<String> sites;
        @CommandLine.Option(names = "--contact-url", description = "Base URL of the partner's contact API")
        String contactUrl;
        @CommandLine.Option(names = "--fingerprint",
                description = "SHA-256 fingerprint (hex) of the partner's self-signed HTTPS certificate")
        String fingerprint;
        @Inject
        PartnerService partners;
        @Inject
        FeedCertificateCheck certificates;

        @Override
        public Integer call() {
            try {
                Partner p = partners.add(new NewPartner(name, operator, feedUrl, sites, contactUrl, fingerprint));
                System.out.println("Partner " + p.name + " added");
                certificates.warning(p).ifPresent(w -> System.err.println("Warning: " + w));
                PartnerWarnings.of(p).forEach(w -> System.err.println("Warning: " + w));
                return 0;
            } catch (ApiException e) {
                return refused(e);
            }
        }
    }

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "list", mixinStandardHelpOptions = true,
            description = "List partners with their last import.")
    public static class ListPartners implements Runnable {
        @Inject
        PartnerService partners;
        @Inject
        ImportReportRepository reports;

        @Override
        public void run() {
            List<Partner> all = partners.list();
            if (all.isEmpty()) {
                System.out.println("No partner");
            }
            for (Partner p : all) {
                System.out.println(p.name + "  operator=" + p.operator + "  feed=" + (p.feedUrl == null ? "-" : p.feedUrl)
                        + "  sites=" + String.join(",", p.sites == null ? new String[0] : p.sites)
                        + "  key=" + (p.hasOutboundKey() ? "yes" : "no")
                        + (p.pins().isEmpty() ? "" : "  pinned=" + String.join(",", p.pins()))
                        + (p.contactUrl == null ? "" : "  contact=" + p.contactUrl));
                System.out.println("    last import: "
                        + reports.last(p.id).map(r -> r.summary()).orElse("never"));
            }
        }
    }

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change a partner, keeping its journeys, reports and keys. Only the options given change;"
                    + " an empty value (\"\") clears an optional one. Certificate rotation: --add-fingerprint NEW"
                    + " before the partner switches (both are accepted), --remove-fingerprint OLD after.")
    public static class Update implements Callable<Integer> {
        @CommandLine.Parameters(index = "0")
        String name;
        @CommandLine.Option(names = "--operator", description = "The partner's RDEX operator name")
        String operator;
        @CommandLine.Option(names = "--feed-url", description = "URL of the partner's RDEX file")
        String feedUrl;
        @CommandLine.Option(names = "--site", description = "Replaces the sites (repeatable)")
        List<String> sites;
        @CommandLine.Option(names = "--contact-url", description = "Base URL of the partner's contact API")
        String contactUrl;
        @CommandLine.Option(names = "--fingerprint",
                description = "Replaces every pin (repeatable: two during a rotation; \"\" removes them)")
        List<String> fingerprints;
        @CommandLine.Option(names = "--add-fingerprint", description = "Adds a pin beside the current one")
        String addFingerprint;
        @CommandLine.Option(names = "--remove-fingerprint", description = "Removes one pin")
        String removeFingerprint;
        @Inject
        PartnerService partners;

        @Override
        public Integer call() {
            List<String> pins = fingerprints == null ? null
                    : fingerprints.stream().filter(f -> !f.isBlank()).toList();
            try {
                return partners.update(name, new PartnerUpdate(operator, feedUrl, sites, contactUrl, pins,
                        addFingerprint, removeFingerprint)).map(p -> {
                            System.out.println("Partner " + p.name + " updated"
                                    + (p.pins().isEmpty() ? "" : "; pins: " + String.join(", ", p.pins())));
                            PartnerWarnings.of(p).forEach(w -> System.err.println("Warning: " + w));
                            return 0;
                        }).orElseGet(() -> {
                            System.err.println("No partner named " + name);
                            return 3;
                        });
            } catch (ApiException e) {
                return refused(e);
            }
        }
    }

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a partner with its imported journeys.")
    public static class Remove implements Callable<Integer> {
        @CommandLine.Parameters(index = "0")
        String name;
        @Inject
        PartnerService partners;

        @Override
        public Integer call() {
            if (partners.remove(name)) {
                System.out.println("Partner " + name + " removed");
                return 0;
            }
            System.err.println("No partner named " + name);
            return 2;
        }
    }

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "set-key", mixinStandardHelpOptions = true,
            description = "Store (encrypted) the key this partner issued to us, read from stdin unless --key is"
                    + " given (prefer stdin: options end up in shell history). An empty answer changes nothing;"
                    + " --remove removes the stored key.")
    public static class SetKey implements Callable<Integer> {
        @CommandLine.Parameters(index = "0")
        String name;
        @CommandLine.Option(names = "--key", description = "The key (prefer stdin)")
        String key;
        @CommandLine.Option(names = "--remove", description = "Remove the stored key instead")
        boolean remove;
        @Inject
        PartnerService partners;

        @Override
        public Integer call() throws IOException {
            if (remove && key != null) {
                System.err.println("Give either --key or --remove, not both");
                return 2;
            }
            String value = remove ? "" : key;
            if (value == null) {
                if (System.console() != null) {
                    char[] typed = System.console().readPassword("Key issued by %s: ", name);
                    value = typed == null ? "" : new String(typed);
                } else {
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    String line = in.readLine();
                    value = line == null ? "" : line;
                }
            }
            // A stray Enter (or an empty pipe) must not silently drop the key: removing says so.
            if (!remove && value.isBlank()) {
                System.err.println("No key given: nothing changed (partners set-key " + name + " --remove removes the key)");
                return 1;
            }
            try {
                if (!partners.setOutboundKey(name, value)) {
                    System.err.println("No partner named " + name);
                    return 2;
                }
            } catch (ApiException e) {
                return refused(e);
            }
            System.out.println(remove ? "Key removed" : "Key stored");
            return 0;
        }
    }
}

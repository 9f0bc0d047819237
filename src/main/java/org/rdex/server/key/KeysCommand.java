package org.rdex.server.key;

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
@CommandLine.Command(name = "keys", description = "Keys partners use to call our contact API.",
        subcommands = { KeysCommand.Issue.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class })
public class KeysCommand implements CliCommand, Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static int fail(ApiException e) {
        System.err.println("Error: " + e.getMessage());
        e.fields().forEach(f -> System.err.println("  " + f.field() + " " + f.message()));
        return e.status() == 404 ? 3 : 2;
    }

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "issue", description = "Issue a key to a partner; the key is printed once, on the last line.")
    public static class Issue implements Callable<Integer> {

        @Inject
        KeyService keys;

        @CommandLine.Option(names = "--partner", required = true, description = "Partner name.")
        String partner;
        @CommandLine.Option(names = "--ip", required = true, description = "Address or CIDR the key is valid from (repeatable).")
        List<String> ips;
        @CommandLine.Option(names = "--expires", description = "Last day of validity (YYYY-MM-DD, UTC) or an ISO instant.")
        String expires;

        @Override
        public Integer call() {
            try {
                KeyService.Issued issued = keys.issue(partner, ips, expires);
                System.out.println("Key " + issued.view().id() + " for partner " + issued.view().partner()
                        + ", valid from " + String.join(", ", issued.view().ips())
                        + (issued.view().expiresAt() == null ? "" : ", expires " + issued.view().expiresAt()));
                System.out.println("RDEX 1.2: apikey " + issued.rdex12ApiKey() + ", private key " + issued.rdex12PrivateKey()
                        + " (the key below, split in two)");
                System.out.println("Give it to the partner over a safe channel; it is not shown again:");
                System.out.println(issued.key());
                return 0;
            } catch (ApiException e) {
                return fail(e);
            }
        }
    }

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "list", description = "List keys (never their secrets).")
    public static class ListKeys implements Runnable {

        @Inject
        KeyService keys;

        @Override
        public void run() {
            System.out.printf("%-16s  %-20s  %-8s  %-24s  %s%n", "ID", "PARTNER", "STATE", "EXPIRES", "IPS");
            for (KeyService.KeyView k : keys.list()) {
                System.out.printf("%-16s  %-20s  %-8s  %-24s  %s%n", k.id(), k.partner(), k.state(),
                        k.expiresAt() == null ? "-" : k.expiresAt().toString(), String.join(",", k.ips()));
            }
        }
    }

    @Dependent
    @Unremovable
    @CommandLine.Command(name = "revoke", description = "Revoke a key; every instance refuses it within a second.")
    public static class Revoke implements Callable<Integer> {

        @Inject
        KeyService keys;

        @CommandLine.Parameters(index = "0", description = "Key id (as listed).")
        String id;

        @Override
        public Integer call() {
            return keys.revoke(id).map(k -> {
                System.out.println("Revoked key " + k.id() + " of partner " + k.partner());
                return 0;
            }).orElseGet(() -> {
                System.err.println("Error: no key " + id);
                return 3;
            });
        }
    }
}

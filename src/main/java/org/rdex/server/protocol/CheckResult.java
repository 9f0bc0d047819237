package org.rdex.server.protocol;

/**
 * One rule of a partner's conformance check and what was seen.
 *
 * @param name   stable dotted name ({@code feed.gzip}, {@code rdex12.types}, ...), what operators and tests quote
 * @param status PASS, WARN (works, but not as the specification says) or FAIL (we cannot depend on it)
 * @param seen   what the check saw, in a sentence; never a secret
 */
public record CheckResult(String name, Status status, String seen) {

    public enum Status {
        PASS, WARN, FAIL
    }

    public static CheckResult pass(String name, String seen) {
        return new CheckResult(name, Status.PASS, seen);
    }

    public static CheckResult warn(String name, String seen) {
        return new CheckResult(name, Status.WARN, seen);
    }

    public static CheckResult fail(String name, String seen) {
        return new CheckResult(name, Status.FAIL, seen);
    }

    @Override
    public String toString() {
        return String.format("%-4s  %-22s  %s", status, name, seen);
    }
}

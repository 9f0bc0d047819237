package org.rdex.server.protocol;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the protocols' check rules ({@code rdex12/Rdex12Rules}, {@code standard/StandardRules}) share: reading
 * a partner's untrusted JSON leniently where the protocols allow it, and one {@link CheckResult} per rule naming
 * the first few offending journeys.
 */
public final class AnswerRules {

    private static final int SHOWN = 3;

    private AnswerRules() {
    }

    public static CheckResult rule(String name, List<String> problems, String pass) {
        return problems.isEmpty() ? CheckResult.pass(name, pass)
                : CheckResult.fail(name, problems.size() + " problem(s): " + first(problems));
    }

    public static boolean isId(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() || n.isIntegralNumber();
    }

    /** 0 or 1, as a number or a numeric string (Mobicoop's fixtures carry both). */
    public static boolean isState(JsonNode n) {
        String v = n.isIntegralNumber() || n.isTextual() ? n.asText().trim() : null;
        return "0".equals(v) || "1".equals(v);
    }

    public static void numeric(JsonNode n, double min, double max, String at, boolean required, List<String> problems) {
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                problems.add(at + " is missing");
            }
            return;
        }
        Double d = n.isNumber() ? Double.valueOf(n.asDouble()) : n.isTextual() ? parse(n.asText()) : null;
        if (d == null) {
            problems.add(at + " is " + kind(n) + ", not a number");
        } else if (d < min || d > max) {
            problems.add(at + " " + d + " is outside " + min + ".." + max);
        }
    }

    public static Double parse(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Double strictNumber(JsonNode n) {
        return n.isNumber() && Double.isFinite(n.asDouble()) ? n.asDouble() : null;
    }

    public static void oneOf(JsonNode n, Set<String> values, String at, boolean required, List<String> problems) {
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                problems.add(at + " is missing");
            }
        } else if (!n.isTextual() || !values.contains(n.asText())) {
            problems.add(at + " is not one of " + values);
        }
    }

    public static void date(JsonNode n, String at, boolean required, List<String> problems) {
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                problems.add(at + " is missing");
            }
            return;
        }
        try {
            if (!n.isTextual() || n.asText().length() != 10) {
                throw new DateTimeParseException("", "", 0);
            }
            LocalDate.parse(n.asText());
        } catch (DateTimeParseException e) {
            problems.add(at + " is not a YYYY-MM-DD date");
        }
    }

    public static void time(JsonNode n, String at, List<String> problems) {
        if (n.isMissingNode() || n.isNull()) {
            return;
        }
        try {
            if (!n.isTextual() || n.asText().length() > 8) {
                throw new DateTimeParseException("", "", 0);
            }
            LocalTime.parse(n.asText());
        } catch (DateTimeParseException e) {
            problems.add(at + " is not an HH:MM:SS time");
        }
    }

    public static String kind(JsonNode n) {
        return n.isMissingNode() ? "missing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    public static String first(List<String> problems) {
        return String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())))
                + (problems.size() > SHOWN ? "; ..." : "");
    }

    public static String clip(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 77) + "...";
    }

    public static double round(double km) {
        return Math.round(km * 100) / 100.0;
    }
}

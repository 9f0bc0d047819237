package org.rdex.server.common;

/** Small text helpers shared by input validation and logging. */
public final class Texts {

    private Texts() {
    }

    /** User input shortened and stripped of control characters, safe to put in a log line. */
    public static String abbreviate(String value) {
        if (value == null) {
            return "null";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 37) + "...";
    }

    /** True when the text holds a control character; {@code allowNewlines} lets CR, LF and TAB through. */
    public static boolean hasControlCharacters(String value, boolean allowNewlines) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (allowNewlines && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

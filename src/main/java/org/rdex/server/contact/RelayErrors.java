package org.rdex.server.contact;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The last error of a delivery as the operator reads it (console, admin API, log): what was called and why it
 * failed, from the innermost cause, since the outer ones ({@code CompletionException}, {@code MailException})
 * say nothing. E-mail addresses a mail server quotes back are masked: the relay page never shows who wrote to whom.
 */
final class RelayErrors {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'@]+@[^\\s<>\"']+");

    private RelayErrors() {
    }

    /** "what: reason", e.g. {@code SMTP localhost:25: connection refused}. */
    static String describe(String what, Throwable error) {
        return what + ": " + reason(error);
    }

    /** The innermost cause's message (or its type when it has none), addresses masked. */
    static String reason(Throwable error) {
        Throwable root = error;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        String type = root.getClass().getSimpleName();
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return switch (type) {
                case "ConnectException" -> "connection refused";
                case "HttpConnectTimeoutException", "SocketTimeoutException" -> "connection timed out";
                case "HttpTimeoutException" -> "no answer in time";
                case "UnknownHostException" -> "unknown host";
                default -> type;
            };
        }
        String masked = ADDRESS.matcher(message).replaceAll("<address>");
        String lower = masked.toLowerCase(Locale.ROOT);
        if (root instanceof java.net.UnknownHostException) {
            return "unknown host " + masked;
        }
        // Vert.x's message-only exceptions carry their meaning in the message; their type says nothing.
        boolean plain = type.equals("NoStackTraceThrowable") || type.equals("VertxException");
        return plain || lower.contains("refused") || lower.contains("timed out") || lower.contains("timeout") ? masked
                : type + ": " + masked;
    }

    /** The URI's port, or its scheme's default. */
    static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}

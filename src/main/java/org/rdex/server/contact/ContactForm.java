package org.rdex.server.contact;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rdex.server.protocol.Caller;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.FormPair;
import org.rdex.server.common.FieldErrors;
import org.rdex.server.common.FieldRules;
import org.rdex.server.common.Texts;

import io.netty.handler.codec.http.HttpUtil;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads and checks the fields of a contact request: {@code key}, {@code id}, {@code from} (or
 * {@code pseudonym} + {@code email}), {@code site}, {@code message}. Names are case-insensitive (the
 * specification writes {@code Key}, {@code Id}, {@code From}, {@code Site}). Pure logic.
 */
public final class ContactForm {

    public static final int MAX_PSEUDONYM = 64;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_SITE = 253;
    public static final int MAX_ID = 64;

    /** Printable ASCII: what a form's syntax and escapes are written in, whatever the charset. */
    private static final String ASCII = java.util.stream.IntStream.rangeClosed(0x20, 0x7e)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

    private static final Pattern FROM = Pattern.compile("^\\s*\"?([^\"<>]*?)\"?\\s*<([^<>]*)>\\s*$");
    private static final Pattern JOURNEY_ID = Pattern.compile("[0-9A-Za-z-]{1," + MAX_ID + "}");

    /** A checked message, ready to store. */
    public record Message(String journeyId, String pseudonym, String email, String site, String text) {
    }

    private ContactForm() {
    }

    /** {@code application/x-www-form-urlencoded}, UTF-8; names lower-cased, a name given twice is refused. */
    public static Map<String, String> parseForm(byte[] body) {
        return parseForm(body, StandardCharsets.UTF_8);
    }

    /**
     * The same in {@code charset} (from {@link #formCharset}): the body and its percent escapes are text in
     * it, or the form is refused; nothing is replaced by U+FFFD.
     */
    public static Map<String, String> parseForm(byte[] body, Charset charset) {
        String text = decode(body, charset);
        Map<String, String> fields = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String pair : text.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                FormPair decoded;
                try {
                    decoded = FormPair.decode(pair, charset);
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid(List.of(new FieldError("body",
                            "is not valid form encoding in " + charset.name())));
                }
                put(fields, errors, decoded.name(), decoded.value());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return fields;
    }

    /**
     * The charset a form's {@code Content-Type} declares, UTF-8 when it declares none. One this server does not
     * know, or one that does not write ASCII as ASCII (UTF-16...), so that {@code &}, {@code =} and escapes could
     * not be found in the bytes, is refused.
     */
    public static Charset formCharset(String contentType) {
        CharSequence declared = contentType == null ? null : HttpUtil.getCharsetAsSequence(contentType);
        if (declared == null) {
            return StandardCharsets.UTF_8;
        }
        String name = declared.toString().strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        try {
            Charset charset = Charset.forName(name);
            if (charset.canEncode() && asciiBytes().equals(charset.encode(ASCII))
                    && ASCII.equals(charset.decode(asciiBytes()).toString())) {
                return charset;
            }
        } catch (IllegalArgumentException e) {
            // unknown or illegal name: refused below
        }
        throw ApiException.invalid(List.of(new FieldError("Content-Type", "declares a charset this server cannot read"
                + " a form in (use UTF-8 or ISO-8859-1)")));
    }

    /** A reader of JSON bodies that refuses an object naming a field twice (Jackson would keep the last). */
    public static ObjectReader jsonReader(ObjectMapper mapper) {
        return mapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** A JSON object of strings; names lower-cased, a name given twice (in any case) is refused. */
    public static Map<String, String> parseJson(byte[] body, ObjectMapper mapper) {
        return parseJson(body, jsonReader(mapper));
    }

    /** The same with a reader from {@link #jsonReader}. */
    public static Map<String, String> parseJson(byte[] body, ObjectReader reader) {
        JsonNode node;
        try {
            node = reader.readTree(body);
        } catch (StreamReadException e) {
            String duplicate = duplicateName(e, body, reader);
            throw ApiException.invalid(List.of(duplicate == null ? new FieldError("body", "is not valid JSON")
                    : new FieldError(duplicate, "is given more than once")));
        } catch (Exception e) {
            throw ApiException.invalid(List.of(new FieldError("body", "is not valid JSON")));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalid(List.of(new FieldError("body", "is not a JSON object")));
        }
        Map<String, String> fields = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                errors.add(new FieldError(e.getKey().toLowerCase(Locale.ROOT), "must be a string"));
                continue;
            }
            put(fields, errors, e.getKey(), value.asText());
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return fields;
    }

    /**
     * The field a strict parse stopped at, when the body is otherwise valid JSON (so the failure was the
     * duplicate); null for any other fault. Bounded like any field name.
     */
    private static String duplicateName(StreamReadException e, byte[] body, ObjectReader reader) {
        String name;
        try {
            name = e.getProcessor() == null ? null : e.getProcessor().getParsingContext().getCurrentName();
        } catch (RuntimeException ignored) {
            return null;
        }
        if (name == null) {
            return null;
        }
        try {
            reader.without(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(body);
        } catch (Exception other) {
            return null;
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        return key.length() > 32 || Texts.hasControlCharacters(key, false) ? "body" : key;
    }

    private static void put(Map<String, String> fields, List<FieldError> errors, String name, String value) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.length() > 32 || Texts.hasControlCharacters(key, false)) {
            errors.add(new FieldError("body", "has an unreadable field name"));
            return;
        }
        if (fields.putIfAbsent(key, value) != null) {
            errors.add(new FieldError(key, "is given more than once"));
        }
    }

    /**
     * Checks every field and names each bad one (400); a message longer than {@code maxLength}
     * characters is 413, since it is the one limit a well-behaved partner may hit.
     */
    public static Message validate(Map<String, String> fields, int maxLength) {
        FieldErrors errors = new FieldErrors();
        String id = journeyId(fields, errors);
        Sender sender = sender(fields, errors);
        String host = site(fields, errors);
        String message = message(fields, maxLength, errors);
        errors.throwIfAny();
        return new Message(id.toLowerCase(Locale.ROOT), sender.pseudonym(), sender.email(), host,
                message.replace("\r\n", "\n").replace('\r', '\n').strip());
    }

    /** Who writes: an address and what the sender is called. */
    private record Sender(String pseudonym, String email) {
    }

    /** The journey written about: our public uuid (letters, digits, dashes). */
    private static String journeyId(Map<String, String> fields, FieldErrors errors) {
        String id = single(fields, "id", MAX_ID, errors);
        if (id != null && !JOURNEY_ID.matcher(id).matches()) {
            errors.add("id", "is not a journey uuid");
            return null;
        }
        return id;
    }

    /**
     * The sender, from {@code from} ({@code "Pseudonym <email>"} or a bare address) or from the fields
     * {@code pseudonym} and {@code email}; a bare address is called by the part before {@code @}.
     */
    private static Sender sender(Map<String, String> fields, FieldErrors errors) {
        String from = fields.get("from");
        Sender given = from == null || from.isBlank() ? new Sender(null, null) : parseFrom(from, errors);
        String pseudonym = given.pseudonym();
        String email = given.email();
        if (pseudonym == null || pseudonym.isEmpty()) {
            pseudonym = lenient(fields, "pseudonym");
        }
        if (email == null && (from == null || from.isBlank())) {
            email = lenient(fields, "email");
        }
        if (email == null) {
            if (from == null || from.isBlank()) {
                errors.add("from", "is required: \"Pseudonym <email>\" (or fields pseudonym and email)");
            }
        } else if (!FieldRules.isEmail(email)) {
            errors.add(from != null ? "from" : "email", "is not a valid e-mail address");
            email = null;
        }
        if (email != null && (pseudonym == null || pseudonym.isEmpty())) {
            pseudonym = email.substring(0, email.indexOf('@'));
        }
        if (pseudonym != null && !isPseudonym(pseudonym)) {
            errors.add(fields.containsKey("pseudonym") ? "pseudonym" : "from",
                    "has a pseudonym that is too long or holds forbidden characters");
        }
        return new Sender(pseudonym, email);
    }

    /** {@code from} split into its pseudonym and address; both null when it is refused. */
    private static Sender parseFrom(String from, FieldErrors errors) {
        if (from.length() > MAX_PSEUDONYM + MAX_EMAIL + 8) {
            errors.add("from", "is too long");
            return new Sender(null, null);
        }
        if (Texts.hasControlCharacters(from, false)) {
            errors.add("from", "contains control characters");
            return new Sender(null, null);
        }
        Matcher m = FROM.matcher(from);
        return m.matches() ? new Sender(m.group(1).trim(), m.group(2).trim()) : new Sender(null, from.trim());
    }

    /** Short, printable, and nothing that would break a {@code "Pseudonym" <email>} header. */
    private static boolean isPseudonym(String pseudonym) {
        return FieldRules.isPrintable(pseudonym, MAX_PSEUDONYM, false)
                && pseudonym.chars().noneMatch(c -> c == '<' || c == '>' || c == '"' || c == '\\');
    }

    /** The site the sender writes from, as its host name. */
    private static String site(Map<String, String> fields, FieldErrors errors) {
        String site = single(fields, "site", MAX_SITE + 16, errors);
        String host = site == null ? null : siteHost(site);
        if (site != null && host == null) {
            errors.add("site", "is not a site name");
        }
        return host;
    }

    /**
     * The text: required, line breaks and tabs allowed.
     *
     * @throws ApiException 413 when it is longer than {@code maxLength} characters, whatever else is wrong
     */
    private static String message(Map<String, String> fields, int maxLength, FieldErrors errors) {
        String message = fields.get("message");
        if (message == null || message.isBlank()) {
            errors.add("message", FieldErrors.REQUIRED);
            return null;
        }
        if (Texts.hasControlCharacters(message, true)) {
            errors.add("message", "contains control characters");
        }
        if (message.codePointCount(0, message.length()) > maxLength) {
            throw new ApiException(413, "invalid_input", "The message is longer than " + maxLength + " characters",
                    List.of(new FieldError("message", "is longer than " + maxLength + " characters")), Map.of());
        }
        return message;
    }

    /** The host of a site given as a name or a URL, lower-case, without {@code www.}; null when it is not one. */
    public static String siteHost(String site) {
        return Caller.siteHost(site);
    }

    /** A required one-line field: trimmed, bounded, no control characters (so no header injection). */
    private static String single(Map<String, String> fields, String name, int max, FieldErrors errors) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            errors.add(name, FieldErrors.REQUIRED);
            return null;
        }
        if (Texts.hasControlCharacters(value, false)) {
            errors.add(name, "contains control characters");
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            errors.add(name, "is longer than " + max + " characters");
            return null;
        }
        return trimmed;
    }

    /**
     * An optional field as given (trimmed when it has no control character), or null when blank: the caller's
     * own rule for the value ({@link #isPseudonym}, {@link FieldRules#isEmail}) names what is wrong with it.
     */
    private static String lenient(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return Texts.hasControlCharacters(value, false) ? value : value.trim();
    }

    private static String decode(byte[] body, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalid(List.of(new FieldError("body", "is not " + charset.name())));
        }
    }

    private static ByteBuffer asciiBytes() {
        return ByteBuffer.wrap(ASCII.getBytes(StandardCharsets.US_ASCII));
    }
}

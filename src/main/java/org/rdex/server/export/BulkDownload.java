package org.rdex.server.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * HTTP of a big published file, as open-data portals serve theirs: {@code Range} (one range, 206, so a broken
 * download resumes), {@code If-Range}, weak comparison in {@code If-None-Match}, {@code If-Modified-Since},
 * HEAD answering the same headers as GET, and the file's SHA-256 in {@code Repr-Digest} (RFC 9530) and in
 * the older {@code Digest} (RFC 3230). The digests describe the whole file even in a 206, which is what a
 * client checks once it has all the parts.
 */
public final class BulkDownload {

    /** At most this many characters of a conditional or range header are looked at. */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    /** Copies {@code length} bytes of the file from {@code offset} to {@code out}. */
    @FunctionalInterface
    public interface RangeSource {
        void copy(long offset, long length, OutputStream out) throws IOException;
    }

    /**
     * One file as served.
     *
     * @param sha256      lowercase hex SHA-256 of the whole file; the entity tag too
     * @param licenceUrl  sent as {@code Link: <url>; rel="license"} when present
     * @param maxAge      {@code Cache-Control: max-age}, seconds
     * @param privateCache the file is reserved to partners: shared caches must not keep it
     */
    public record File(String sha256, long bytes, Instant modified, String filename, String mediaType,
            long maxAge, boolean privateCache, Optional<String> licenceUrl, RangeSource source) {
    }

    /** A requested byte range, both ends included. */
    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    /** Outcome of reading a {@code Range} header against a file size. */
    sealed interface RangeRequest permits Whole, Partial, Unsatisfiable {
    }

    record Whole() implements RangeRequest {
    }

    record Partial(Range range) implements RangeRequest {
    }

    record Unsatisfiable() implements RangeRequest {
    }

    private BulkDownload() {
    }

    /** The answer to GET (or HEAD when {@code head}) of {@code file}. */
    public static Response respond(boolean head, HttpHeaders headers, File file) {
        String etag = "\"" + file.sha256() + "\"";
        Instant modified = file.modified().truncatedTo(ChronoUnit.SECONDS);
        if (notModified(headers, etag, modified)) {
            return common(Response.notModified(), file, etag, modified).build();
        }
        RangeRequest range = ifRangeHolds(headers.getHeaderString("If-Range"), etag, modified)
                ? parseRange(headers.getRequestHeader("Range"), file.bytes()) : new Whole();
        if (range instanceof Unsatisfiable) {
            return common(Response.status(416), file, etag, modified)
                    .header("Content-Range", "bytes */" + file.bytes()).build();
        }
        Response.ResponseBuilder response;
        long offset;
        long length;
        if (range instanceof Partial p) {
            offset = p.range().first();
            length = p.range().length();
            response = Response.status(206).header("Content-Range",
                    "bytes " + p.range().first() + "-" + p.range().last() + "/" + file.bytes());
        } else {
            offset = 0;
            length = file.bytes();
            response = Response.ok();
        }
        common(response, file, etag, modified)
                .type(file.mediaType())
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"");
        if (!head) {
            StreamingOutput body = out -> file.source().copy(offset, length, out);
            response.entity(body);
        }
        return response.build();
    }

    private static Response.ResponseBuilder common(Response.ResponseBuilder response, File file, String etag,
            Instant modified) {
        byte[] digest = HexFormat.of().parseHex(file.sha256());
        String base64 = Base64.getEncoder().encodeToString(digest);
        response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.LAST_MODIFIED, httpDate(modified))
                .header(HttpHeaders.CACHE_CONTROL, (file.privateCache() ? "private" : "public")
                        + ", no-transform, max-age=" + Math.max(0, file.maxAge()))
                .header("Accept-Ranges", "bytes")
                .header("Repr-Digest", "sha-256=:" + base64 + ":")
                .header("Digest", "SHA-256=" + base64);
        file.licenceUrl().ifPresent(url -> response.header("Link", "<" + url + ">; rel=\"license\""));
        return response;
    }

    /** If-None-Match (weak comparison, RFC 9110 13.1.2) wins over If-Modified-Since. */
    static boolean notModified(HttpHeaders headers, String etag, Instant modified) {
        List<String> noneMatch = headers.getRequestHeader(HttpHeaders.IF_NONE_MATCH);
        if (noneMatch != null && !noneMatch.isEmpty()) {
            return noneMatch.stream().anyMatch(value -> weakMatch(value, etag));
        }
        String since = headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE);
        Optional<Instant> date = parseHttpDate(since);
        return date.isPresent() && !modified.isAfter(date.get());
    }

    /**
     * Whether one If-None-Match header line lists {@code etag} (or {@code *}), ignoring {@code W/}. The line is
     * read in one pass however many tags it lists (the HTTP server's header limit bounds it); a comma inside a
     * quoted tag belongs to the tag. Unreadable text between tags is skipped; {@code *} stands alone.
     */
    public static boolean weakMatch(String headerValue, String etag) {
        if (headerValue == null) {
            return false;
        }
        if (headerValue.strip().equals("*")) {
            return true;
        }
        String opaque = stripWeak(etag);
        int n = headerValue.length();
        int i = 0;
        while (i < n) {
            if (headerValue.charAt(i) == '"') {
                int close = headerValue.indexOf('"', i + 1);
                if (close < 0) {
                    return false;
                }
                if (headerValue.regionMatches(i, opaque, 0, opaque.length()) && close + 1 - i == opaque.length()) {
                    return true;
                }
                i = close + 1;
            } else {
                i++;
            }
        }
        return false;
    }

    private static String stripWeak(String tag) {
        return tag.regionMatches(true, 0, "W/", 0, 2) ? tag.substring(2) : tag;
    }

    /**
     * A Range applies only if If-Range is absent or names the current file: a strong ETag (weak ones never
     * match here) or exactly its modification date.
     */
    static boolean ifRangeHolds(String ifRange, String etag, Instant modified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"")) {
            return value.equals(etag);
        }
        return parseHttpDate(value).map(modified::equals).orElse(false);
    }

    /** One {@code bytes=} range; several ranges or a malformed header are ignored (the whole file is sent). */
    static RangeRequest parseRange(List<String> values, long size) {
        if (values == null || values.size() != 1) {
            return new Whole();
        }
        String value = values.get(0);
        if (value == null || value.length() > 200 || !value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = value.substring(6).strip();
        if (spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String firstText = spec.substring(0, dash).strip();
        String lastText = spec.substring(dash + 1).strip();
        try {
            if (firstText.isEmpty()) {
                long suffix = digits(lastText);
                if (suffix == 0 || size == 0) {
                    return new Unsatisfiable();
                }
                return new Partial(new Range(Math.max(0, size - suffix), size - 1));
            }
            long first = digits(firstText);
            long last = lastText.isEmpty() ? Long.MAX_VALUE : digits(lastText);
            if (last < first) {
                return new Whole();
            }
            if (first >= size) {
                return new Unsatisfiable();
            }
            return new Partial(new Range(first, Math.min(last, size - 1)));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }

    private static long digits(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(text);
        }
        return Long.parseLong(text);
    }

    static Optional<Instant> parseHttpDate(String value) {
        if (value == null || value.isBlank() || value.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip(), Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** IMF-fixdate (RFC 9110, 5.6.7), as HTTP dates must be sent: RFC_1123_DATE_TIME writes "7 Dec", not "07 Dec". */
    static String httpDate(Instant instant) {
        return IMF_FIXDATE.format(instant.atOffset(ZoneOffset.UTC));
    }
}

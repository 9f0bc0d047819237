package org.rdex.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class BulkDownloadUnitTest {

    private static BulkDownload.Range range(String header, long size) {
        BulkDownload.RangeRequest r = BulkDownload.parseRange(List.of(header), size);
        return assertInstanceOf(BulkDownload.Partial.class, r, header).range();
    }

    @Test
    void reads_first_last_open_and_suffix_ranges() {
        assertEquals(new BulkDownload.Range(0, 99), range("bytes=0-99", 1000));
        assertEquals(new BulkDownload.Range(500, 999), range("bytes=500-", 1000));
        assertEquals(new BulkDownload.Range(900, 999), range("bytes=-100", 1000));
        assertEquals(new BulkDownload.Range(0, 999), range("bytes=-5000", 1000));
        assertEquals(new BulkDownload.Range(990, 999), range("BYTES=990-5000", 1000), "last clipped to the size");
    }

    @Test
    void refuses_ranges_past_the_end_with_416() {
        assertInstanceOf(BulkDownload.Unsatisfiable.class, BulkDownload.parseRange(List.of("bytes=1000-"), 1000));
        assertInstanceOf(BulkDownload.Unsatisfiable.class, BulkDownload.parseRange(List.of("bytes=-0"), 1000));
    }

    @Test
    void ignores_malformed_multiple_and_foreign_unit_ranges() {
        for (String header : List.of("bytes=5-1", "bytes=a-b", "items=0-1", "bytes=0-1,5-6", "bytes=", "bytes=1",
                "bytes=99999999999999999999-")) {
            assertInstanceOf(BulkDownload.Whole.class, BulkDownload.parseRange(List.of(header), 1000), header);
        }
        assertInstanceOf(BulkDownload.Whole.class, BulkDownload.parseRange(List.of("bytes=0-1", "bytes=2-3"), 1000),
                "two Range lines");
        assertInstanceOf(BulkDownload.Whole.class, BulkDownload.parseRange(null, 1000));
    }

    @Test
    void if_none_match_compares_weakly() {
        String etag = "\"abc\"";
        assertTrue(BulkDownload.weakMatch("\"abc\"", etag));
        assertTrue(BulkDownload.weakMatch("W/\"abc\"", etag));
        assertTrue(BulkDownload.weakMatch("\"x\", W/\"abc\"", etag));
        assertTrue(BulkDownload.weakMatch("*", etag));
        assertTrue(BulkDownload.weakMatch("\"abc\"", "W/\"abc\""));
        assertFalse(BulkDownload.weakMatch("\"abcd\"", etag));
        assertFalse(BulkDownload.weakMatch("abc", etag));
    }

    @Test
    void if_none_match_finds_the_current_tag_among_many() {
        String etag = "\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"";
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            many.append("W/\"").append(Integer.toHexString(i).repeat(8)).append("\", ");
        }
        assertTrue(BulkDownload.weakMatch(many + etag, etag), many.length() + " characters");
        assertTrue(BulkDownload.weakMatch(etag + ", " + many, etag));
        assertTrue(BulkDownload.weakMatch(" * ", etag));
        assertFalse(BulkDownload.weakMatch(many.toString(), etag));
        // A comma is a legal character inside an entity tag: it does not split the tag.
        assertTrue(BulkDownload.weakMatch("\"a,b\", \"x\"", "\"a,b\""));
        assertFalse(BulkDownload.weakMatch("\"a,b\"", "\"b\""));
    }

    @Test
    void writes_last_modified_as_an_imf_fixdate_with_a_two_digit_day() {
        assertEquals("Mon, 07 Dec 2026 08:05:09 GMT", BulkDownload.httpDate(Instant.parse("2026-12-07T08:05:09Z")));
        assertEquals("Sun, 01 Mar 2026 00:00:00 GMT", BulkDownload.httpDate(Instant.parse("2026-03-01T00:00:00Z")));
        assertEquals(Instant.parse("2026-12-07T08:05:09Z"), BulkDownload.parseHttpDate("Mon, 7 Dec 2026 08:05:09 GMT").orElseThrow());
        assertEquals(Instant.parse("2026-12-07T08:05:09Z"), BulkDownload.parseHttpDate("Mon, 07 Dec 2026 08:05:09 GMT").orElseThrow());
    }

    @Test
    void if_range_needs_the_strong_etag_or_the_exact_date() {
        Instant modified = Instant.parse("2026-11-30T02:30:00Z");
        assertTrue(BulkDownload.ifRangeHolds(null, "\"abc\"", modified));
        assertTrue(BulkDownload.ifRangeHolds("\"abc\"", "\"abc\"", modified));
        assertFalse(BulkDownload.ifRangeHolds("W/\"abc\"", "\"abc\"", modified), "weak tags never match If-Range");
        assertFalse(BulkDownload.ifRangeHolds("\"old\"", "\"abc\"", modified));
        assertTrue(BulkDownload.ifRangeHolds(BulkDownload.httpDate(modified), "\"abc\"", modified));
        assertFalse(BulkDownload.ifRangeHolds(BulkDownload.httpDate(modified.minusSeconds(1)), "\"abc\"", modified));
    }
}

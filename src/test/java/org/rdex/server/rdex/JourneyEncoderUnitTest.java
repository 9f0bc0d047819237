package org.rdex.server.rdex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.junit.jupiter.api.Test;
import org.rdex.server.rdex.xml.XmlJourney;
import org.rdex.server.rdex.xml.XmlVehicle;
import org.rdex.server.support.TestJourneys;

class JourneyEncoderUnitTest {

    private static XmlJourney valid(String uuid) {
        XmlJourney j = new JourneyToXml(RdexWriter.Options.defaults().withExtensions(true)).map(new TestJourneys(3).next(0));
        j.uuid = uuid;
        return j;
    }

    @Test
    void journey_breaking_the_dtd_is_cut_and_the_next_one_is_written_whole() throws Exception {
        JourneyEncoder encoder = new JourneyEncoder(RdexDtd.MINIMAL);
        assertNull(encoder.encode(plain(valid("a"))));
        XmlJourney noName = plain(valid("b"));
        noName.name = null;
        String problem = encoder.encode(noName);
        assertNotNull(problem, "a journey without <name> does not validate");
        XmlJourney extension = plain(valid("c"));
        extension.vehicle = new XmlVehicle();
        extension.vehicle.model = "Clio";
        assertNotNull(encoder.encode(extension), "<vehicle> is not in the specification's DTD");
        assertNull(encoder.encode(plain(valid("d"))));

        String xml = new String(encoder.take(), StandardCharsets.UTF_8);
        assertEquals(2, xml.split("<journey>", -1).length - 1, xml);
        assertTrue(xml.startsWith("<journey><operator>") && xml.contains("<uuid>a</uuid>")
                && xml.contains("<uuid>d</uuid>") && xml.endsWith("</journey>"), xml);
        String document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><title>t</title>" + xml + "</document>";
        assertEquals(List.of(), new RdexValidator(RdexDtd.MINIMAL)
                .validate(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))).problems());
        assertEquals(0, encoder.take().length, "take() empties the buffer");
    }

    @Test
    void line_breaks_in_text_are_written_as_character_references() throws XMLStreamException, IOException {
        JourneyEncoder encoder = new JourneyEncoder(RdexDtd.MINIMAL);
        XmlJourney j = plain(valid("a"));
        j.details = "one\ntwo\r\nthree\n";
        assertNull(encoder.encode(j));
        String xml = new String(encoder.take(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<details>one&#10;two&#13;&#10;three&#10;</details>"), xml);
    }

    /** Without the extension elements. */
    private static XmlJourney plain(XmlJourney j) {
        j.kilometers = null;
        j.minutes = null;
        j.image = null;
        j.cost = null;
        j.vehicle = null;
        return j;
    }
}

package org.rdex.server.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;

/** RDEX file fragments for import tests. */
final class Feeds {

    static final String FUTURE = LocalDate.now().plusDays(30).toString();

    private Feeds() {
    }

    static String journey(String uuid) {
        return journey(uuid, "Bordeaux", "44.8378,-0.5792", FUTURE);
    }

    static String journey(String uuid, String from, String coords, String activeTo) {
        return "<journey><operator>partnerco</operator><site>partner.example</site><uuid>" + uuid + "</uuid>"
                + "<from><location>" + from + "</location><coords>" + coords + "</coords></from>"
                + "<to><location>Arcachon</location><coords>44.6586,-1.1689</coords></to>"
                + "<url>https://partner.example/j/" + uuid + "</url><name>bob</name><driver>1</driver><passenger>0</passenger>"
                + "<activefrom>" + LocalDate.now() + "</activefrom><activeto>" + activeTo + "</activeto>"
                + "<punctual><date>" + activeTo + "</date><minitime>08:00</minitime><maxitime>08:30</maxitime></punctual>"
                + "</journey>";
    }

    static String doc(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><title>Partner journeys</title>" + body
                + "</document>";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

package org.rdex.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rdex.server.rdex.RdexDtd;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class ExportConfigUnitTest {

    private static ExportConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ExportConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(ExportConfig.class);
    }

    @Test
    void extensions_are_off_unless_asked_for_with_either_key() {
        assertFalse(ExportService.extensions(config(Map.of())));
        assertTrue(ExportService.extensions(config(Map.of("rdex.export.extensions", "true"))));
        assertTrue(ExportService.extensions(config(Map.of("rdex.export.minimal-dtd", "false"))));
        assertFalse(ExportService.extensions(config(Map.of("rdex.export.minimal-dtd", "true"))));
        assertFalse(ExportService.extensions(config(Map.of("rdex.export.extensions", "false",
                "rdex.export.minimal-dtd", "false"))), "the new key wins");
    }

    @Test
    void doctype_names_the_dtd_the_file_is_written_for() {
        assertEquals("https://localhost:8443/rdex/rdex-1.0-minimal.dtd",
                ExportService.dtdUrl(config(Map.of()), RdexDtd.MINIMAL));
        assertEquals("https://rdex.example/x/rdex-1.0.dtd",
                ExportService.dtdUrl(config(Map.of("rdex.export.dtd-base-url", "https://rdex.example/x")), RdexDtd.FULL));
        assertEquals("https://cdn.example/grammar.dtd", ExportService.dtdUrl(
                config(Map.of("rdex.export.dtd-url", "https://cdn.example/grammar.dtd")), RdexDtd.MINIMAL));
    }
}

package org.rdex.server.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RuntimeSettingsUnitTest {

    @Test
    void data_directory_before_config_prefers_the_system_property_and_is_absolute() {
        String previous = System.getProperty("rdex.data-dir");
        try {
            System.setProperty("rdex.data-dir", "target/some/../rt-data");
            Path dir = RuntimeSettings.dataDirectoryBeforeConfig();
            assertTrue(dir.isAbsolute());
            assertEquals(Path.of("target/rt-data").toAbsolutePath(), dir);
        } finally {
            if (previous == null) {
                System.clearProperty("rdex.data-dir");
            } else {
                System.setProperty("rdex.data-dir", previous);
            }
        }
    }

    @Test
    void settings_given_outright_are_read_back() {
        RuntimeSettings settings = RuntimeSettings.of(true, Path.of("target/x"));
        assertTrue(settings.cli());
        assertEquals(Path.of("target/x").toAbsolutePath(), settings.dataDirectory());
        assertFalse(RuntimeSettings.of(false, Path.of("d")).cli());
    }
}

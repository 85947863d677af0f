package io.cacheweaver.runtime.settings;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/operations.md has one table of every knob: a knob added in Settings must appear there too. */
class SettingsDocumentedTest {
    @Test
    void everySettingHasARowWithItsThreeSpellingsAndDefault() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "operations.md"));
        for (Setting<?> setting : Settings.all()) {
            String row = "| `" + setting.key() + "=` | `" + setting.property() + "` | `" + setting.variable() + "` | ";
            assertTrue(docs.contains(row), "docs/operations.md has no row starting " + row);
            if (setting.fallback() != null) { // derived defaults (the Redis timeouts) are described in words
                int at = docs.indexOf(row) + row.length();
                String documented = docs.substring(at, docs.indexOf(" |", at));
                assertTrue(documented.startsWith(setting.defaultText()),
                        setting.key() + ": documented default " + documented + ", declared " + setting.defaultText());
            }
        }
    }
}

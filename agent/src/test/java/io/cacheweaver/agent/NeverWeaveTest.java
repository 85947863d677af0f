package io.cacheweaver.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NeverWeaveTest {
    @ParameterizedTest
    @ValueSource(strings = {"java.util.ArrayList", "javax.sql.DataSource", "jdk.internal.misc.Unsafe", "sun.misc.Unsafe",
            "com.sun.net.httpserver.HttpServer", "net.bytebuddy.ByteBuddy", "io.cacheweaver.agent.Weaver"})
    void theJdkByteBuddyAndTheAgentAreNeverWoven(String className) {
        assertTrue(NeverWeave.covers(className));
        assertTrue(NeverWeave.matcher().matches(latent(className)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.shop.ProductDao", "javafx.scene.Node", "sunrise.Dao", "io.cacheweaverx.Dao", "net.other.X"})
    void applicationClassesAre(String className) {
        assertFalse(NeverWeave.covers(className));
        assertFalse(NeverWeave.matcher().matches(latent(className)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.", "io.cacheweaver."})
    void theMessageNamesEveryPrefix(String prefix) {
        assertTrue(NeverWeave.describe().contains(prefix));
        assertEquals(NeverWeave.PREFIXES.size(), NeverWeave.describe().split(", ").length);
    }

    private static TypeDescription latent(String name) {
        return new TypeDescription.Latent(name, 0, TypeDescription.Generic.OBJECT);
    }
}

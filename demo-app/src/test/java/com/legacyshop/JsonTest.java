package com.legacyshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesWhatTheApiAccepts() {
        assertEquals(Map.of("a", new BigDecimal("1.5"), "b", List.of("x\"y", true), "c", Map.of()),
                Json.parse(" {\"a\": 1.5, \"b\": [\"x\\\"y\", true], \"c\": {}} "));
        assertEquals("é\n", Json.parse("\"\\u00e9\\n\""));
    }

    @Test
    void rejectsWhatIsNotJson() {
        for (String bad : new String[] {"", "{", "{\"a\" 1}", "[1,]", "tru", "\"open", "{} x"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void roundTripsAProduct() {
        Product p = new Product(3, "Tab\t\"Quote\"", "tea", new BigDecimal("4.20"), 7);
        Product back = new Product();
        ProductJson.apply(Json.parse(ProductJson.write(p)), back);
        assertEquals(p, back);
    }
}

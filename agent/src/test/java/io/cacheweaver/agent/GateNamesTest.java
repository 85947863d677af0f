package io.cacheweaver.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.rules.RulesLoader;
import org.junit.jupiter.api.Test;

/** What the startup gate holds, by internal name: the same answers as the selectors' class patterns. */
class GateNamesTest {
    private static GateNames names(String... selectors) throws Exception {
        StringBuilder yaml = new StringBuilder("version: 1\ncaches:\n  c: { ttl: 1m }\nrules:\n");
        for (int i = 0; i < selectors.length; i++) {
            yaml.append("  - { id: r").append(i).append(", method: \"").append(selectors[i]).append("\", cache: c }\n");
        }
        return GateNames.of(RulesLoader.withSystemEnvironment().parse("gate.yaml", yaml.toString()).rules(), false);
    }

    @Test
    void literalClassesGlobsAndAnyPackageMatchAsTheirPatternsDo() throws Exception {
        GateNames names = names("com.shop..*Dao#find", "fixture.petclinic.OwnerService#findOwner", "*Service#load",
                "com.x.Outer$Inner#get");
        assertTrue(names.mayMatchInternal("com/shop/ProductDao"));
        assertTrue(names.mayMatchInternal("com/shop/deep/er/OrderDao"));
        assertFalse(names.mayMatchInternal("com/shopping/ProductDao"), "the package is com.shop, not a prefix of a word");
        assertFalse(names.mayMatchInternal("com/shop/ProductDaoImpl"));
        assertTrue(names.mayMatchInternal("fixture/petclinic/OwnerService"));
        assertFalse(names.mayMatchInternal("fixture/petclinic/OwnerServiceTests"));
        assertTrue(names.mayMatchInternal("PriceService"), "a class in no package");
        assertFalse(names.mayMatchInternal("org/acme/PriceService"), "* does not cross a package");
        assertTrue(names.mayMatchInternal("com/x/Outer$Inner"));
        assertFalse(names.mayMatchInternal("org/springframework/boot/SpringApplication"));
    }

    @Test
    void theJdkAndTheAgentAreNeverHeldEvenWhenAPatternNamesThem() throws Exception {
        assertFalse(names("java.util.*#get").mayMatchInternal("java/util/HashMap"));
        assertFalse(names("..*Map#get").mayMatchInternal("java/util/HashMap"));
        assertTrue(names("..*Map#get").mayMatchInternal("com/shop/PriceMap"));
    }

    @Test
    void subtypesHoldEveryClassButTheJdksAndTheAgents() throws Exception {
        GateNames names = names("com.shop.Repository+#load");
        assertTrue(names.mayMatchInternal("org/acme/Anything"));
        assertFalse(names.mayMatchInternal("java/lang/String"));
        assertFalse(names.mayMatchInternal("io/cacheweaver/runtime/CacheRuntime"));
    }
}

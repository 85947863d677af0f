package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fixture.app.QuoteDeskScenarios;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two- and three-parameter cached methods through the real agent, whose advice passes their
 * arguments one by one and keys them without an argument array: the entries must still be the
 * ones evict rules, other templates and JMX name by the key's text.
 */
class FewArgumentsTest {
    @TempDir
    Path dir;

    private static final String RULES = """
            version: 1
            caches:
              quotes: {}
              rates: {}
            rules:
              - id: quote
                method: fixture.app.QuoteDesk#quote(long, String, int)
                cache: quotes
              - id: rate
                method: fixture.app.QuoteDesk#rate(long, String)
                cache: rates
              - id: fx
                method: fixture.app.QuoteDesk#fx
                cache: rates
              - id: reprice
                method: fixture.app.QuoteDesk#reprice
                cache: quotes
                action: evict
                key: "{id},{sku},{quantity}"
              - id: unrate
                method: fixture.app.QuoteDesk#unrate
                cache: rates
                action: evict
                key: "{id},{currency}"
            """;

    @Test
    void primitiveStringAndNullArgumentsHitAndAreEvictedByTheirKeyText() {
        ForkedJvm.Result result = ForkedJvm.withAgent(RulesFiles.write(dir, RULES), QuoteDeskScenarios.class).assertSuccess();

        // three distinct quotes and two rates, each asked three times: only the first call ran
        assertEquals(3, result.intValue("first.quote"), result.output());
        assertEquals(2, result.intValue("first.rate"), result.output());
        assertEquals(2, result.intValue("first.fx"), result.output());
        // then the evict rules removed (1234,sku-1,2) and (1234,EUR), and nothing else
        assertEquals("quote-1234-sku-1x2|rate-1234-EUR|quote-1234-nullx2|rate-1234-null", result.value("afterEvict"));
        assertEquals(4, result.intValue("evicted.quote"), result.output());
        assertEquals(3, result.intValue("evicted.rate"), result.output());
        // JMX names the null argument \N, as the rendered key does
        assertEquals("quote-1234-nullx2|quote-1234-a,bx2", result.value("afterInvalidate"));
        assertEquals(5, result.intValue("final.quote"), result.output());
        assertEquals(3, result.intValue("final.rate"), result.output());
        assertEquals(6 + 1 + 1, result.longValue("quotes.LocalHits"), result.output());
        assertEquals(4 + 1 + 4, result.longValue("rates.LocalHits"), result.output());
        assertEquals(2, result.intValue("final.fx"), "the evict rules named other keys");
    }
}

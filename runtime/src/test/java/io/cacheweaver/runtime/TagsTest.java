package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.rules.CacheSpec;
import io.cacheweaver.rules.Layer;
import io.cacheweaver.rules.LocalSettings;
import io.cacheweaver.runtime.remote.ValueType;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tags in the local layer: eviction by tag is one record in the tag clock, checked on hits. */
class TagsTest {
    private final TagClock clock = new TagClock();
    private final SiteCounters counters = new SiteCounters("r");
    private final Reader strings = new Reader(new ValueType(String.class, null), String.class, true, counters,
            TimeUnit.SECONDS.toNanos(5));

    private TieredCache cache(String name) {
        return new TieredCache(new CacheSpec(name, Duration.ofMinutes(10), 0, null, Set.of(Layer.LOCAL),
                new LocalSettings(100, Duration.ofMinutes(1))), null, clock);
    }

    private void load(TieredCache cache, Object key, String value, String... tags) {
        Load load = assertInstanceOf(Load.class, cache.read(key, strings));
        load.tags = tags.length == 0 ? null : tags;
        cache.loaded(load, value, null, true);
    }

    @Test
    void evictingATagDropsTheEntriesOfEveryCacheCarryingItAndNoOther() {
        TieredCache pages = cache("pages");
        TieredCache lists = cache("lists");
        load(pages, "shoes", "shoes-page", "category:shoes", "product:1", "product:2");
        load(pages, "hats", "hats-page", "category:hats", "product:3");
        load(lists, "new", "new-list", "product:2");
        load(lists, "plain", "untagged");
        new TagInvalidation(clock, null).evict("product:2");
        assertNull(pages.probe("shoes"), "tagged product:2");
        assertNull(lists.probe("new"), "tagged product:2, in another cache");
        assertEquals("hats-page", pages.probe("hats").value);
        assertEquals("untagged", lists.probe("plain").value);
        load(pages, "shoes", "shoes-page-2", "category:shoes", "product:1", "product:2");
        assertEquals("shoes-page-2", pages.probe("shoes").value, "stored after the eviction: current");
    }

    @Test
    void aLoadDuringWhichOneOfItsTagsWasEvictedDoesNotStore() {
        TieredCache pages = cache("pages");
        Load load = assertInstanceOf(Load.class, pages.read("shoes", strings));
        clock.evicted("product:1"); // the product changed after the load read the source
        load.tags = new String[] {"category:shoes", "product:1"};
        pages.loaded(load, "old-page", null, true);
        assertNull(pages.probe("shoes"));
        assertEquals(1, pages.stats().staleStoresDropped());
        Load other = assertInstanceOf(Load.class, pages.read("hats", strings));
        clock.evicted("product:9");
        other.tags = new String[] {"category:hats"};
        pages.loaded(other, "hats-page", null, true);
        assertNotNull(pages.probe("hats"), "an eviction of another tag does not matter");
    }

    @Test
    void theRecordIsBoundedAndForgettingIsConservative() {
        TieredCache pages = cache("pages");
        load(pages, "p", "page", "keep");
        for (int i = 0; i < TagClock.MAX_REMEMBERED + 10; i++) {
            clock.evicted("t" + i);
        }
        assertNull(pages.probe("p"), "past the bound, entries read before it count as evicted");
        load(pages, "p", "page", "keep");
        assertNotNull(pages.probe("p"));
        assertTrue(clock.now() > TagClock.MAX_REMEMBERED);
    }
}

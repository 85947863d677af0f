package io.cacheweaver.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The "application" of {@link BatchHandlerTest}: only its signatures matter, the test plays the bodies. */
public class BatchDao {
    public record Item(long id, String name) {
    }

    public List<Item> findByIds(Collection<Long> ids) {
        throw new UnsupportedOperationException();
    }

    public Map<Long, Item> findMap(Set<Long> ids) {
        throw new UnsupportedOperationException();
    }

    public Item find(long id) {
        throw new UnsupportedOperationException();
    }

    public void removeAll(long[] ids) {
    }
}

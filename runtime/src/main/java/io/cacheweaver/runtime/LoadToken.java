package io.cacheweaver.runtime;

/** What a cache-aside miss carries from enter to exit: the cache's {@link Load}, and the call (for {@code unless}). */
final class LoadToken extends SiteHandler.Token {
    final Load load;
    final Object self;
    final Object[] args;

    LoadToken(SiteHandler handler, Load load, Object self, Object[] args) {
        super(handler);
        this.load = load;
        this.self = self;
        this.args = args;
    }
}

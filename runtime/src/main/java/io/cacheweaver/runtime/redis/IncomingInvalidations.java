package io.cacheweaver.runtime.redis;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.remote.InvalidationListener;

/**
 * What this instance does with each message the {@link InvalidationChannel} hears: which local
 * entries the listener drops, and which generations are no longer trusted. Apart from the
 * subscription (connecting, reconnecting, pinging) so that each can be read on its own; the
 * channel's thread calls in here and nothing else does.
 * <p>
 * What other instances publish is a {@link PeerMessage}. Anything else on the channel is read as the documented JSON format ({@link ExternalMessage})
 * that outside publishers use, and counted and ignored (never logged with its content) when it is
 * not that either.
 */
final class IncomingInvalidations {
    private final String channel;
    private final String instanceId;
    private final Generations generations;
    private final String endpoint;
    private final Runnable readWarmUp;
    private volatile InvalidationListener listener;
    private volatile TagGenerations tags;      // null until set
    private volatile InvalidationTraffic traffic;

    /** {@code readWarmUp}: runs the decoding a read after an invalidation will run (see {@link #warmUp}). */
    IncomingInvalidations(String channel, String instanceId, Generations generations, String endpoint, Runnable readWarmUp) {
        this.channel = channel;
        this.instanceId = instanceId;
        this.generations = generations;
        this.endpoint = endpoint;
        this.readWarmUp = readWarmUp;
    }

    void listener(InvalidationListener listener) {
        this.listener = listener;
    }

    /** What tag messages and outside messages update, and where they are counted. */
    void tagsAndTraffic(TagGenerations tagGenerations, InvalidationTraffic counters) {
        this.tags = tagGenerations;
        this.traffic = counters;
    }

    /** One message as heard on the channel: another instance's, or an outside publisher's. */
    void apply(String text) {
        PeerMessage message = PeerMessage.parse(text);
        if (message != null) {
            deliver(message);
        } else {
            deliverExternal(text);
        }
    }

    /** Messages may have been missed: nothing known can be trusted, and every local layer is cleared. */
    void resynchronize() {
        generations.forgetAll();
        TagGenerations t = tags;
        if (t != null) {
            t.forgetAll();
        }
        InvalidationListener l = listener;
        if (l != null) {
            try {
                l.resynchronize();
            } catch (RuntimeException e) {
                AgentLog.warnRateLimited("redis-resync", "could not clear local caches: " + AgentLog.describe(e));
            }
        }
    }

    /**
     * Once, on the subscriber thread, right after the first subscription: message parsing, the
     * listener's own warm-up (it removes a key no rule renders), then the JSON reader. Failures are
     * only logged: the real messages take the same path and report their own.
     */
    void warmUp() {
        try {
            PeerMessage.parse(new PeerMessage(instanceId, 'K', 0, "", "").format());
            InvalidationListener l = listener;
            if (l != null) {
                l.warmUp();
            }
            readWarmUp.run();
        } catch (RuntimeException | LinkageError e) {
            AgentLog.debug("redis " + endpoint + ": invalidation warm-up failed: " + AgentLog.describe(e));
        }
    }

    private void deliver(PeerMessage message) {
        InvalidationListener l = listener;
        if (l == null || message.sender().equals(instanceId)) {
            return; // our own writes already updated our local layers
        }
        try {
            if (message.op() == 'A') {
                generations.advanced(message.cache(), message.generation());
                l.invalidatedAll(message.cache());
            } else if (message.op() == 'K') {
                l.invalidated(message.cache(), message.key());
            } else if (message.op() == 'M') {
                for (String key : PeerMessage.unpackKeys(message.key())) {
                    l.invalidated(message.cache(), key);
                }
            } else if (message.op() == 'T') {
                TagGenerations t = tags;
                if (t != null) {
                    t.forget(message.key()); // generations are random, not ordered: ask Redis, never trust a late message
                }
                l.invalidatedTag(message.key());
            }
        } catch (RuntimeException e) {
            AgentLog.warnRateLimited("redis-invalidate", "cache " + message.cache() + ": invalidation failed: "
                    + e.getClass().getName());
        }
    }

    /** A message in the documented JSON format (CLI, redis-cli, a database trigger), or a malformed one. */
    private void deliverExternal(String text) {
        InvalidationListener l = listener;
        InvalidationTraffic counters = traffic;
        ExternalMessage message = ExternalMessage.parse(text);
        if (message == null) {
            if (counters != null) {
                counters.rejected.increment();
            }
            AgentLog.warnRateLimited("redis-message-rejected", "redis " + endpoint + ": ignored a message on " + channel
                    + " that is not an invalidation (expected {\"cache\":..,\"key\":..}, {\"cache\":..,\"all\":true}"
                    + " or {\"tag\":..}; see docs/redis.md)");
            return;
        }
        if (counters != null) {
            counters.external.increment();
        }
        if (l == null) {
            return;
        }
        try {
            if (message.tag() != null) {
                TagGenerations t = tags;
                if (t != null) {
                    t.forget(message.tag());
                }
                l.invalidatedTag(message.tag());
            } else if (message.all()) {
                generations.forget(message.cache()); // the publisher may have advanced it (invalidate --all)
                l.invalidatedAll(message.cache());
            } else {
                l.invalidated(message.cache(), message.key());
            }
        } catch (RuntimeException e) {
            AgentLog.warnRateLimited("redis-invalidate", "an outside invalidation failed: " + e.getClass().getName());
        }
    }
}

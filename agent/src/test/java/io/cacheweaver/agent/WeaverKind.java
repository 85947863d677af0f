package io.cacheweaver.agent;

import io.cacheweaver.agent.lean.LeanWeaver;
import io.cacheweaver.rules.Rule;
import io.cacheweaver.runtime.CacheRuntime;
import java.lang.instrument.ClassFileTransformer;
import java.util.List;

/** The two weavers the weaving tests run with: they must weave the same sites with the same effect. */
enum WeaverKind {
    BYTE_BUDDY,
    LEAN;

    /** {@code handedOver}: gets the reason each time the lean weaver hands a class to Byte Buddy. */
    ClassFileTransformer transformer(CacheRuntime runtime, List<Rule> rules, List<String> handedOver) {
        ClassFileTransformer byteBuddy = new Weaver(runtime.siteTable(), rules, StrictMode.OFF).transformer();
        if (this == BYTE_BUDDY) {
            return byteBuddy;
        }
        return new LeanWeaver(runtime.siteTable(), rules, NeverWeave::covers, null, why -> {
            handedOver.add(why);
            return byteBuddy;
        });
    }
}

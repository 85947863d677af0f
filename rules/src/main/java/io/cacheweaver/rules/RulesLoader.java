package io.cacheweaver.rules;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads a rules file into a validated {@link RulesFile}, reporting every problem at once.
 * (Skeleton: implemented by the rules-module work.)
 */
public final class RulesLoader {
    private final Function<String, String> environment;

    public RulesLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public static RulesLoader withSystemEnvironment() {
        return new RulesLoader(System::getenv);
    }

    public RulesFile load(Path file) throws RulesException {
        throw new UnsupportedOperationException("not yet");
    }

    public RulesFile parse(String source, String yaml) throws RulesException {
        throw new UnsupportedOperationException("not yet " + environment);
    }
}

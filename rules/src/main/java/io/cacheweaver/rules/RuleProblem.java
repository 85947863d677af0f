package io.cacheweaver.rules;

/**
 * One problem in a rules file, printed as
 * {@code cache-rules.yaml:14:9: rules[2].ttl: invalid duration "10 minutes"; expected ...}.
 *
 * @param path    the YAML path, e.g. {@code rules[2].ttl}; empty for the whole document
 * @param message what is wrong, the offending value, and what is allowed
 */
public record RuleProblem(String file, int line, int column, String path, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}

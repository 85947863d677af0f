package io.cacheweaver.runtime.expr;

/**
 * An expression that does not fit the method it is applied to; the message names what is available.
 * {@link #yamlKey()} says which of the rule's expressions it concerns, so that messages can point
 * at that line of the rules file rather than at the rule's first line.
 */
public final class CompileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String yamlKey;

    public CompileException(String message) {
        this(message, null);
    }

    private CompileException(String message, String yamlKey) {
        super(message);
        this.yamlKey = yamlKey;
    }

    /** {@code "key"}, {@code "value"}, {@code "when"} or {@code "unless"}; {@code null} when it concerns the whole rule. */
    public String yamlKey() {
        return yamlKey;
    }

    /** This problem, as found in the expression under {@code yamlKey} (a key already known is kept). */
    public CompileException in(String yamlKey) {
        if (this.yamlKey != null) {
            return this;
        }
        CompileException located = new CompileException(getMessage(), yamlKey);
        located.setStackTrace(getStackTrace());
        return located;
    }
}

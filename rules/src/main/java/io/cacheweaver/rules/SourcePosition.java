package io.cacheweaver.rules;

/** Where something stands in the rules file; 1-based, as editors count. */
public record SourcePosition(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}

package io.cacheweaver.rules;

import java.util.List;

/**
 * {@code <class>#<method>(<parameter types>)}, parsed.
 *
 * @param text            the selector as written
 * @param classPattern    a class name glob: {@code *} within one package segment, {@code ..} any
 *                        number of segments (without the trailing {@code +})
 * @param includeSubtypes a trailing {@code +}: every subtype matches too
 * @param methodPattern   a method name, {@code *} wildcards allowed
 * @param parameterTypes  normalized type names as {@code TypeDescription#getActualName()} and
 *                        {@code Class#getTypeName()} spell them ({@code long}, {@code long[]},
 *                        {@code java.lang.String}, {@code com.x.Outer$Inner}); {@code null} = any
 *                        overload ({@code (..)} or no parentheses)
 */
public record MethodSelector(String text, String classPattern, boolean includeSubtypes, String methodPattern,
                             List<String> parameterTypes) {
    public MethodSelector {
        parameterTypes = parameterTypes == null ? null : List.copyOf(parameterTypes);
    }

    /**
     * The class pattern as a regex over binary names ({@code com.x.Outer$Inner}), to be used with
     * {@code matcher(name).matches()}; compile once, match often. {@code *} does not cross a
     * {@code .} but does cross {@code $}, so {@code com.x.*} also matches nested classes.
     */
    public java.util.regex.Pattern classRegex() {
        StringBuilder regex = new StringBuilder();
        String p = classPattern;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '.' && i + 1 < p.length() && p.charAt(i + 1) == '.') {
                // ".." : any number of package segments (none included); at the start: any package
                regex.append(i == 0 ? "(?:[^.]+\\.)*" : "\\.(?:[^.]+\\.)*");
                i++;
            } else if (c == '.') {
                regex.append("\\.");
            } else if (c == '*') {
                regex.append("[^.]*");
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(regex.toString());
    }

    /** The method pattern as a regex: {@code *} matches any run of characters. */
    public java.util.regex.Pattern methodRegex() {
        StringBuilder regex = new StringBuilder();
        String[] pieces = methodPattern.split("\\*", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!pieces[i].isEmpty()) {
                regex.append(java.util.regex.Pattern.quote(pieces[i]));
            }
        }
        return java.util.regex.Pattern.compile(regex.toString());
    }

    /** True when {@code types} (normalized names) fit the parameter list; any list fits {@code (..)}. */
    public boolean matchesParameters(List<String> types) {
        return parameterTypes == null || parameterTypes.equals(types);
    }

    @Override
    public String toString() {
        return text;
    }
}

package io.cacheweaver.rules;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in scalar values, like a POSIX shell:
 * the default applies when the variable is unset or empty. {@code $${} writes a literal
 * {@code ${}. A lone {@code $} is kept as is, so passwords and regexes need no escaping.
 */
public final class EnvExpander {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private final Function<String, String> environment;

    public EnvExpander(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Thrown for an unset variable or a malformed reference; {@code offset} is where it starts. */
    public static final class ExpansionException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;

        ExpansionException(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    public String expand(String text) throws ExpansionException {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new ExpansionException("unclosed \"${\"; write $${ for a literal ${", i);
                }
                out.append(resolve(text.substring(i + 2, close), i));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String reference, int offset) throws ExpansionException {
        int sep = reference.indexOf(":-");
        String name = sep < 0 ? reference : reference.substring(0, sep);
        if (!NAME.matcher(name).matches()) {
            throw new ExpansionException("invalid variable reference \"${" + reference
                    + "}\"; expected ${NAME} or ${NAME:-default}", offset);
        }
        String value = environment.apply(name);
        if (sep >= 0) {
            return value == null || value.isEmpty() ? reference.substring(sep + 2) : value;
        }
        if (value == null) {
            throw new ExpansionException("environment variable " + name
                    + " is not set and has no default; set it or write ${" + name + ":-default}", offset);
        }
        return value;
    }
}

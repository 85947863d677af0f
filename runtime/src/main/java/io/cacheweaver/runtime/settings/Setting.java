package io.cacheweaver.runtime.settings;

import io.cacheweaver.rules.DurationParser;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * One operator knob and its three spellings: agent argument {@code key=value}, system property
 * {@code cacheweaver.<key>}, environment variable {@code CACHEWEAVER_<KEY>} (dots become
 * underscores). Declared in {@link Settings}; resolved by {@link AgentSettings}.
 *
 * @param key         the agent-argument spelling, e.g. {@code jmx.delay}
 * @param fallback    the value when no channel sets it, or when the value set is invalid;
 *                    {@code null} when the default is derived elsewhere (see {@code defaultText})
 * @param defaultText the default as the docs state it
 * @param allowed     what a valid value looks like, for error messages
 * @param parser      text to value; throws {@link IllegalArgumentException} for text outside {@code allowed}
 * @param meaning     one line for the docs
 */
public record Setting<T>(String key, T fallback, String defaultText, String allowed, Function<String, T> parser,
                         String meaning) {

    /** What {@link #durationOrOff} settings hold when turned off: longer than anything measured. */
    public static final Duration OFF = Duration.ofSeconds(Long.MAX_VALUE);

    public String property() {
        return "cacheweaver." + key;
    }

    public String variable() {
        return "CACHEWEAVER_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Only {@code true} or {@code false}, as booleans in the rules file. */
    static Setting<Boolean> flag(String key, boolean fallback, String meaning) {
        return new Setting<>(key, fallback, String.valueOf(fallback), "true or false", Setting::parseFlag, meaning);
    }

    static Setting<String> text(String key, String meaning) {
        return new Setting<>(key, null, "none", "a non-empty text", Setting::parseText, meaning);
    }

    /** A duration above zero; a plain number is milliseconds ({@code -Dcacheweaver.jmx.delay=5000} predates units). */
    static Setting<Duration> duration(String key, Duration fallback, String defaultText, String meaning) {
        return new Setting<>(key, fallback, defaultText, "a duration above zero: 250ms, 5s, 1m, or plain milliseconds",
                Setting::parsePositiveDuration, meaning);
    }

    /** Like {@link #duration}, or {@code off}: {@link #OFF}. */
    static Setting<Duration> durationOrOff(String key, Duration fallback, String meaning) {
        return new Setting<>(key, fallback, format(fallback), "a duration above zero (250ms, 1s, plain milliseconds) or off",
                text -> text.trim().equalsIgnoreCase("off") ? OFF : parsePositiveDuration(text), meaning);
    }

    static Setting<Integer> positiveInt(String key, int fallback, String meaning) {
        return new Setting<>(key, fallback, String.valueOf(fallback), "a whole number above 0", Setting::parsePositiveInt, meaning);
    }

    private static Boolean parseFlag(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.valueOf(t.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException();
    }

    private static String parseText(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException();
        }
        return text.trim();
    }

    private static Duration parsePositiveDuration(String text) {
        String t = text.trim();
        Duration d = t.matches("\\d{1,18}") ? Duration.ofMillis(Long.parseLong(t))
                : DurationParser.parse(t).orElseThrow(IllegalArgumentException::new);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException();
        }
        return d;
    }

    private static Integer parsePositiveInt(String text) {
        int value = Integer.parseInt(text.trim()); // NumberFormatException is an IllegalArgumentException
        if (value <= 0) {
            throw new IllegalArgumentException();
        }
        return value;
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 60_000 == 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}

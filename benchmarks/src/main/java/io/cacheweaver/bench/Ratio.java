package io.cacheweaver.bench;

import java.util.Locale;

/** a ÷ b with the relative errors of both propagated (first order). */
record Ratio(double ratio, double error) {
    static Ratio of(Score a, Score b) {
        double r = a.score() / b.score();
        double ea = Double.isNaN(a.error()) ? 0 : a.error() / a.score();
        double eb = Double.isNaN(b.error()) ? 0 : b.error() / b.score();
        return new Ratio(r, r * Math.sqrt(ea * ea + eb * eb));
    }

    double upper() {
        return ratio + error;
    }

    double lower() {
        return ratio - error;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f× ± %.2f", ratio, error);
    }
}

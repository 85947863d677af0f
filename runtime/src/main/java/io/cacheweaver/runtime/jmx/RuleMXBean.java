package io.cacheweaver.runtime.jmx;

/** {@code io.cacheweaver:type=Rule,name=<rule id>} (documented in docs/operations.md, "JMX"). */
public interface RuleMXBean {
    /** Every call of a method this rule instruments, including calls its {@code when} bypassed. */
    long getInvocations();

    long getCacheHits();

    long getCacheMisses();

    long getLoads();

    /** Microseconds per successful load; 0 before the first. */
    double getAverageLoadTime();

    /** The methods this rule instruments, e.g. {@code com.shop.ProductDao#findById(long)}. */
    String[] getWovenMethods();
}

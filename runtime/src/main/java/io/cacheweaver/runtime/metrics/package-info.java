/**
 * What operators see beyond JMX (contract §11): latency histograms (HdrHistogram) of loads and
 * Redis calls, the slow Redis call log, and the Prometheus endpoint that exports the JMX figures.
 * Nothing here runs on the hit path.
 */
package io.cacheweaver.runtime.metrics;

/**
 * The model of the {@code http:} and {@code cdn:} sections: response header rules for the browser
 * and CDN layers, and where invalidations are sent as CDN purges. Values only; the runtime applies them.
 */
package io.cacheweaver.rules.http;

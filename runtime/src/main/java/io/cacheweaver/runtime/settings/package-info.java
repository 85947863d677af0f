/**
 * Every operator knob in one place ({@link io.cacheweaver.runtime.settings.Settings}), each read
 * as agent argument, then system property, then environment variable, checked, and reported with
 * its name, value and what is allowed when it is not.
 */
package io.cacheweaver.runtime.settings;

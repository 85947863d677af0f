/**
 * The rules file: safe YAML loading, every problem reported at once with file:line:column, and
 * the validated immutable model the runtime and agent consume. No Byte Buddy, no runtime.
 */
package io.cacheweaver.rules;

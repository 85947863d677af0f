/**
 * The only classes every application class loader can see (appended to the bootstrap class
 * path): the bridge woven code calls, the hit type, and the launcher of the isolated class
 * loader. JDK types only.
 */
package io.cacheweaver.bootstrap;

/**
 * The agent proper: premain/agentmain, settings, the Byte Buddy transformer that weaves the
 * rules' methods, hot reload, JMX wiring, and the validate and attach commands. Runs inside the
 * isolated class loader; the application never sees these classes.
 */
package io.cacheweaver.agent;

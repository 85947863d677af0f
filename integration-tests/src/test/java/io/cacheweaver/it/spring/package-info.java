/** A real Spring Boot application (integration-tests/spring-app) run as a fat jar with the agent. */
package io.cacheweaver.it.spring;

package io.cacheweaver.bootstrap;

/** A class the tests copy into a jar as a hidden {@code .classdata} entry. */
public class HiddenSample {
    public String greet() {
        return "hello from " + getClass().getClassLoader().getName();
    }
}

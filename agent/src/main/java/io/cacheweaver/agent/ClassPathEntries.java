package io.cacheweaver.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The entries of a {@code --classpath} argument, as {@code java -cp} reads it ({@code a.jar:lib/*:classes};
 * {@code dir/*} is every jar in dir), and the class names each holds. Unlike {@code java -cp}, an
 * entry that does not exist is a problem: silently skipped, it would make every rule "match no method".
 *
 * @param problems one line per entry that names nothing readable
 */
record ClassPathEntries(List<Path> entries, List<String> problems) {
    ClassPathEntries {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    static ClassPathEntries parse(String classpath) {
        List<Path> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String element : classpath.split(File.pathSeparator)) {
            if (element.isEmpty()) {
                continue;
            }
            if (element.endsWith("*")) {
                String dirName = element.substring(0, element.length() - 1);
                Path dir = dirName.isEmpty() ? Path.of(".") : Path.of(dirName);
                if (!Files.isDirectory(dir)) {
                    problems.add("--classpath entry \"" + element + "\": no such directory " + dir.toAbsolutePath());
                    continue;
                }
                List<Path> jars = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
                } catch (IOException e) {
                    problems.add("--classpath entry \"" + element + "\": cannot list " + dir.toAbsolutePath() + ": " + e.getMessage());
                    continue;
                }
                if (jars.isEmpty()) {
                    problems.add("--classpath entry \"" + element + "\": no .jar file in " + dir.toAbsolutePath());
                }
                entries.addAll(jars);
            } else if (Files.exists(Path.of(element))) {
                entries.add(Path.of(element));
            } else {
                problems.add("--classpath entry \"" + element + "\": no such file or directory " + Path.of(element).toAbsolutePath());
            }
        }
        return new ClassPathEntries(entries, problems);
    }

    /** Binary names of the classes in one entry (a directory of class files or a jar). */
    static List<String> classNames(Path entry) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.walk(entry)) {
                files.filter(p -> p.toString().endsWith(".class"))
                        .map(p -> entry.relativize(p).toString())
                        .forEach(name -> addClassName(names, name.replace(File.separatorChar, '/')));
            }
        } else {
            try (JarFile jar = new JarFile(entry.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    addClassName(names, e.nextElement().getName());
                }
            }
        }
        return names;
    }

    private static void addClassName(List<String> names, String path) {
        if (path.endsWith(".class") && !path.endsWith("module-info.class") && !path.startsWith("META-INF/")) {
            names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
    }
}

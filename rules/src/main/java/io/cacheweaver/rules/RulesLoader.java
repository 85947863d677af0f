package io.cacheweaver.rules;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a rules file into a validated {@link RulesFile}, reporting every problem at once.
 * Safe against hostile input: no YAML tag is ever instantiated, and aliases, nesting and size
 * are bounded (see {@link YamlTree}).
 */
public final class RulesLoader {
    /** Far above any real rules file; checked before reading so a huge file is never loaded. */
    static final long MAX_FILE_BYTES = 4L * YamlTree.MAX_CODE_POINTS;

    private final Function<String, String> environment;

    /** @param environment looks up {@code ${VAR}} references; returns {@code null} for unset variables */
    public RulesLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public static RulesLoader withSystemEnvironment() {
        return new RulesLoader(System::getenv);
    }

    /** Loads {@code file} (UTF-8); messages name it as given ({@code file.toString()}). */
    public RulesFile load(Path file) throws RulesException {
        String source = file.toString();
        Problems problems = new Problems(source);
        String text = null;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.atStart("", "the rules file is larger than " + MAX_FILE_BYTES + " bytes");
            } else {
                text = Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            // the name as given is often relative: say where it was looked for
            problems.atStart("", "cannot read the rules file: no such file (looked for " + file.toAbsolutePath().normalize() + ")");
        } catch (CharacterCodingException e) {
            problems.atStart("", "cannot read the rules file: it is not valid UTF-8");
        } catch (IOException e) {
            problems.atStart("", "cannot read the rules file: " + e);
        }
        problems.throwIfAny();
        return parse(source, text);
    }

    /** Parses {@code yaml}; {@code source} is the file name used in messages. */
    public RulesFile parse(String source, String yaml) throws RulesException {
        Problems problems = new Problems(source);
        Node root = YamlTree.compose(yaml, problems);
        RulesFile file = null;
        if (root != null) {
            file = new RulesValidator(new NodeReader(problems, new EnvExpander(environment))).validate(root);
        }
        problems.throwIfAny();
        return file;
    }
}

package org.torc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-spec corpus: every file makes {@code torc workflows create} exit 1 with a short
 * error naming the file, the item and the problem, no stack trace, and nothing created.
 */
class MalformedSpecsTest {
    static final Path CORPUS = Path.of(System.getProperty("torc.repo.root", ".."))
            .resolve("client/src/test/resources/malformed-specs");
    static TestCli cli;

    @BeforeAll
    static void start() {
        cli = TestCli.start();
    }

    @AfterAll
    static void stop() {
        cli.close();
    }

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expected-errors.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            cases.add(Arguments.of(line.substring(0, bar).trim(), line.substring(bar + 1).trim()));
        }
        return cases.stream();
    }

    @Test
    void the_corpus_has_at_least_30_specs_and_each_has_an_expectation() throws IOException {
        long files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> !p.getFileName().toString().equals("expected-errors.txt")).count();
        }
        assertTrue(files >= 30, "corpus size " + files);
        assertEquals(files, corpus().count(), "every malformed spec has an expected error");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void a_malformed_spec_is_refused_with_a_clear_error_and_creates_nothing(String file,
            String expected) {
        TestCli.Result r = cli.run("workflows", "create", CORPUS.resolve(file).toString());
        assertEquals(1, r.code(), r.toString());
        String err = r.err().strip();
        List<String> lines = err.lines().toList();
        assertTrue(lines.size() >= 1 && lines.size() <= 3, "one or a few lines: " + err);
        assertTrue(err.contains(file), "names the file: " + err);
        assertTrue(err.contains(expected), "names the problem (" + expected + "): " + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
        assertEquals(0, cli.api().get("/workflows").path("total_count").asLong(),
                "nothing was created");

        TestCli.Result dry = cli.run("-f", "json", "workflows", "create", "--dry-run",
                CORPUS.resolve(file).toString());
        assertEquals(1, dry.code(), "the dry run reports it invalid too: " + dry);
    }
}

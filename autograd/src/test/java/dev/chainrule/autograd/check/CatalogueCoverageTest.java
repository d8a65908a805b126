package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when an op has no spec in the catalogue, or a spec names no op. Built-in ops are
 * found where they are defined: every {@code Op.of("name", ...)} or {@code Op.unary("name", ...)}
 * in the engine's sources.
 */
class CatalogueCoverageTest {
  private static final Pattern OP_DEFINITION =
      Pattern.compile("Op\\.(?:of|unary)\\(\\s*\"(\\w+)\"");
  private static final Path SOURCES = Path.of("src/main/java/dev/chainrule/autograd");

  @Test
  void everyBuiltInOpHasASpecAndEverySpecAnOp() throws IOException {
    Set<String> defined = new TreeSet<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith("Ops.java")).toList()) {
        Matcher m = OP_DEFINITION.matcher(Files.readString(file));
        while (m.find()) {
          defined.add(m.group(1));
        }
      }
    }
    assertFalse(defined.isEmpty(), "no op definitions found under " + SOURCES.toAbsolutePath());
    Set<String> specified = new TreeSet<>();
    for (OpSpec spec : OpCatalogue.builtIns()) {
      assertTrue(specified.add(spec.name()), "two specs for " + spec.name());
    }
    assertEquals(defined, specified, "ops defined in the engine vs ops in the catalogue");
  }

  private static void assertTrue(boolean condition, String message) {
    org.junit.jupiter.api.Assertions.assertTrue(condition, message);
  }
}

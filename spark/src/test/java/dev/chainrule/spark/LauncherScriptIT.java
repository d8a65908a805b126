package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher, after {@code package}: {@code target/chainrule-spark.jar} holds
 * chainrule but not Spark, and {@code bin/chainrule-spark} runs it in local mode with Spark from
 * the Maven repository, as a user without a Spark installation would, on the JDK that runs
 * the tests, without a warning of the JVM's.
 */
class LauncherScriptIT {
  @TempDir
  Path dir;

  @Test
  void theJarHoldsChainruleAndNotSpark() throws IOException {
    try (JarFile jar = new JarFile("target/chainrule-spark.jar")) {
      List<String> names = jar.stream().map(e -> e.getName()).toList();
      for (String expected : List.of("dev/chainrule/spark/Main.class",
          "dev/chainrule/core/Tensor.class", "dev/chainrule/optim/model/Mlp.class",
          "picocli/CommandLine.class")) {
        assertTrue(names.contains(expected), expected);
      }
      assertFalse(names.stream().anyMatch(n -> n.startsWith("org/apache/spark/")
          || n.startsWith("scala/")), "Spark is the cluster's");
      // Guava and Jackson are relocated, so they never meet Spark's own versions.
      assertFalse(names.stream().anyMatch(n -> n.startsWith("com/google/common/")
          || n.startsWith("com/fasterxml/")));
      assertEquals("dev.chainrule.spark.Main",
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
  }

  @Test
  void theJarAloneSaysHowToRunIt() throws Exception {
    // java -jar has no Spark: one line naming the two ways that bring it, not a class's error.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process run = new ProcessBuilder(java, "-jar", "target/chainrule-spark.jar", "--help")
        .redirectErrorStream(true).start();
    String text = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(run.waitFor(1, TimeUnit.MINUTES), "the jar finished");
    assertEquals(1, run.exitValue(), text);
    assertEquals("error: chainrule-spark.jar holds no Spark, which the cluster provides: run it"
        + " with spark-submit --class dev.chainrule.spark.Main chainrule-spark.jar ..., or on a"
        + " machine without Spark with spark/bin/chainrule-spark ...", text.strip());
  }

  @Test
  void theScriptTrainsInLocalMode() throws Exception {
    Path csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(200, 11), "class");
    Path output = dir.resolve("out.txt");
    ProcessBuilder launcher = new ProcessBuilder("bin/chainrule-spark", "--master", "local[2]",
        "--csv", csv.toString(), "--label", "class", "--mode", "average", "--epochs", "2",
        "--json").redirectErrorStream(true).redirectOutput(output.toFile());
    // The script runs JAVA_HOME's java: this test's own, so that a run of the tests on another
    // JDK (-Djvm=...) runs the script there too.
    launcher.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process run = launcher.start();
    assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the launcher finished");
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, run.exitValue(), text);
    String json = text.lines().filter(l -> l.startsWith("{\"task\":\"train\"")).findFirst()
        .orElseThrow(() -> new AssertionError(text));
    assertTrue(json.contains("\"epochs\":2") && json.contains("\"mode\":\"average\"")
        && json.contains("\"partitions\":2"), json);
    assertFalse(text.contains(" INFO "), "Spark's INFO lines are not shown:\n" + text);
    // The JVM's own warnings, such as Java 24's on sun.misc.Unsafe, on a package that --add-opens
    // names and the JDK no longer has, or on System.load, would greet the user on every run.
    assertFalse(text.lines().anyMatch(l -> l.startsWith("WARNING:")), "JVM warnings:\n" + text);
  }
}

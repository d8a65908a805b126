package dev.chainrule.spark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The benchmark's options are usage errors before any work: they failed as a trainer's stack
 * trace, naming no option (a bad --local-steps only after minutes of measuring).
 */
class BenchOptionsTest {
  @Test
  void optionsOutOfRangeAreUsageErrorsNamingTheOption() {
    String[][] cases = {
        {"--rows", "0", "--rows must be positive, got 0"},
        {"--batch-size", "-1", "--batch-size must be positive, got -1"},
        {"--epochs", "0", "--epochs must be positive, got 0"},
        {"--local-steps", "0", "--local-steps must be positive, got 0"},
        {"--dtype", "float16", "--dtype: unknown type 'float16' (expected float32 or float64)"}};
    for (String[] c : cases) {
      StringWriter err = new StringWriter();
      int code = new CommandLine(new SparkBench()).setErr(new PrintWriter(err, true))
          .execute(c[0], c[1]);
      assertEquals(2, code, c[0]);
      assertEquals(c[2], err.toString().lines().findFirst().orElse(""), c[0]);
    }
  }
}

package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Class weights further apart than a Spark run's type carries, in the words the Spark launcher
 * prints: {@code CrossEntropies.requireWeightRatio}'s refusal, named as the command line gave the
 * weights, with the classes' numbers.
 */
class ClassWeightRefusalTest {
  private static final List<String> CLASSES = List.of("a", "b", "c");

  @Test
  void weightsBeyondTheTypeAreRefusedInTheWeightRatiosWords() {
    double[] tiny = {1e-320, 1, 1};
    String name = ClassWeightRefusal.given("--class-weights", tiny);
    assertEquals("--class-weights 1e-320,1,1", name);
    assertEquals(Optional.of("--class-weights 1e-320,1,1: class 0 weighs 1.0E-320 of the"
        + " largest class weight, below the smallest normal float64 number,"
        + " 2.2250738585072014E-308, which float64 holds only with fewer significant digits, or"
        + " as 0, so a trainer that sums the loss in parts weighted by the classes' shares"
        + " (Spark's shards) would weigh the class wrongly: weigh the classes within a factor of"
        + " 4.49423283715579E307 of each other (classes 0 = a, 1 = b, 2 = c)"),
        ClassWeightRefusal.of(name, tiny, DType.FLOAT64, CLASSES, " (--dtype float64)"));
  }

  @Test
  void float32SaysWhetherFloat64CarriesThem() {
    double[] narrow = {1e-39, 1, 1};
    Optional<String> refused = ClassWeightRefusal.of("w", narrow, DType.FLOAT32, CLASSES,
        " (--dtype float64)");
    assertEquals(true, refused.orElseThrow().endsWith("(classes 0 = a, 1 = b, 2 = c); a float64"
        + " run carries them (--dtype float64)"), refused.toString());
    assertEquals(Optional.empty(), ClassWeightRefusal.of("w", narrow, DType.FLOAT64, CLASSES,
        ""));
    // A resumed float32 run keeps its checkpoint's type: no advice the user cannot take.
    Optional<String> loaded = ClassWeightRefusal.of("w", narrow, DType.FLOAT32, CLASSES, null);
    assertEquals(true, loaded.orElseThrow().endsWith("(classes 0 = a, 1 = b, 2 = c)"),
        loaded.toString());
    // Too far apart for float64 as well: no advice to use it.
    Optional<String> both = ClassWeightRefusal.of("w", new double[] {1e-320, 1, 1},
        DType.FLOAT32, CLASSES, " (--dtype float64)");
    assertEquals(false, both.orElseThrow().contains("float64 run"), both.toString());
  }

  /** Class names from a file are printed as text: a control character is not sent on. */
  @Test
  void classNamesArePrintable() {
    Optional<String> refused = ClassWeightRefusal.of("w", new double[] {1e-320, 1},
        DType.FLOAT64, List.of("a\u001b[31m", "b"), "");
    assertEquals(true, refused.orElseThrow().endsWith("(classes 0 = a?[31m, 1 = b)"),
        refused.toString());
  }
}

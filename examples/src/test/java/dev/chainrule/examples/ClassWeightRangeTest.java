package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --class-weights} further apart than the model's type carries are refused as a usage
 * error before training, by the loss's own rule. {@code --class-weights 1e-320,1,1} trained until
 * the loss refused it, and ended with the library's words ("softmaxCrossEntropy: class 0 weighs
 * 1.0E-320 ...") and exit 1.
 */
class ClassWeightRangeTest {
  @TempDir
  Path dir;

  private Cli.Result train(String... more) throws IOException {
    return ClassWeightOptionsTest.train(dir, more);
  }

  @Test
  void weightsTooFarApartAreAUsageErrorBeforeTraining() throws IOException {
    // The classes of imbalanced.csv are a, b and c, in that order.
    Cli.Result tiny = train("--class-weights", "1e-320,1,1");
    assertEquals(2, tiny.exitCode(), tiny.out() + tiny.err());
    assertEquals("", tiny.out(), "refused before any work");
    assertTrue(tiny.err().startsWith("error: --class-weights 1e-320,1,1: class 0 weighs"
        + " 1.0E-320 of the largest class weight, below the smallest normal float64 number"),
        tiny.err());
    assertTrue(tiny.err().contains("(classes 0 = a, 1 = b, 2 = c) (see 'chainrule train"
        + " --help')"), tiny.err());

    // Within range on their own, apart by more than float64 carries.
    Cli.Result apart = train("--class-weights", "1e-300,1,1e10");
    assertEquals(2, apart.exitCode(), apart.out() + apart.err());
    assertTrue(apart.err().startsWith("error: --class-weights 1e-300,1,1e10: class 0 weighs"),
        apart.err());

    // float32 carries less: the same check in its type, which float64 would pass.
    Cli.Result narrow = train("--class-weights", "1e-39,1,1", "--dtype", "float32");
    assertEquals(2, narrow.exitCode(), narrow.out() + narrow.err());
    assertTrue(narrow.err().contains("below the smallest normal float32 number"), narrow.err());
    assertTrue(narrow.err().contains("; a float64 run carries them (--dtype float64)"),
        narrow.err());
    Cli.Result wide = train("--class-weights", "1e-39,1,1", "--epochs", "1");
    assertEquals(0, wide.exitCode(), wide.err());
    assertFalse(wide.err().contains("error"), wide.err());
  }

  /**
   * A loaded model keeps its file's type, which --dtype cannot change: the refusal gave the
   * advice "a float64 run carries them" all the same, which the user could not act on.
   */
  @Test
  void aLoadedFloat32ModelsRefusalOffersNoFloat64() throws IOException {
    String model = dir.resolve("m.safetensors").toString();
    Cli.Result saved = train("--dtype", "float32", "--epochs", "1", "--save", model);
    assertEquals(0, saved.exitCode(), saved.err());
    Cli.Result loaded = train("--load", model, "--class-weights", "1e-39,1,1", "--epochs", "1");
    assertEquals(2, loaded.exitCode(), loaded.out() + loaded.err());
    assertTrue(loaded.err().contains("below the smallest normal float32 number"), loaded.err());
    assertTrue(loaded.err().contains("(classes 0 = a, 1 = b, 2 = c) (see 'chainrule train"
        + " --help')"), loaded.err());
    assertFalse(loaded.err().contains("float64 run"), loaded.err());
  }
}

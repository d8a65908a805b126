package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.model.ModelDescription;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A pixel of a model trained on bytes / 255 lies in [0, 1]; a value outside is named with its
 * row and column, how many more rows hold one, and how far up they go.
 */
class PixelScaleTest {
  private static final List<String> PIXELS = List.of("p0", "p1");
  private static final IntFunction<String> LINE = row -> "line " + (row + 2) + " of x.csv";

  private static Optional<String> warning(double... values) {
    return PixelScale.warning(Tensor.of(values, values.length / 2, 2), PIXELS, "m.safetensors",
        LINE);
  }

  @Test
  void pixelsInTheScaleAndWithinHalfAStepOfItAreNoWarning() {
    // 1.001 and -0.001 are within half the step of a byte (0.5 / 255 = 0.00196) of [0, 1].
    assertEquals(Optional.empty(), warning(0, 1, 0.5, 1.001, -0.001, 0.25));
  }

  @Test
  void theFirstValueOutsideIsNamedWithTheRowsAfterIt() {
    assertEquals(Optional.of("line 3 of x.csv: p1 is 255, outside [0, 1], the scale of the"
        + " pixels m.safetensors's model was trained on (bytes divided by 255); 2 more rows lie"
        + " outside it, up to 255: its predictions there are of inputs it never saw; divide"
        + " pixels of 0 to 255 (as Kaggle's Fashion-MNIST CSV holds them) by 255 first"),
        warning(0, 1, 0.3, 255, -1, 0, 1.001, 0, 0, 17));
  }

  @Test
  void oneRowOrValuesBelowTheScaleSayNoMore() {
    assertEquals(Optional.of("line 2 of x.csv: p0 is -1, outside [0, 1], the scale of the"
        + " pixels m.safetensors's model was trained on (bytes divided by 255): its predictions"
        + " there are of inputs it never saw; divide pixels of 0 to 255 (as Kaggle's"
        + " Fashion-MNIST CSV holds them) by 255 first"), warning(-1, 0, 0, 1));
    assertEquals(Optional.of("line 2 of x.csv: p1 is -3, outside [0, 1], the scale of the"
        + " pixels m.safetensors's model was trained on (bytes divided by 255); 1 more row lies"
        + " outside it: its predictions there are of inputs it never saw; divide pixels of 0 to"
        + " 255 (as Kaggle's Fashion-MNIST CSV holds them) by 255 first"),
        warning(0, -3, -2, 1));
  }
  /**
   * A model takes bytes / 255 when its file says so, or, saved before the entry was written,
   * when it is a fashion-mnist model without standardisation; another recorded scale is not it.
   */
  @Test
  void theScaleIsTheFilesOrAnOlderFashionMnistModels() {
    ModelDescription iris = LoadedFiles.described(true, Map.of()).description();
    String key = PixelScale.METADATA_KEY;
    assertTrue(PixelScale.bytesOver255(Map.of(key, "bytes/255"), iris));
    assertFalse(PixelScale.bytesOver255(Map.of(key, "bytes"), iris));
    assertFalse(PixelScale.bytesOver255(Map.of(), iris), "iris is standardised, not pixels");
    ModelDescription older = new ModelDescription("fashion-mnist", iris.task(), iris.dtype(),
        iris.layers(), iris.features(), null, iris.label(), iris.classes(), null, null);
    assertTrue(PixelScale.bytesOver255(Map.of(), older));
    assertFalse(PixelScale.bytesOver255(Map.of(key, "other"), older));
    ModelDescription standardised = new ModelDescription("fashion-mnist", iris.task(),
        iris.dtype(), iris.layers(), iris.features(), iris.featureScaling(), iris.label(),
        iris.classes(), null, null);
    assertFalse(PixelScale.bytesOver255(Map.of(), standardised));
  }
}

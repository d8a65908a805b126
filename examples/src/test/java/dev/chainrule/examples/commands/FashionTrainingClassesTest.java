package dev.chainrule.examples.commands;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** fashion-mnist refuses training images all of one class, saying which images those are. */
class FashionTrainingClassesTest {
  private static final Path LABELS = Path.of("fm", "train-labels-idx1-ubyte");

  private static Dataset images(double... labels) {
    Tensor features = Tensors.zeros(Shape.of(labels.length, 4));
    return new Dataset(features, Tensor.vector(labels));
  }

  private static String refusal(Dataset train, Integer limit, Integer first) {
    return assertThrows(Failure.class,
        () -> FashionTrainingClasses.require(train, limit, first, LABELS)).getMessage();
  }

  @Test
  void namesTheImagesAndTheirOneClassAndTheWayOut() {
    assertEquals("fashion-mnist: --limit 3 leaves 3 training images, all of one class (Dress):"
        + " there is nothing to tell apart; give a larger --limit", refusal(images(3, 3, 3), 3,
        null));
    assertEquals("fashion-mnist: the first 1 training image (those the loaded model's run used),"
        + " all of one class (T-shirt): there is nothing to tell apart; give --data a folder"
        + " whose training labels hold two classes or more", refusal(images(0), null, 1));
    double[] boots = new double[1_200];
    Arrays.fill(boots, 9);
    assertEquals("fashion-mnist: " + LABELS + " holds 1,200 training images, all of one class"
        + " (Boot): there is nothing to tell apart; give --data a folder whose training labels"
        + " hold two classes or more", refusal(images(boots), null, null));
  }

  @Test
  void twoClassesAnywhereOrNoImagesPass() {
    assertDoesNotThrow(() -> FashionTrainingClasses.require(images(4, 4, 4, 7), 4, null,
        LABELS));
    assertDoesNotThrow(() -> FashionTrainingClasses.require(images(7, 4, 4), null, null,
        LABELS));
    assertDoesNotThrow(() -> FashionTrainingClasses.require(images(), null, null, LABELS));
  }
}

package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.AnomalyException;
import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * A summary whose pass on zeros fails says where: the layer's place and input, and the table up
 * to it. It threw the layer's own message alone, which names the layer's kind but not which of
 * several alike layers failed, nor the shapes before it, where the mistake usually is.
 */
class SummaryFailureTest {
  /** A CNN whose Dense layer expects 6·3·3 inputs where the pooling leaves 6·2·2. */
  private static Sequential cnn() {
    return Sequential.of(
        Conv2d.builder(1, 4, 3).padding(1).seed(1L).build(), Activation.relu(),
        MaxPool2d.of(Pool2dOptions.builder(2).ceilMode(true).build()),
        Conv2d.builder(4, 6, 3).padding(1).bias(false).seed(2L).build(), Activation.relu(),
        MaxPool2d.of(2), Flatten.of(), Dense.of(6 * 3 * 3, 3, 3L), Activation.relu());
  }

  @Test
  void aLayerThatFailsIsNamedByItsPlaceWithTheRowsUpToIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cnn().summary(Shape.of(1, 1, 7, 7)));
    String layer = "Dense(54 -> 3): input [1, 24] should be [batch, 54] (or [54], or [..., 54])";
    assertEquals("summary for input [1, 1, 7, 7]: layer '7' Dense(54 -> 3) failed on its input"
        + " [1, 24]: " + layer + "\n"
        + "the layers up to it:\n"
        + "Layer                                                Output shape       Parameters\n"
        + "Sequential                                           -\n"
        + "  (0): Conv2d(1 -> 4, kernel 3, padding 1)           [1, 4, 7, 7]       40\n"
        + "  (1): Activation(relu)                              [1, 4, 7, 7]\n"
        + "  (2): MaxPool2d(kernel 2, stride 2, ceil mode)      [1, 4, 4, 4]\n"
        + "  (3): Conv2d(4 -> 6, kernel 3, padding 1, no bias)  [1, 6, 4, 4]       216\n"
        + "  (4): Activation(relu)                              [1, 6, 4, 4]\n"
        + "  (5): MaxPool2d(kernel 2, stride 2)                 [1, 6, 2, 2]\n"
        + "  (6): Flatten                                       [1, 24]\n"
        + "  (7): Dense(54 -> 3)                                failed on [1, 24]  165",
        e.getMessage());
    assertEquals(IllegalArgumentException.class, e.getCause().getClass());
    assertEquals(layer, e.getCause().getMessage(), "the layer's own refusal is the cause");
  }

  @Test
  void aNestedLayerIsNamedByItsPath() {
    Sequential model = Sequential.of(Dense.of(4, 4, 1L), Residual.of(
        Sequential.of(Dense.of(4, 4, 2L), Activation.tanh(), Dense.of(5, 4, 3L))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.summary(Shape.of(2, 4)));
    assertEquals("summary for input [2, 4]: layer '1.block.2' Dense(5 -> 4) failed on its input"
        + " [2, 4]: Dense(5 -> 4): input [2, 4] should be [batch, 5] (or [5], or [..., 5])\n"
        + "the layers up to it:\n"
        + "Layer                        Output shape      Parameters\n"
        + "Sequential                   -\n"
        + "  (0): Dense(4 -> 4)         [2, 4]            20\n"
        + "  (1): Residual              -\n"
        + "    (block): Sequential      -\n"
        + "      (0): Dense(4 -> 4)     [2, 4]            20\n"
        + "      (1): Activation(tanh)  [2, 4]\n"
        + "      (2): Dense(5 -> 4)     failed on [2, 4]  24", e.getMessage());
  }

  @Test
  void aSharedLayerIsNamedAtThePlaceWhereItFailed() {
    Dense shared = Dense.of(4, 3, 1L);
    Sequential model = Sequential.of(shared, Activation.tanh(), shared);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.summary(Shape.of(1, 4)));
    assertEquals("summary for input [1, 4]: layer '2' Dense(4 -> 3) failed on its input [1, 3]:"
        + " Dense(4 -> 3): input [1, 3] should be [batch, 4] (or [4], or [..., 4])\n"
        + "the layers up to it:\n"
        + "Layer                    Output shape      Parameters\n"
        + "Sequential               -\n"
        + "  (0): Dense(4 -> 3)     [1, 3]            15\n"
        + "  (1): Activation(tanh)  [1, 3]\n"
        + "  (2): Dense(4 -> 3)     failed on [1, 3]  (shared)", e.getMessage());
  }

  @Test
  void aModelThatIsOneLayerIsNamedAsTheModelWithoutATable() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dense.of(3, 4, 1L).summary(Shape.of(1, 5)));
    assertEquals("summary for input [1, 5]: the model Dense(3 -> 4) failed on its input [1, 5]:"
        + " Dense(3 -> 4): input [1, 5] should be [batch, 3] (or [3], or [..., 3])",
        e.getMessage());
  }

  /** A module whose forward forgets to return. */
  static final class Forgets extends Module {
    @Override
    public Variable forward(Variable x) {
      return null;
    }
  }

  @Test
  void anotherRefusalKeepsItsTypeAndTheNextSummaryIsUntouched() {
    Sequential model = Sequential.of(Dense.of(2, 2, 1L), new Forgets());
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> model.summary(Shape.of(1, 2)));
    assertEquals("summary for input [1, 2]: layer '1' Forgets failed on its input [1, 2]:"
        + " Forgets: forward returned null", e.getMessage().lines().findFirst().orElseThrow());
    assertEquals("Forgets: forward returned null", e.getCause().getMessage());
    // The failed pass left nothing behind on this thread: a later summary is whole.
    Summary next = Sequential.of(Dense.of(2, 3, 1L)).summary(Shape.of(1, 2));
    assertEquals(Shape.of(1, 3), next.rows().get(0).output());
    assertEquals(Shape.of(1, 3), next.rows().get(1).output());
  }

  /** Tries a, falls back on b when a refuses, then fails itself. */
  static final class Fallback extends Module {
    final Dense a = registerModule("a", Dense.of(5, 3, 1L));
    final Dense b = registerModule("b", Dense.of(4, 3, 2L));

    @Override
    public Variable forward(Variable x) {
      Variable y;
      try {
        y = a.call(x);
      } catch (IllegalArgumentException e) {
        y = b.call(x);
      }
      throw new IllegalStateException("Fallback: my own failure after b made " + y.shape());
    }
  }

  @Test
  void aFailureCaughtAndGoneOnFromIsNotBlamedForALaterOne() {
    // a's refusal was caught; the summary blamed a (the last module entered and not left) for
    // Fallback's own failure, and its table stopped before b's row.
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Sequential.of(Dense.of(4, 4, 3L), new Fallback()).summary(Shape.of(1, 4)));
    assertEquals("summary for input [1, 4]: layer '1' Fallback failed on its input [1, 4]:"
        + " Fallback: my own failure after b made [1, 3]\n"
        + "the layers up to it:\n"
        + "Layer                   Output shape      Parameters\n"
        + "Sequential              -\n"
        + "  (0): Dense(4 -> 4)    [1, 4]            20\n"
        + "  (1): Fallback         failed on [1, 4]\n"
        + "    (a): Dense(5 -> 3)  -                 18\n"
        + "    (b): Dense(4 -> 3)  [1, 3]            15", e.getMessage());
  }

  /** A layer that refuses a case it does not implement, as many a custom layer does. */
  static final class Unfinished extends Module {
    @Override
    public Variable forward(Variable x) {
      throw new UnsupportedOperationException("Unfinished: rank " + x.rank() + " not yet");
    }
  }

  @Test
  void anUnsupportedOperationKeepsItsTypeWithTheLocationAndTheCause() {
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> Sequential.of(Dense.of(2, 2, 1L), new Unfinished()).summary(Shape.of(1, 2)));
    assertEquals("summary for input [1, 2]: layer '1' Unfinished failed on its input [1, 2]:"
        + " Unfinished: rank 2 not yet", e.getMessage().lines().findFirst().orElseThrow());
    assertEquals("Unfinished: rank 2 not yet", e.getCause().getMessage());
  }

  /**
   * An input no layer could be run on (zeros of 2^32 elements, more than an array holds) fails
   * before any layer runs: the refusal is the tensor's own, with no layer to blame.
   */
  @Test
  void aFailureBeforeAnyLayerRanIsThrownAsItIs() {
    Shape huge = Shape.of(65536, 65536);
    String own = assertThrows(IllegalArgumentException.class,
        () -> Tensors.zeros(huge, DType.FLOAT64)).getMessage();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sequential.of(Dense.of(65536, 2, 1L)).summary(huge));
    assertEquals(own, e.getMessage());
    assertEquals(null, e.getCause());
  }

  /** A refusal of a kind of the user's own. */
  static final class Refusal extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Refusal() {
      super((String) null);
    }
  }

  @Test
  void aFailureOfItsOwnClassIsThrownItselfWithTheLocationAttached() {
    Module refuses = new Module() {
      @Override
      public Variable forward(Variable x) {
        throw new Refusal();
      }
    };
    Refusal thrown = new Refusal();
    // It was thrown as a plain IllegalArgumentException, which a catch of Refusal misses, and
    // its missing message read "null".
    Refusal e = assertThrows(Refusal.class,
        () -> Sequential.of(Dense.of(2, 2, 1L), refuses).summary(Shape.of(1, 2)));
    assertEquals(1, e.getSuppressed().length);
    assertEquals("summary for input [1, 2]: layer '1' dev.chainrule.nn.SummaryFailureTest$1"
        + " failed on its input [1, 2]: " + thrown,
        e.getSuppressed()[0].getMessage().lines().findFirst().orElseThrow());
  }

  @Test
  void anAnomalyIsStillAnAnomaly() {
    Module logs = new Module() {
      @Override
      public Variable forward(Variable x) {
        return x.log();  // −∞ on the summary's zeros
      }
    };
    try (var anomaly = Autograd.detectAnomaly()) {
      AnomalyException e = assertThrows(AnomalyException.class,
          () -> Sequential.of(Dense.of(2, 2, 1L), logs).summary(Shape.of(1, 2)));
      assertEquals(true, e.getSuppressed()[0].getMessage().startsWith(
          "summary for input [1, 2]: layer '1' dev.chainrule.nn.SummaryFailureTest$2 failed on its"
          + " input [1, 2]: anomaly in the forward pass: 'log' produced an infinity"),
          e.getSuppressed()[0].getMessage());
    }
  }
}

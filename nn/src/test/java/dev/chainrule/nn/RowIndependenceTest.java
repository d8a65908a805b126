package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import org.junit.jupiter.api.Test;

/**
 * {@link Module#evaluatesRowsIndependently}: what lets evaluation run a batch in parts. A wrong
 * true silently changes a model's answers, so only what is known to be row by row says true.
 */
class RowIndependenceTest {
  private static BatchNorm1d batchStatistics() {
    return BatchNorm1d.builder(4).trackRunningStatistics(false).build();
  }

  /** A module of one's own, its forward unknown to the library. */
  private static class Own extends Module {
    @Override
    public Variable forward(Variable input) {
      return input;
    }
  }

  /** A module of one's own that promises its own computation is row by row. */
  private static final class Promising extends Own {
    Promising(Module child) {
      if (child != null) {
        registerModule("child", child);
      }
    }

    @Override
    protected boolean evaluatesRowsAlone() {
      return true;
    }
  }

  @Test
  void theBuiltInLayersOfAnMlpEvaluateRowsIndependently() {
    Sequential mlp = Sequential.of(Dense.of(3, 4, 1L), Activation.relu(), Dropout.of(0.5, 2L),
        LayerNorm.of(4), BatchNorm1d.of(4), Activation.tanh(), Dense.of(4, 3, 3L),
        Activation.softmax());
    assertTrue(mlp.evaluatesRowsIndependently());
    assertTrue(Residual.of(Sequential.of(Dense.of(4, 4, 4L), Activation.gelu()))
        .evaluatesRowsIndependently(), "a residual block of row-by-row layers");
  }

  @Test
  void aBatchNormalizationWithoutRunningStatisticsDoesNotAndNeitherDoesWhatHoldsIt() {
    assertFalse(batchStatistics().evaluatesRowsIndependently(),
        "it normalizes with the batch's statistics in evaluation too");
    assertTrue(BatchNorm2d.of(4).evaluatesRowsIndependently(), "with running statistics");
    assertFalse(Sequential.of(Dense.of(3, 4, 1L), batchStatistics(), Dense.of(4, 2, 2L))
        .evaluatesRowsIndependently());
    assertFalse(Residual.of(Sequential.of(Dense.of(4, 4, 1L), batchStatistics()))
        .evaluatesRowsIndependently(), "nested two deep");
    assertFalse(new Promising(Sequential.of(batchStatistics())).evaluatesRowsIndependently(),
        "a promise covers the module's own computation, not its children's");
    assertTrue(new Promising(Dense.of(3, 4, 1L)).evaluatesRowsIndependently());
  }

  @Test
  void aModuleOfOnesOwnIsNotAssumedToEvaluateRowsIndependently() {
    assertFalse(new Own().evaluatesRowsIndependently(), "its forward may mix rows");
    assertFalse(Sequential.of(Dense.of(3, 4, 1L), new Own()).evaluatesRowsIndependently());
    assertTrue(new Promising(null).evaluatesRowsIndependently(), "unless it overrides");
    assertFalse(Sequential.of(Dense.of(3, 4, 1L), x -> x.sub(x.mean()))
        .evaluatesRowsIndependently(), "a layer of one's own (this one mixes rows)");
    assertFalse(Sequential.of(Activation.of("centred", x -> x.sub(x.mean())))
        .evaluatesRowsIndependently(), "an activation of one's own");
  }

  @Test
  void layersThatReadAxisZeroDoNot() {
    assertFalse(Sequential.of(new Activation.BuiltIn(Activation.Kind.SOFTMAX, 0))
        .evaluatesRowsIndependently(), "a softmax over the batch axis");
    assertTrue(Sequential.of(new Activation.BuiltIn(Activation.Kind.LOG_SOFTMAX, 1))
        .evaluatesRowsIndependently());
    assertFalse(Flatten.of(0, 1).evaluatesRowsIndependently(), "merges the rows");
    assertTrue(Flatten.of().evaluatesRowsIndependently());
    assertFalse(Unflatten.of(0, 2, -1).evaluatesRowsIndependently(), "splits the rows");
    assertTrue(Unflatten.of(1, 1, 2, 2).evaluatesRowsIndependently());
  }

  @Test
  void everyRowByRowBuiltInSaysSoItself() {
    // Each answers for itself; a layer missing its override would send a convolutional
    // network's whole test set through in one call.
    for (Module layer : new Module[] {Dense.of(3, 4, 1L), Conv2d.of(1, 2, 3, 1L),
        MaxPool2d.of(2), AvgPool2d.of(2), Dropout.of(0.5, 1L), Embedding.of(5, 4, 1L),
        LayerNorm.of(4), new Maxout(3, 2, 4, 1L), new RadialBasis(3, 2, 1.0, 1L),
        Residual.of(Dense.of(4, 4, 1L)), Sequential.of(Dense.of(3, 4, 1L)),
        BatchNorm2d.of(4), Flatten.of(), Unflatten.of(1, 2, 2)}) {
      assertTrue(layer.evaluatesRowsIndependently(), layer::toString);
    }
  }

  @Test
  void anObservingHookLeavesRowsIndependent() {
    Dense layer = Dense.of(3, 4, 1L);
    Sequential model = Sequential.of(layer, Activation.relu());
    layer.registerForwardHook(ForwardHook.observer((m, in, out) -> { }));
    assertTrue(model.evaluatesRowsIndependently(), "it only looks, at each part of a batch");
    layer.registerForwardHook((m, in, out) -> out);
    assertFalse(model.evaluatesRowsIndependently(), "beside a hook of one's own");
  }

  @Test
  void anObserverThatChangesTheOutputInPlaceIsRefused() {
    // Else, evaluated in parts for it, a change made from several rows would differ by part.
    Dense layer = Dense.of(3, 4, 1L);
    layer.registerForwardHook(ForwardHook.observer((m, in, out) -> out.value().scaleInPlace(2)));
    layer.eval();
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> layer.call(Variable.constant(dev.chainrule.core.Tensors.ones(2, 3))));
    assertTrue(refused.getMessage().startsWith("Dense(3 -> 4): an observing forward hook"
        + " (ForwardHook.observer) changed the module's output in place"), refused::getMessage);
  }

  @Test
  void aForwardHookIsCodeOfOnesOwnToo() {
    Dense layer = Dense.of(3, 4, 1L);
    Sequential model = Sequential.of(layer, Activation.relu());
    HookHandle hook = layer.registerForwardHook((m, in, out) -> out.sub(out.mean()));
    assertFalse(model.evaluatesRowsIndependently(), "a hook may replace an output by any other");
    hook.remove();
    assertTrue(model.evaluatesRowsIndependently(), "the hook gone");
  }
}

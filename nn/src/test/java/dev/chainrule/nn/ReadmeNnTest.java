package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.reference.DeltaRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's nn snippets, verbatim. */
class ReadmeNnTest {

  /** A custom architecture: plain Java composing modules, with a skip connection. */
  static final class ResidualMlp extends Module {
    private final Dense input;
    private final Dense hidden;
    private final Dense output;

    ResidualMlp(int in, int width, int out, long seed) {
      input = registerModule("input", Dense.of(in, width, seed));
      hidden = registerModule("hidden", Dense.of(width, width, seed + 1));
      output = registerModule("output", Dense.of(width, out, seed + 2));
    }

    @Override
    public Variable forward(Variable x) {
      Variable h = input.forward(x).tanh();
      Variable skip = h.add(hidden.forward(h).relu());  // the skip connection
      return output.forward(skip);
    }
  }

  @Test
  void customArchitecture() {
    ResidualMlp model = new ResidualMlp(4, 16, 3, 42L);
    Variable x = Variable.constant(Tensors.randn(Shape.of(8, 4), 7L));
    Tensor classes = Tensor.vector(0, 1, 2, 1, 0, 2, 2, 1);
    Variable loss = Loss.softmaxCrossEntropy().compute(model.forward(x), classes);
    loss.backward();
    System.out.println(model);  // the tree of modules and its 403 parameters

    assertEquals(403, model.parameterCount(), "(4+1)·16 + (16+1)·16 + (16+1)·3");
    assertEquals(Shape.of(16, 16), model.namedParameters().get("hidden.weight").grad().shape());
    assertTrue(GradCheck.check(in -> Loss.softmaxCrossEntropy().compute(in.get(0), classes),
        List.of(model.forward(x).value())).passed());
  }

  @Test
  void checkTheEngineAgainstTheDeltaRule() {
    Sequential mlp = Sequential.of(Dense.of(4, 8, 1L), Activation.tanh(), Dense.of(8, 3, 2L));
    Tensor x = Tensors.randn(Shape.of(10, 4), 3L);
    Tensor y = Tensor.vector(0, 1, 2, 0, 1, 2, 0, 1, 2, 0);
    Loss.softmaxCrossEntropy().compute(mlp.forward(Variable.constant(x)), y).backward();
    DeltaRule.Result byHand =
        DeltaRule.backprop(DeltaRule.layersOf(mlp), Loss.softmaxCrossEntropy(), x, y);
    Tensor difference = byHand.weightGradients().get(0).sub(mlp.parameters().get(0).grad());
    System.out.println(difference.abs().max());  // about 1e-17: the same sums, a few ulps apart

    assertTrue(difference.abs().max().item() < 1e-15);
  }

  @Test
  void batchNormOptions() {
    BatchNorm2d averaged = BatchNorm2d.builder(16).cumulativeAverage().build();  // momentum=None
    BatchNorm1d batchOnly = BatchNorm1d.builder(64).eps(1e-3).trackRunningStatistics(false).build();
    System.out.println(averaged.stateDict().keySet());  // [weight, bias, running_mean, ...]
    System.out.println(batchOnly.stateDict().keySet());  // [weight, bias]
    System.out.println(batchOnly);  // BatchNorm1d(64, eps 0.001, no running statistics) ...

    assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
        List.copyOf(averaged.stateDict().keySet()));
    assertEquals(List.of("weight", "bias"), List.copyOf(batchOnly.stateDict().keySet()));
    assertTrue(batchOnly.toString().startsWith(
        "BatchNorm1d(64, eps 0.001, no running statistics)"), batchOnly::toString);
    assertTrue(averaged.cumulativeAverage());
  }
}

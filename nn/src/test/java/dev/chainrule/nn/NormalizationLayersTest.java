package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d, BatchNorm2d and LayerNorm against their closed forms: values, running statistics
 * as PyTorch keeps them, and the gradients of L = Σ y·G written out by hand,
 *
 * <pre>  ∂β = Σ G,  ∂γ = Σ G·x̂,  ∂x = γ / √(σ² + ε) · (G − mean(G) − x̂·mean(G·x̂))</pre>
 *
 * with the sums and means over the normalized axes. Tolerance 1e-12 on values of order 1: both
 * sides compute the same sums in a different order.
 */
class NormalizationLayersTest {
  private static final double TOLERANCE = 1e-12;

  private static void assertClose(Tensor expected, Tensor actual, String what) {
    assertEquals(expected.shape(), actual.shape(), what);
    assertTrue(actual.allClose(expected, 0, TOLERANCE), what + ": " + actual + " vs " + expected);
  }

  @Test
  void batchNorm1dInTrainingMatchesItsClosedFormAndUpdatesTheRunningStatistics() {
    BatchNorm1d norm = BatchNorm1d.of(3);
    Tensor gamma = Tensor.vector(0.5, -2, 1.5);
    norm.namedParameters().get("weight").value().assignInPlace(gamma);
    norm.namedParameters().get("bias").value().assignInPlace(Tensor.vector(1, 0, -1));
    Tensor x = Tensors.randn(Shape.of(6, 3), 1L).mul(Tensor.vector(1, 3, 0.2)).add(2);
    Tensor g = Tensors.randn(Shape.of(6, 3), 2L);
    Variable input = Variable.parameter(x);
    Variable y = norm.forward(input);
    y.mul(Variable.constant(g)).sum().backward();

    Tensor mean = x.mean(0, true);
    Tensor scale = x.sub(mean).square().mean(0, true).add(1e-5).sqrt().reciprocal();
    Tensor xHat = x.sub(mean).mul(scale);
    assertClose(xHat.mul(gamma).add(Tensor.vector(1, 0, -1)), y.value(), "y");
    assertClose(g.sum(0, false), norm.namedParameters().get("bias").grad(), "∂β");
    assertClose(g.mul(xHat).sum(0, false), norm.namedParameters().get("weight").grad(), "∂γ");
    Tensor dx = g.sub(g.mean(0, true)).sub(xHat.mul(g.mul(xHat).mean(0, true)))
        .mul(scale).mul(gamma);
    assertClose(dx, input.grad(), "∂x");

    // PyTorch's update: r ← 0.9·r + 0.1·s, the unbiased variance (divided by 6 − 1) for var.
    assertClose(mean.reshape(3).mul(0.1), norm.runningMean(), "running_mean");
    Tensor unbiased = x.sub(mean).square().sum(0, false).div(5);
    assertClose(unbiased.mul(0.1).add(0.9), norm.runningVar(), "running_var");
    assertEquals(1, norm.batchesTracked());
  }

  @Test
  void batchNormInEvaluationUsesTheRunningStatistics() {
    BatchNorm1d norm = BatchNorm1d.of(2);
    norm.loadBuffer("running_mean", Tensor.vector(1, -1));
    norm.loadBuffer("running_var", Tensor.vector(4, 0.25));
    norm.eval();
    Tensor x = Tensor.matrix(new double[][] {{3, 0}, {1, -1}});
    Tensor y = norm.forward(Variable.constant(x)).value();
    assertClose(x.sub(Tensor.vector(1, -1)).div(Tensor.vector(4, 0.25).add(1e-5).sqrt()), y,
        "(x − running_mean) / √(running_var + ε)");
    assertEquals(0, norm.batchesTracked(), "evaluation leaves the statistics alone");
    assertClose(Tensor.vector(1, -1), norm.runningMean(), "running_mean");
  }

  /** A checkpoint stores the count as a 64-bit integer; 2.5 would come back as 2. */
  @Test
  void theBatchCountTakesWholeNumbersOnly() {
    BatchNorm1d norm = BatchNorm1d.of(2);
    norm.loadBuffer("num_batches_tracked", Tensor.scalar(7));
    assertEquals(7, norm.batchesTracked());
    for (double bad : new double[] {2.5, Double.NaN, Double.POSITIVE_INFINITY, -1}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> norm.loadBuffer("num_batches_tracked", Tensor.scalar(bad)));
      assertEquals("BatchNorm1d: counter num_batches_tracked holds a whole number >= 0, got "
          + bad, e.getMessage());
    }
    assertEquals(7, norm.batchesTracked(), "a refused value leaves the count alone");
  }

  @Test
  void batchNorm2dNormalizesEachChannelOverBatchAndPositions() {
    BatchNorm2d norm = BatchNorm2d.of(3);
    Tensor x = Tensors.randn(Shape.of(2, 3, 4, 5), 3L).mul(3).add(1);
    Tensor y = norm.forward(Variable.constant(x)).value();
    int[] axes = {0, 2, 3};
    assertTrue(y.mean(axes, false).abs().max().item() < 1e-12, "each channel's mean is 0");
    // The population variance of a standardized channel is σ² / (σ² + ε): 1 − ε/σ² ≈ 1 − 1e-6.
    assertTrue(y.variance(axes, false).sub(1).abs().max().item() < 1e-5, "and its variance 1");
    assertTrue(GradCheck.check(in -> norm.forward(in.get(0)).mul(Variable.constant(x)),
        List.of(x)).passed(), "the input's gradient in training mode");
    Variable input = Variable.constant(x);
    assertTrue(GradCheck.checkParameters(
        () -> norm.forward(input).square().mul(Variable.constant(x)).sum(),
        norm.parameters()).passed(), "weight and bias");
  }

  /**
   * An empty batch in training, as PyTorch 1.13 takes it: an empty output, the running
   * statistics as they were, the counter one up (it used to be refused).
   */
  @Test
  void batchNormTakesAnEmptyBatchAsPyTorchDoes() {
    BatchNorm2d norm = BatchNorm2d.of(2);
    Variable x = Variable.parameter(Tensors.zeros(2, 2, 0, 3));
    Variable y = norm.forward(x);
    assertEquals(Shape.of(2, 2, 0, 3), y.shape());
    assertEquals(Tensors.zeros(2), norm.buffer("running_mean"));
    assertEquals(Tensors.ones(2), norm.buffer("running_var"));
    assertEquals(1.0, norm.buffer("num_batches_tracked").item());
    y.sum().backward();
    assertEquals(Tensors.zeros(2), norm.parameters().get(0).grad(), "no value, no gradient");
  }

  @Test
  void batchNormRefusesWhatPyTorchRefuses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchNorm2d.of(3).forward(Variable.constant(Tensors.zeros(2, 4, 5, 5))));
    assertEquals("BatchNorm2d(3): input [2, 4, 5, 5] should be [batch, 3, height, width]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BatchNorm1d.of(4).forward(Variable.constant(Tensors.zeros(1, 4))));
    assertEquals("BatchNorm1d(4): a batch of [1, 4] has one value per channel; training needs"
        + " more than one (as in PyTorch)", e.getMessage());
    BatchNorm1d norm = BatchNorm1d.of(4);
    norm.eval();
    assertEquals(Shape.of(1, 4), norm.forward(Variable.constant(Tensors.zeros(1, 4))).shape(),
        "evaluation takes a single sample");
  }

  /**
   * A graph recorded in evaluation mode keeps its own copy of the running mean: training, which
   * updates the buffer in place, must not break its backward pass.
   */
  @Test
  void anEvaluationGraphSurvivesATrainingStepBeforeItsBackward() {
    BatchNorm1d norm = BatchNorm1d.of(2);
    Variable x = Variable.parameter(Tensor.matrix(new double[][] {{1, 2}, {3, 6}}));
    norm.eval();
    Variable y = norm.forward(x).sum();
    norm.train();
    norm.forward(Variable.constant(Tensor.matrix(new double[][] {{0, 1}, {5, 2}})));
    y.backward();
    assertEquals(4, x.grad().size(), "a gradient for every input element");
  }

  /**
   * A state dict holds the module's own tensors, buffers as parameters: one taken before a
   * training step shows the step's running statistics, as PyTorch's does, and never pairs new
   * weights with old statistics.
   */
  @Test
  void aStateDictFollowsTheRunningStatisticsAsItFollowsTheWeights() {
    BatchNorm1d norm = BatchNorm1d.of(2);
    Map<String, Tensor> state = norm.stateDict();
    norm.forward(Variable.constant(Tensor.matrix(new double[][] {{1, 2}, {3, 6}})));
    // The batch means are 2 and 4; the running mean moves a tenth of the way from 0.
    assertEquals(0.2, state.get("running_mean").get(0), 1e-15);
    assertEquals(0.4, state.get("running_mean").get(1), 1e-15);
    assertEquals(1.0, state.get("num_batches_tracked").item());
    assertSame(state.get("running_var"), norm.stateDict().get("running_var"));
  }

  /** Without affine parameters the running statistics set the type: no silent float64 run. */
  @Test
  void aBatchNormWithoutParametersRefusesAnInputOfAnotherType() {
    BatchNorm1d norm = BatchNorm1d.of(3, 1e-5, 0.1, false);
    norm.to(DType.FLOAT32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> norm.forward(Variable.constant(Tensors.randn(Shape.of(4, 3), 1L))));
    assertTrue(e.getMessage().contains("input is float64 and the running statistics float32:"
        + " convert the input (x.to(DType.FLOAT32)) or the model (model.to(DType.FLOAT64));"),
        e.getMessage());
  }

  @Test
  void batchNormKeepsItsStateUnderPyTorchsNames() {
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), BatchNorm1d.of(3));
    assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
        "1.running_var", "1.num_batches_tracked"), List.copyOf(model.stateDict().keySet()));
    assertEquals(List.of("1.num_batches_tracked"), List.copyOf(model.counterNames()));
    assertEquals((2 + 1) * 3 + 2 * 3, model.parameterCount(), "buffers are not parameters");
    model.to(DType.FLOAT32);
    assertEquals(DType.FLOAT32, model.stateDict().get("1.running_var").dtype());
    assertEquals(DType.FLOAT64, model.stateDict().get("1.num_batches_tracked").dtype(),
        "a counter stays a float64 whole number");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.loadBuffer("1.running_mean", Tensors.zeros(4)));
    assertEquals("BatchNorm1d: buffer running_mean is [3], not [4]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> model.loadBuffer("2.running_mean", Tensors.zeros(3)));
    assertEquals("loadBuffer: 2.running_mean: this Sequential has no child '2' (its children:"
        + " 0, 1)", e.getMessage());
  }

  @Test
  void layerNormMatchesItsClosedFormOverTheLastAxis() {
    LayerNorm norm = LayerNorm.of(5);
    Tensor gamma = Tensor.vector(1, 2, -1, 0.5, 3);
    norm.namedParameters().get("weight").value().assignInPlace(gamma);
    Tensor x = Tensors.randn(Shape.of(4, 5), 4L).mul(2).add(-1);
    Tensor g = Tensors.randn(Shape.of(4, 5), 5L);
    Variable input = Variable.parameter(x);
    Variable y = norm.forward(input);
    y.mul(Variable.constant(g)).sum().backward();

    Tensor mean = x.mean(1, true);
    Tensor scale = x.sub(mean).square().mean(1, true).add(1e-5).sqrt().reciprocal();
    Tensor xHat = x.sub(mean).mul(scale);
    assertClose(xHat.mul(gamma), y.value(), "y (bias 0)");
    assertClose(g.sum(0, false), norm.namedParameters().get("bias").grad(), "∂β");
    assertClose(g.mul(xHat).sum(0, false), norm.namedParameters().get("weight").grad(), "∂γ");
    Tensor gg = g.mul(gamma);
    Tensor dx = gg.sub(gg.mean(1, true)).sub(xHat.mul(gg.mul(xHat).mean(1, true))).mul(scale);
    assertClose(dx, input.grad(), "∂x");
    norm.eval();
    assertClose(y.value(), norm.forward(Variable.constant(x)).value(), "the same in evaluation");
  }

  @Test
  void layerNormTakesSeveralTrailingAxesAndNamesAWrongShape() {
    LayerNorm norm = LayerNorm.of(3, 4);
    Tensor x = Tensors.randn(Shape.of(2, 3, 4), 6L);
    Tensor y = norm.forward(Variable.constant(x)).value();
    assertTrue(y.mean(new int[] {1, 2}, false).abs().max().item() < 1e-12);
    assertTrue(GradCheck.check(in -> norm.forward(in.get(0)).mul(Variable.constant(x)),
        List.of(x)).passed());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> norm.forward(Variable.constant(Tensors.zeros(2, 4, 3))));
    assertEquals("LayerNorm([3, 4]): input [2, 4, 3] does not end with [3, 4]", e.getMessage());
  }
}

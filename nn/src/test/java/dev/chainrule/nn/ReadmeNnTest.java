package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.GradientHook;
import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.reference.DeltaRule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    System.out.println(difference.abs().max());  // 2e-17: the same sums, an ulp of the largest

    // Measured 2.1e-17, 0.8 ulp of the largest gradient (0.135) and 24 ulps of the small element
    // it lies on: the same sums in another order. 4 ulps leave room for another product kernel.
    double largest = mlp.parameters().get(0).grad().abs().max().item();
    assertTrue(difference.abs().max().item() <= 4 * Math.ulp(largest),
        difference.abs().max() + " against an ulp of " + largest);
  }

  @Test
  void classWeightsAndLabelSmoothing() {
    Tensor logits = Tensor.matrix(new double[][] {{2, 0.5, -1}, {0.1, 1.2, 0.3}, {-0.5, 0.2, 2}});
    Tensor classes = Tensor.vector(0, 1, 1);
    CrossEntropyOptions options = CrossEntropyOptions.none()
        .withClassWeights(1, 4, 0.5)  // class 1 counts four times as much as class 0
        .withLabelSmoothing(0.1);     // targets 0.9·one-hot + 0.1/3
    Loss loss = Loss.softmaxCrossEntropy(options);
    Variable value = loss.compute(Variable.constant(logits), classes);
    System.out.println(value.item());  // 1.144115157274199, PyTorch's figure

    // PyTorch 1.13's F.cross_entropy(z, y, weight=w, label_smoothing=0.1), and its sum; 1e-15
    // relative: a few ulps of sums of nine terms taken in another order.
    assertEquals(1.144115157274199, value.item(), 1e-15 * 1.2);
    assertEquals(10.29703641546779, ((CrossEntropyLoss) loss).withReduction(Reduction.SUM)
        .compute(Variable.constant(logits), classes).item(), 1e-15 * 11);

    Tensor padded = Tensor.vector(0, 1, -100);  // the third row is padding: no loss, no gradient
    Loss ignoring = Loss.softmaxCrossEntropy(options.withIgnoreIndex(-100));
    Variable twoRows = ignoring.compute(Variable.constant(logits), padded);
    System.out.println(twoRows.item());  // 0.5314806092499923, PyTorch's figure

    // PyTorch 1.13's F.cross_entropy(..., ignore_index=-100) (the first two rows' loss alone)
    // and its sum; 1e-15 relative as above.
    assertEquals(0.5314806092499923, twoRows.item(), 1e-15);
    assertEquals(2.6574030462499616, ((CrossEntropyLoss) ignoring).withReduction(Reduction.SUM)
        .compute(Variable.constant(logits), padded).item(), 1e-15 * 3);
  }

  @Test
  void perSampleLosses() {
    Tensor logits = Tensor.matrix(new double[][] {{2, 0.5, -1}, {0.1, 1.2, 0.3}, {-0.5, 0.2, 2}});
    Tensor classes = Tensor.vector(0, 1, 1);
    Variable z = Variable.parameter(logits);
    Loss perSample = Loss.softmaxCrossEntropy().withReduction(Reduction.NONE);
    Variable losses = perSample.compute(z, classes);  // [3]: one loss per row, differentiable
    System.out.println(losses.value());  // tensor([0.2413, 0.5536, 2.0210]), as PyTorch's 'none'
    Tensor hard = losses.value().gt(1);  // mine the hard examples: 1 where ℓᵢ > 1
    losses.mul(Variable.constant(hard.mul(2).add(1))).mean().backward();  // and weigh them 3×

    // PyTorch 1.13's F.cross_entropy(z, y, reduction='none'); 1e-15: a log-softmax of numbers
    // near 1, a few ulps. The gradient: PyTorch's of the same weighted mean, to its 4 digits.
    assertTrue(losses.value().allClose(Tensor.vector(0.24131129665715703, 0.5535636497457378,
        2.0210484676346683), 1e-15, 0), losses.value()::toString);
    assertEquals(Tensor.vector(0, 0, 1), hard);
    assertTrue(z.grad().allClose(Tensor.matrix(new double[][] {{-0.0715, 0.0584, 0.0130},
        {0.0638, -0.1417, 0.0779}, {0.0658, -0.8675, 0.8017}}), 0, 5e-5), z.grad()::toString);
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

  @Test
  void hooksLookInsideANetwork() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Sequential mlp = Sequential.of(Dense.of(4, 16, 1L), Activation.relu(), Dense.of(16, 16, 2L),
          Activation.relu(), Dense.of(16, 3, 3L));
      Map<String, Double> zeros = new TreeMap<>();
      Map<String, Double> gradientNorms = new TreeMap<>();
      for (String relu : List.of("1", "3")) {  // the ReLUs' share of outputs that are 0
        mlp.children().get(relu).registerForwardHook(ForwardHook.observer((m, in, out) ->
            zeros.put(relu, out.value().le(0).mean().item())));
      }
      mlp.children().forEach((name, layer) -> layer.registerForwardHook(ForwardHook.observer(
          (m, in, out) -> {
            if (out.requiresGrad()) {  // not in passes that record no graph: predict, validation
              out.registerHook(GradientHook.observer(
                  g -> gradientNorms.put(name, Math.sqrt(g.value().square().sum().item()))));
            }
          })));

      Tensor x = Tensors.randn(Shape.of(8, 4), 7L);
      Tensor classes = Tensor.vector(0, 1, 2, 0, 1, 2, 0, 1);
      Loss.softmaxCrossEntropy().compute(mlp.forward(Variable.constant(x)), classes).backward();
      System.out.println(zeros + "\n" + gradientNorms);  // by layer: "0" to "4"

      checkHookStatistics(mlp, x, zeros, gradientNorms, captured.toString(StandardCharsets.UTF_8));
      // The guard: a pass that records no graph (as predict and validation run) goes through.
      try (var noGraph = Autograd.noGrad()) {
        assertEquals(Shape.of(8, 3), mlp.call(Variable.constant(x)).shape());
      }
    } finally {
      System.setOut(original);
    }
  }

  /** The README's statistics, and the same computed by hand on tensors. */
  private static void checkHookStatistics(Sequential mlp, Tensor x, Map<String, Double> zeros,
      Map<String, Double> gradientNorms, String printed) {
    assertEquals(zeros + "\n" + gradientNorms + "\n", printed);
    assertEquals("{1=0.5234375, 3=0.484375}", zeros.toString(), "as the README says");
    Map<String, Tensor> p = new TreeMap<>();
    mlp.namedParameters().forEach((name, v) -> p.put(name, v.value()));
    Tensor h1 = Tensor.linear(x, p.get("0.weight"), p.get("0.bias")).relu();
    Tensor h3 = Tensor.linear(h1, p.get("2.weight"), p.get("2.bias")).relu();
    assertEquals(h1.le(0).mean().item(), zeros.get("1"));
    assertEquals(h3.le(0).mean().item(), zeros.get("3"));
    // ∂(mean cross-entropy)/∂z = (softmax z − one-hot)/n for the logits z, the last output.
    Tensor z = Tensor.linear(h3, p.get("4.weight"), p.get("4.bias"));
    Tensor oneHot = Tensor.matrix(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0},
        {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}});
    double expected = Math.sqrt(z.softmax(1).sub(oneHot).div(8).square().sum().item());
    // Relative 1e-12: the fused loss and this composition round differently, by a few ulps.
    assertEquals(expected, gradientNorms.get("4"), 1e-12 * expected);
    assertEquals(0.29, expected, 0.005, "as the README says");
    assertEquals(0.19, gradientNorms.get("0"), 0.005, "as the README says");
    assertEquals(List.of("0", "1", "2", "3", "4"), List.copyOf(gradientNorms.keySet()));
  }
}

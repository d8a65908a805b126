package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract every smooth activation keeps: it maps any finite input to finite values of the
 * same shape, and its gradients (first and second order) agree with finite differences away from
 * its kinks.
 */
class ActivationContractProperties {
  static final List<Activation> SMOOTH = List.of(Activation.identity(), Activation.linear(-1.5),
      Activation.sigmoid(), Activation.tanh(), Activation.relu(), Activation.leakyRelu(0.1),
      Activation.elu(0.7), Activation.gelu(), Activation.geluTanh(), Activation.softplus(),
      Activation.softmax(), Activation.logSoftmax());

  @Provide
  Arbitrary<Activation> activations() {
    return Arbitraries.of(SMOOTH);
  }

  /** Inputs [rows, cols] whose entries are at least 0.05 away from 0, the kink of relu-likes. */
  @Provide
  Arbitrary<Tensor> inputs() {
    return Arbitraries.integers().between(1, 4).flatMap(rows ->
        Arbitraries.integers().between(1, 4).flatMap(cols ->
            Arbitraries.doubles().between(0.05, 3).ofScale(6).array(double[].class)
                .ofSize(rows * cols).flatMap(magnitudes ->
                    Arbitraries.of(1.0, -1.0).array(double[].class).ofSize(rows * cols)
                        .map(signs -> Tensor.of(magnitudes, rows, cols)
                            .mul(Tensor.of(signs, rows, cols))))));
  }

  @Property(tries = 300)
  void gradientsMatchFiniteDifferences(@ForAll("activations") Activation f,
      @ForAll("inputs") Tensor x) {
    Variable y = f.forward(Variable.constant(x));
    assertEquals(x.shape(), y.shape());
    GradCheckReport first = GradCheck.check(in -> f.forward(in.get(0)), List.of(x));
    assertTrue(first.passed(), () -> f + ": " + first);
    GradCheckReport second = GradCheck.gradGradCheck(in -> f.forward(in.get(0)), List.of(x));
    assertTrue(second.passed(), () -> f + " (second order): " + second);
  }

  @Property(tries = 100)
  void finiteForHugeInputs(@ForAll("activations") Activation f) {
    Variable x = Variable.parameter(Tensor.matrix(new double[][] {{-1e4, 1e4, 0.5}}));
    Variable y = f.forward(x);
    y.sum().backward();
    assertTrue(Double.isFinite(y.value().sum().item()), () -> f + " gives " + y.value());
    assertTrue(Double.isFinite(x.grad().sum().item()), () -> f + " gradient " + x.grad());
  }

  @Property(tries = 50)
  void thresholdHasZeroGradientAndStepsAtK(@ForAll("inputs") Tensor x) {
    Variable input = Variable.parameter(x);
    Variable y = Activation.threshold(0.25).forward(input);
    assertEquals(x.ge(0.25), y.value());
    y.sum().backward();
    assertEquals(Tensors.zeros(x.shape()), input.grad());
    assertEquals(Shape.of(x.shape().dims()), Activation.hardLimit().forward(input).shape());
  }
}

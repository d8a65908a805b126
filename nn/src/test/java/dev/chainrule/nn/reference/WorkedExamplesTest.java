package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbers worked out in the lecture notes, reproduced exactly. */
class WorkedExamplesTest {
  private static final Tensor XOR_INPUTS =
      Tensor.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
  private static final Tensor XOR = Tensor.vector(0, 1, 1, 0);

  /**
   * x = [1, 1], y = 0, W¹ = [[1, 1], [1, 1]], b¹ = 0, W² = [1, 1]ᵀ, b² = 0, ReLU hidden, linear
   * output, loss (y − a²)², learning rate 0.1.
   */
  @Test
  void oneBackpropIteration() {
    Tensor x = Tensor.matrix(new double[][] {{1, 1}});
    Tensor y = Tensor.matrix(new double[][] {{0}});
    Loss loss = Loss.sumOfSquares();

    DeltaRule.Result reference = DeltaRule.backprop(List.of(
        new DeltaRule.Layer(Tensors.ones(2, 2), Tensors.zeros(2), Activation.relu()),
        new DeltaRule.Layer(Tensors.ones(1, 2), Tensors.zeros(1), Activation.identity())),
        loss, x, y);
    assertEquals(Tensor.matrix(new double[][] {{4}}), reference.output(), "a² = 4");
    assertEquals(Tensor.matrix(new double[][] {{8}}), reference.deltas().get(1), "s² = 8");
    assertEquals(Tensor.matrix(new double[][] {{8, 8}}), reference.deltas().get(0), "s¹ = [8, 8]");

    Dense first = Dense.builder(2, 2).init(Init.constant(1)).build();
    Dense second = Dense.builder(2, 1).init(Init.constant(1)).build();
    Sequential model = Sequential.of(first, Activation.relu(), second);
    Variable hidden = first.forward(Variable.constant(x));
    assertEquals(Tensor.matrix(new double[][] {{2, 2}}), hidden.value(), "n¹ = [2, 2]");
    loss.compute(model.forward(Variable.constant(x)), y).backward();
    for (Variable p : model.parameters()) {
      p.value().axpyInPlace(-0.1, p.grad());  // one step of plain gradient descent
    }
    assertClose(Tensor.matrix(new double[][] {{0.2, 0.2}, {0.2, 0.2}}), first.weight().value());
    assertClose(Tensor.vector(-0.8, -0.8), first.bias().value());
    assertClose(Tensor.matrix(new double[][] {{-0.6, -0.6}}), second.weight().value());
    assertClose(Tensor.vector(-0.8), second.bias().value());

    // The reference's gradients give the same step.
    assertClose(Tensors.ones(2, 2).axpyInPlace(-0.1, reference.weightGradients().get(0)),
        first.weight().value());
    assertClose(Tensors.ones(1, 2).axpyInPlace(-0.1, reference.weightGradients().get(1)),
        second.weight().value());
    assertClose(Tensors.zeros(1).axpyInPlace(-0.1, reference.biasGradients().get(1)),
        second.bias().value());
  }

  /** Thresholds at 0 (hard limit): (bias, w₁, w₂) rows for OR, NAND and AND. */
  @Test
  void handSetThresholdNetworkComputesXor() {
    Tensor hiddenWeights = Tensor.matrix(new double[][] {{6, -4}, {4, -4}});  // OR, NAND columns
    Tensor hiddenBias = Tensor.vector(-3, 6);
    Tensor outputWeights = Tensor.matrix(new double[][] {{4}, {4}});          // AND
    Tensor outputBias = Tensor.vector(-6);
    assertEquals(XOR, threshold(threshold(XOR_INPUTS, hiddenWeights, hiddenBias), outputWeights,
        outputBias).reshape(4));
  }

  @Test
  void handSetHardLimitNetworkComputesXor() {
    Tensor hidden = threshold(XOR_INPUTS, Tensor.matrix(new double[][] {{1, -1}, {-1, 1}}),
        Tensor.vector(-0.5, -0.5));
    assertEquals(XOR, threshold(hidden, Tensor.matrix(new double[][] {{1}, {1}}),
        Tensor.vector(-0.5)).reshape(4));
  }

  @Test
  void handSetSigmoidNetworkComputesXor() {
    Variable x = Variable.constant(XOR_INPUTS);
    Variable hidden = Variable.linear(x,
        Variable.constant(Tensor.matrix(new double[][] {{20, 20}, {-20, -20}})),
        Variable.constant(Tensor.vector(-10, 30))).sigmoid();
    Variable out = Variable.linear(hidden, Variable.constant(Tensor.matrix(new double[][] {{20,
        20}})), Variable.constant(Tensor.vector(-30))).sigmoid();
    assertEquals(XOR, out.value().gt(0.5).reshape(4));
  }

  private static Tensor threshold(Tensor x, Tensor w, Tensor b) {
    return Activation.hardLimit().forward(Variable.constant(x.matmul(w).add(b))).value();
  }

  @Test
  void perceptronLearnsAndAndOrButNeverXor() {
    Perceptron.Result and = Perceptron.train(XOR_INPUTS, Tensor.vector(0, 0, 0, 1), 1, 100);
    assertTrue(and.converged() && and.epochs() <= 10, "AND in " + and.epochs() + " epochs");
    assertEquals(Tensor.vector(0, 0, 0, 1), and.predict(XOR_INPUTS));
    Perceptron.Result or = Perceptron.train(XOR_INPUTS, Tensor.vector(0, 1, 1, 1), 1, 100);
    assertTrue(or.converged() && or.epochs() <= 10, "OR in " + or.epochs() + " epochs");
    assertEquals(Tensor.vector(0, 1, 1, 1), or.predict(XOR_INPUTS));

    Perceptron.Result xor = Perceptron.train(XOR_INPUTS, XOR, 1, 1000);
    assertFalse(xor.converged());
    assertTrue(xor.errorsPerEpoch().stream().allMatch(errors -> errors > 0),
        "every one of 1,000 epochs misclassifies something");
    assertFalse(xor.predict(XOR_INPUTS).equals(XOR));
  }

  @Test
  void aTwoTwoOneNetworkLearnsXorByBackprop() {
    Sequential model = Sequential.of(Dense.of(2, 2, 3), Activation.tanh(), Dense.of(2, 1, 4),
        Activation.sigmoid());
    Tensor targets = XOR.reshape(4, 1);
    for (int step = 0; step < 3000; step++) {
      model.zeroGrad();
      Loss.binaryCrossEntropy().compute(model.forward(Variable.constant(XOR_INPUTS)), targets)
          .backward();
      for (Variable p : model.parameters()) {
        p.value().axpyInPlace(-0.5, p.grad());
      }
    }
    assertEquals(targets, model.forward(Variable.constant(XOR_INPUTS)).value().gt(0.5));
  }

  /** One step of float64 arithmetic on numbers like 1 − 0.1·8: within a few ulps. */
  private static void assertClose(Tensor expected, Tensor actual) {
    assertTrue(actual.allClose(expected, 0, 1e-15), () -> actual + " vs " + expected);
  }
}

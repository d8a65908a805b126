package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.copies;
import static dev.chainrule.optim.Fixtures.quadratic;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every optimizer configuration must do. Each configuration is a subclass (the optimizers'
 * tests nest one per configuration) that says how to build it, which buffers it keeps, how far a
 * zero gradient moves a parameter, and how fast it solves the quadratic of {@link Fixtures}.
 */
abstract class OptimizerContract {
  /** Gradients for two parameters over four steps; null where a parameter has none. */
  private static final Tensor[][] GRADIENTS = {
      {Tensor.vector(0.5, 1), Tensor.matrix(new double[][] {{1, -2}, {0.5, 0}})},
      {Tensor.vector(-1, 2), null},
      {Tensor.vector(0.25, -0.75), Tensor.matrix(new double[][] {{-1, 0.5}, {2, 1}})},
      {null, Tensor.matrix(new double[][] {{0.1, 0.2}, {-0.3, 0.4}})},
  };

  /** The configuration under test, over these parameters. */
  abstract Optimizer create(List<Variable> parameters);

  /** The buffer names this configuration keeps per parameter, in order. */
  abstract List<String> bufferNames();

  /**
   * Where one step from a fresh state moves θ when the gradient is zero: nowhere, unless weight
   * decay shrinks it (configurations with decay override this with their closed form).
   */
  Tensor afterZeroGradientStep(Tensor theta) {
    return theta;
  }

  /** Steps allowed and tolerance (largest |θᵢ − θᵢ*|) for the quadratic; see {@link #minimizer}. */
  abstract Convergence convergence();

  /** The minimizer this configuration approaches: A⁻¹b, unless L2 decay moves it. */
  Tensor minimizer() {
    return Fixtures.SOLUTION;
  }

  record Convergence(int steps, double tolerance) {}

  private static List<Variable> twoParameters() {
    return List.of(Variable.parameter(Tensor.vector(1, -2), "p1"),
        Variable.parameter(Tensor.matrix(new double[][] {{0.5, -1.5}, {2, 0.25}}), "p2"));
  }

  /**
   * The iterate comes within the tolerance of the minimizer within the step budget. The loop stops
   * there: with a constant rate RMSprop does not stay, because once the gradients are rounding
   * noise g/√v is of order 1 again and the steps grow back to about η (a limit cycle that a
   * decaying schedule removes).
   */
  @Test
  void solvesAConvexQuadratic() {
    Variable theta = Variable.parameter(Tensor.vector(2, 2), "theta");
    Optimizer optimizer = create(List.of(theta));
    Convergence budget = convergence();
    int steps = 0;
    double error = Double.POSITIVE_INFINITY;
    while (steps < budget.steps() && !(error <= budget.tolerance())) {
      optimizer.zeroGrad();
      quadratic(theta).backward();
      optimizer.step();
      steps++;
      error = theta.value().sub(minimizer()).abs().max().item();
    }
    double reached = error;
    int taken = steps;
    assertTrue(reached <= budget.tolerance(), () -> optimizer + ": after " + taken + " steps θ = "
        + theta.value() + " is " + reached + " from " + minimizer());
  }

  @Test
  void zeroGradientChangesNothingButWeightDecay() {
    Tensor start = Tensor.vector(1.5, -0.5);
    Variable theta = Variable.parameter(start.copy(), "theta");
    Optimizer optimizer = create(List.of(theta));
    Tensor expected = afterZeroGradientStep(start);
    step(optimizer, Tensor.vector(0, 0));
    if (expected.equals(start)) {
      assertEquals(start, theta.value(), "bitwise unchanged");
      step(optimizer, Tensor.vector(0, 0));
      step(optimizer, Tensor.vector(0, 0));
      assertEquals(start, theta.value(), "bitwise unchanged after three steps");
    } else {
      // The closed forms round differently from the update's operations: a few ulps apart.
      assertTrue(theta.value().allClose(expected, 1e-14, 0),
          () -> "decayed to " + theta.value() + ", expected " + expected);
      assertTrue(theta.value().abs().lt(start.abs()).min().item() == 1, "every element shrank");
    }
  }

  @Test
  void gradientsAreReadNotChanged() {
    List<Variable> parameters = twoParameters();
    Optimizer optimizer = create(parameters);
    for (Tensor[] gradients : GRADIENTS) {
      step(optimizer, gradients);
      for (int i = 0; i < 2; i++) {
        Tensor given = gradients[i];
        assertEquals(given, parameters.get(i).grad(), "the gradient of p" + i);
      }
    }
  }

  @Test
  void stateIsPerParameter() {
    List<Variable> together = twoParameters();
    List<Variable> apart = copies(together);
    Optimizer both = create(together);
    Optimizer first = create(apart.subList(0, 1));
    Optimizer second = create(apart.subList(1, 2));
    for (Tensor[] gradients : GRADIENTS) {
      step(both, gradients);
      step(first, gradients[0]);
      step(second, gradients[1]);
    }
    assertEquals(apart.get(0).value(), together.get(0).value(), "p1, bitwise");
    assertEquals(apart.get(1).value(), together.get(1).value(), "p2, bitwise");
    for (String name : keyNames()) {
      assertEquals(first.state().get("0." + name), both.state().get("0." + name), name);
      assertEquals(second.state().get("0." + name), both.state().get("1." + name), name);
    }
    // p1 and p2 each missed one step, so each was updated three times in four steps.
    assertEquals(Tensor.scalar(3), both.state().get("0.step"));
    assertEquals(Tensor.scalar(3), both.state().get("1.step"));
    assertEquals(Tensor.scalar(4), both.state().get("step"));
  }

  @Test
  void stateKeysAreStepLearningRateThenEachParameterInOrder() {
    Optimizer optimizer = create(twoParameters());
    step(optimizer, GRADIENTS[0]);
    List<String> expected = new ArrayList<>(List.of("step", "lr", "initial_lr", "param_count"));
    for (int i = 0; i < 2; i++) {
      for (String name : keyNames()) {
        expected.add(i + "." + name);
      }
    }
    assertEquals(expected, List.copyOf(optimizer.state().keySet()));
    assertEquals(Tensor.scalar(optimizer.learningRate()), optimizer.state().get("lr"));
  }

  @Test
  void restoredStateReproducesTheNextStepsBitwise() {
    List<Variable> original = twoParameters();
    Optimizer saved = create(original);
    for (int s = 0; s < 3; s++) {
      step(saved, GRADIENTS[s]);
    }
    saved.setLearningRate(saved.learningRate() / 2);  // as a schedule would: the rate is state
    // Through a safetensors file's bytes, as a checkpoint would be.
    byte[] file = SafeTensors.toBytes(saved.state(), Map.of(), DType.FLOAT64);
    List<Variable> resumedParameters = copies(original);
    Optimizer resumed = create(resumedParameters);
    resumed.loadState(SafeTensors.fromBytes(file).tensors());
    assertEquals(saved.state(), resumed.state());

    step(saved, GRADIENTS[3]);
    step(resumed, GRADIENTS[3]);
    step(saved, GRADIENTS[0]);
    step(resumed, GRADIENTS[0]);
    for (int i = 0; i < 2; i++) {
      assertEquals(original.get(i).value(), resumedParameters.get(i).value(), "bitwise, p" + i);
    }
    assertEquals(saved.state(), resumed.state());
  }

  @Test
  void parametersWithoutGradientAreSkipped() {
    List<Variable> parameters = twoParameters();
    Tensor p2 = parameters.get(1).value().copy();
    Optimizer optimizer = create(parameters);
    step(optimizer, GRADIENTS[0][0], null);
    step(optimizer, GRADIENTS[1][0], null);
    assertEquals(p2, parameters.get(1).value(), "untouched");
    assertTrue(optimizer.state().keySet().stream().noneMatch(k -> k.startsWith("1.")),
        "no state for p2");

    // p2's first update, two steps late, is the first update of a fresh optimizer.
    Tensor g = GRADIENTS[0][1];
    step(optimizer, GRADIENTS[2][0], g);
    Variable fresh = Variable.parameter(p2.copy(), "p2");
    step(create(List.of(fresh)), g);
    assertEquals(fresh.value(), parameters.get(1).value());
    assertNotEquals(p2, parameters.get(1).value());
  }

  private List<String> keyNames() {
    List<String> names = new ArrayList<>(List.of("step"));
    names.addAll(bufferNames());
    return names;
  }
}

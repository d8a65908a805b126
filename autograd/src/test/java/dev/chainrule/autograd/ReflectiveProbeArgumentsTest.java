package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.LocalizationReport;
import dev.chainrule.autograd.functional.Functional;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a reflective probe of autograd's public methods found (2026-12-03), every public method
 * called with null, empty, negative, huge and NaN arguments in turn: the input generators a
 * user's OpSpec samples with threw the generator's or the array's own exceptions, the functional
 * derivatives and Gradients.of answered an empty list for no inputs, and a NaN threshold made
 * step zeros everywhere.
 */
class ReflectiveProbeArgumentsTest {

  private static void assertRefused(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  private static void assertNamedNull(String message, Executable call) {
    assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
  }

  @Test
  void theInputGeneratorsNameWhatTheyCannotDraw() {
    SplittableRandom random = new SplittableRandom(1);
    // Each was "bound must be greater than origin", a NegativeArraySizeException or
    // "bound must be positive", from the JDK.
    assertRefused("Inputs.shape: need 0 <= minRank <= maxRank, got ranks 3 to 1",
        () -> Inputs.shape(random, 3, 1));
    assertRefused("Inputs.shape: need 0 <= minRank <= maxRank, got ranks -2 to 1",
        () -> Inputs.shape(random, -2, 1));
    assertRefused("Inputs.shape: need 0 <= minRank <= maxRank, got ranks 0 to 2147483647",
        () -> Inputs.shape(random, 0, Integer.MAX_VALUE));
    assertRefused("Inputs.broadcastingShapes: count must not be negative, got -1",
        () -> Inputs.broadcastingShapes(random, -1));
    assertRefused("Inputs.indices: bound must be positive (indices are drawn from [0, bound)),"
        + " got 0", () -> Inputs.indices(random, Shape.of(2), 0));
    assertNamedNull("Inputs.shape: random is null", () -> Inputs.shape(null));
    assertNamedNull("Inputs.values: domain is null",
        () -> Inputs.values(random, Shape.of(2), null));
    assertNamedNull("Inputs.distinct: shape is null", () -> Inputs.distinct(random, null));
    assertNamedNull("Inputs.derived: shape is null", () -> Inputs.derived(random, null));
    assertNamedNull("Inputs.axes: random is null", () -> Inputs.axes(null, Shape.of(2)));
    // What they accept still draws: an empty range of ranks is one rank.
    assertEquals(2, Inputs.shape(random, 2, 2).rank());
    assertEquals(0, Inputs.broadcastingShapes(random, 0).length);
  }

  @Test
  void functionalDerivativesNeedAnInput() {
    // f reads its first input, as most do: this was an IndexOutOfBoundsException from List.get
    // inside the user's function (PyTorch 1.13: IndexError), and a function that read none got
    // an empty list back.
    assertRefused("jacobian: no inputs given: the derivatives are taken by the inputs, so there"
        + " must be at least one", () -> Functional.jacobian(xs -> xs.get(0).square(), List.of()));
    assertRefused("hessian: no inputs given: the derivatives are taken by the inputs, so there"
        + " must be at least one",
        () -> Functional.hessian(xs -> Variable.constant(Tensor.scalar(1)), List.of()));
    assertRefused("vjp: no inputs given: the derivatives are taken by the inputs, so there must"
        + " be at least one", () -> Functional.vjp(xs -> xs.get(0), List.of(), Tensor.scalar(1)));
    assertRefused("jvp: no inputs given: the derivatives are taken by the inputs, so there must"
        + " be at least one", () -> Functional.jvp(xs -> xs.get(0), List.of(), List.of()));
    assertRefused("hvp: no inputs given: the derivatives are taken by the inputs, so there must"
        + " be at least one", () -> Functional.hvp(xs -> xs.get(0), List.of(), List.of()));
  }

  @Test
  void gradientsOfNothingAreRefusedAndLeaveTheGraph() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable y = x.square().sum();
    assertRefused("gradients: no inputs given: list the variables to differentiate by",
        () -> Gradients.of(y));
    assertRefused("gradients: no inputs given: list the variables to differentiate by",
        () -> Gradients.of(y, List.of(), Tensor.scalar(1)));
    // Refused before any pass: the graph is still there for the call that was meant.
    y.backward();
    assertEquals(Tensor.vector(2, 4), x.grad());
  }

  @Test
  void aNanThresholdIsRefusedByStep() {
    Variable x = Variable.parameter(Tensor.vector(-1, 0, 1));
    assertRefused("step: the threshold k must be a number, got NaN", () -> x.step(Double.NaN));
    // Infinite thresholds are well defined: everything is above −∞ and below +∞.
    assertEquals(Tensor.vector(1, 1, 1), x.step(Double.NEGATIVE_INFINITY).value());
    assertEquals(Tensor.vector(0, 0, 0), x.step(Double.POSITIVE_INFINITY).value());
  }

  /** clamp's Javadoc names both refusals: a NaN bound, and bounds in the wrong order. */
  @Test
  void aNanOrReversedClampBoundIsRefusedByClamp() {
    Variable x = Variable.parameter(Tensor.vector(-1, 0, 1));
    assertRefused("clamp: the bounds must be numbers, got [NaN, 1.0]",
        () -> x.clamp(Double.NaN, 1));
    assertRefused("clamp: the bounds must be numbers, got [0.0, NaN]",
        () -> x.clamp(0, Double.NaN));
    assertRefused("clamp: min 2.0 > max 1.0", () -> x.clamp(2, 1));
  }

  @Test
  void compositeReductionsNameThemselvesForARepeatedAxis() {
    Variable x = Variable.parameter(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
    // min is built on max, and mean and variance were built on sum, whose names these messages
    // carried.
    assertRefused("mean: axis 1 repeated in [-1, 1] for shape [2, 3]",
        () -> x.mean(new int[] {-1, 1}, false));
    assertRefused("variance: axis 1 repeated in [1, 1] for shape [2, 3]",
        () -> x.variance(new int[] {1, 1}, false, true));
    assertRefused("min: axis -2 repeated in [0, -2] for shape [2, 3]",
        () -> x.min(new int[] {0, -2}, true));
    // As Tensor's own say it.
    assertRefused("mean: axis 1 repeated in [-1, 1] for shape [2, 3]",
        () -> x.value().mean(new int[] {-1, 1}, false));
  }

  @Test
  void dimensionsGivenToAVariableOpAreRefusedInItsName() {
    Variable x = Variable.parameter(Tensor.vector(1, 2, 3));
    assertRefused("broadcastTo: negative dimension in [2, -3]", () -> x.broadcastTo(2, -3));
    assertRefused("sumTo: negative dimension in [-1]", () -> x.sumTo(-1));
  }

  @Test
  void aFaultCannotBeInjectedIntoABlankOpName() {
    assertRefused("FaultInjection: the op name is blank (\" \"); no op has one, so nothing would"
        + " be injected", () -> FaultInjection.inject(" ", FaultInjection.Mutation.SIGN_ERROR));
    assertRefused("FaultInjection: the op name is blank (\"\"); no op has one, so nothing would"
        + " be injected", () -> FaultInjection.inject("", FaultInjection.Mutation.SIGN_ERROR));
  }

  @Test
  void resultRecordsNameANullList() {
    // Raw NullPointerExceptions from List.copyOf ("because coll is null").
    Tensor one = Tensor.scalar(1);
    assertNamedNull("Vjp: products are null", () -> new Functional.Vjp(one, null));
    assertNamedNull("Hvp: products are null", () -> new Functional.Hvp(one, null));
    assertNamedNull("Node: input shapes are null", () -> new LocalizationReport.Node(0, null, "x",
        null, LocalizationReport.Finding.KINK, 0, new int[] {0}, 0, 0, "", Optional.empty()));
    assertNamedNull("Node: element is null", () -> new LocalizationReport.Node(0, null, "x",
        List.of(), LocalizationReport.Finding.KINK, 0, null, 0, 0, "", Optional.empty()));
  }

  @Test
  void aMutationForANullOpNameIsNamed() {
    assertNamedNull("Mutation.typicalFor: op name is null",
        () -> FaultInjection.Mutation.typicalFor(null));
  }
}

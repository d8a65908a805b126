package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An optimizer of one's own whose buffers are not copies of its parameters ({@link
 * Optimizer#bufferShape}): Adafactor's factored second moment, a row and a column of averages
 * for each weight matrix, m + n numbers where Adam keeps m·n.
 */
class OwnBufferShapesTest {
  private static final Tensor X = Tensors.randn(Shape.of(16, 2), 3L);
  private static final Tensor Y = Tensors.randn(Shape.of(16, 1), 4L);

  /**
   * Adafactor's second moment without its other parts: for an [m, n] weight, R ← βR + (1 − β)
   * mean over columns of g², C likewise over rows, V = R·Cᵀ / mean(R); a vector keeps V whole.
   * θ ← θ − η·g / (√V + ε).
   */
  static class FactoredRms extends Optimizer {
    private static final double BETA = 0.9;
    private static final double EPS = 1e-8;

    FactoredRms(Module model, double learningRate) {
      super(model.parameters(), learningRate);
    }

    @Override
    protected List<String> bufferNames() {
      return List.of("row", "col");
    }

    @Override
    protected Shape bufferShape(String buffer, Shape parameter) {
      if (parameter.rank() != 2) {
        return buffer.equals("row") ? parameter : Shape.of(); // a vector's V, whole; no column
      }
      return Shape.of(parameter.dim(buffer.equals("row") ? 0 : 1));
    }

    @Override
    protected void update(Tensor value, Tensor gradient, ParameterState state) {
      Tensor squared = gradient.square();
      Tensor row = state.buffer("row");
      Tensor v;
      if (value.rank() == 2) {
        Tensor col = state.buffer("col");
        row.assignInPlace(row.mul(BETA).add(squared.mean(1, false).mul(1 - BETA)));
        col.assignInPlace(col.mul(BETA).add(squared.mean(0, false).mul(1 - BETA)));
        v = row.reshape(-1, 1).mul(col.reshape(1, -1)).div(row.mean().item());
      } else {
        v = row.assignInPlace(row.mul(BETA).add(squared.mul(1 - BETA)));
      }
      value.assignInPlace(value.sub(gradient.div(v.sqrt().add(EPS)).mul(learningRate())));
    }
  }

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 8, 1L), Activation.tanh(), Dense.of(8, 1, 2L));
  }

  private static void step(Sequential model, Optimizer optimizer) {
    optimizer.zeroGrad();
    model.forward(Variable.constant(X)).sub(Variable.constant(Y)).square().mean().backward();
    optimizer.step();
  }

  @Test
  void theStateHoldsTheDeclaredShapesAndTheRunLearns() {
    Sequential model = model();
    FactoredRms optimizer = new FactoredRms(model, 0.01);
    double before = model.forward(Variable.constant(X)).sub(Variable.constant(Y)).square()
        .mean().item();
    for (int i = 0; i < 50; i++) {
      step(model, optimizer);
    }
    Map<String, Tensor> state = optimizer.state();
    assertEquals(Shape.of(8), state.get("0.row").shape(), "the first weight is [8, 2]");
    assertEquals(Shape.of(2), state.get("0.col").shape());
    assertEquals(Shape.of(8), state.get("1.row").shape(), "its bias keeps V whole");
    assertEquals(Shape.of(), state.get("1.col").shape());
    double after = model.forward(Variable.constant(X)).sub(Variable.constant(Y)).square()
        .mean().item();
    assertTrue(after < before, before + " -> " + after);
  }

  /** Saved and loaded into a new optimizer, the next steps are the saved one's, bit for bit. */
  @Test
  void aSavedStateResumesBitForBit() {
    Sequential model = model();
    FactoredRms first = new FactoredRms(model, 0.01);
    for (int i = 0; i < 3; i++) {
      step(model, first);
    }
    Map<String, Tensor> saved = first.state();
    Sequential copy = model();
    for (int i = 0; i < model.parameters().size(); i++) {
      copy.parameters().get(i).value().assignInPlace(model.parameters().get(i).value());
    }
    FactoredRms resumed = new FactoredRms(copy, 0.01);
    resumed.loadState(saved);
    step(model, first);
    step(copy, resumed);
    for (int i = 0; i < model.parameters().size(); i++) {
      assertEquals(model.parameters().get(i).value(), copy.parameters().get(i).value());
    }
  }

  @Test
  void aBufferOfAnotherShapeIsRefusedNamingBoth() {
    Sequential model = model();
    FactoredRms optimizer = new FactoredRms(model, 0.01);
    step(model, optimizer);
    Map<String, Tensor> state = new HashMap<>(optimizer.state());
    state.put("0.row", Tensors.zeros(8, 2)); // a full second moment, as Adam's
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FactoredRms(model, 0.01).loadState(state));
    assertEquals("FactoredRms.loadState: \"0.row\" has shape [8, 2], but this optimizer keeps it"
        + " in shape [8] for parameter 0 of shape [8, 2]", e.getMessage());
  }

  @Test
  void aShapeOfNullIsRefusedNamingTheMethod() {
    Sequential model = model();
    Optimizer broken = new FactoredRms(model, 0.01) {
      @Override
      protected Shape bufferShape(String buffer, Shape parameter) {
        return null;
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> step(model, broken));
    assertTrue(e.getMessage().endsWith(".bufferShape(\"row\", [8, 2]) returned null; return the"
        + " buffer's shape (the parameter's, [8, 2], for a buffer of one value per parameter"
        + " element)"), e.getMessage());
  }

  /**
   * A shape that changes (read from a field set later) left the states made before in the old
   * one: state() wrote them, and the optimizer's own loadState refused that state, so a periodic
   * checkpoint written so would not resume, found only when resuming.
   */
  @Test
  void aShapeThatChangesIsRefusedWhenTheStateIsSavedNotWhenItIsLoaded() {
    Sequential model = model();
    boolean[] factored = {true};
    Optimizer changing = new FactoredRms(model, 0.01) {
      @Override
      protected Shape bufferShape(String buffer, Shape parameter) {
        return factored[0] ? super.bufferShape(buffer, parameter) : parameter;
      }
    };
    step(model, changing);
    factored[0] = false;
    IllegalStateException e = assertThrows(IllegalStateException.class, changing::state);
    assertTrue(e.getMessage().endsWith(".state: parameter 0's \"row\" is of shape [8], but"
        + " bufferShape(\"row\", [8, 2]) answers [8, 2] now; it must answer the same for the"
        + " same arguments, or the state would not load back"), e.getMessage());
  }
}

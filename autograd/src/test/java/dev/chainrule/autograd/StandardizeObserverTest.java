package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Moments;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * standardize's observer (a batch normalization's running statistics) hears the forward's
 * moments, once: a second-order pass recomputes the op's output through its recorded rule, and
 * every such run used to report again.
 */
class StandardizeObserverTest {
  @Test
  void theObserverHearsTheForwardsMomentsOnceThroughASecondOrderPass() {
    List<Moments> heard = new ArrayList<>();
    // Columns (1, 3) and (2, 6): means 2 and 4, population variances 1 and 4, all exact.
    Variable x = Variable.parameter(Tensor.matrix(new double[][] {{1, 2}, {3, 6}}));
    Variable y = x.standardize(new int[] {0}, 1e-5, heard::add);
    assertEquals(1, heard.size(), "the forward reported");
    Variable loss = y.mul(y).mul(x).sum();
    Variable gradient = Gradients.of(List.of(loss), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    gradient.sum().backward();
    assertEquals(1, heard.size(), "the recomputations in the two passes did not");
    assertEquals(Tensor.vector(2, 4), heard.get(0).mean().reshape(2));
    assertEquals(Tensor.vector(1, 4), heard.get(0).variance(false).reshape(2));
  }

  @Test
  void aNullObserverIsRefused() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    assertEquals("standardize: the observer is null", assertThrows(NullPointerException.class,
        () -> x.standardize(new int[] {0}, 1e-5, null)).getMessage());
  }
}

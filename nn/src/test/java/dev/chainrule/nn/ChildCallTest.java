package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every built-in module with children runs them through {@link Module#call}, as PyTorch's
 * {@code self.child(x)}: a hook on any module of the tree runs, and the summary shows every
 * module's output. A child's {@code forward} called directly skips both, silently.
 */
class ChildCallTest {
  private static final Tensor X = Tensor.matrix(new double[][] {{1, -2, 0.5}, {0, 3, -1}});

  /** One model per built-in container, each nesting another, so every child is reached. */
  private static List<Module> containers() {
    return List.of(
        Sequential.of(new Maxout(3, 2, 2, 1L), Activation.relu(), Dense.of(2, 1, 2L)),
        Sequential.of(Residual.of(Sequential.of(Dense.of(3, 3, 3L), Activation.tanh())),
            Residual.of(new Maxout(3, 4, 3, 4L), Dense.of(3, 4, 5L))));
  }

  @Test
  void aHookOnEveryModuleOfTheTreeRunsOncePerCall() {
    for (Module model : containers()) {
      Map<String, Integer> calls = new LinkedHashMap<>();
      model.namedModules().forEach((path, module) -> {
        calls.put(path, 0);
        module.registerForwardHook(ForwardHook.observer((m, in, out) ->
            calls.merge(path, 1, Integer::sum)));
      });
      model.call(Variable.constant(X));
      // Maxout's pieces (paths "0.pieces", "1.block") were skipped before: 0 calls.
      calls.forEach((path, n) -> assertEquals(1, n, model + "\n'" + path + "' ran " + n
          + " hooks"));
    }
  }

  @Test
  void theSummaryShowsAnOutputForEveryModule() {
    for (Module model : containers()) {
      Summary summary = model.summary(Shape.of(2, 3));
      for (Summary.Row row : summary.rows()) {
        assertNotNull(row.output(), summary + "\nrow '" + row.name() + "' has no output");
      }
    }
  }

  /** A hook replacing the pieces' output is what the max is taken of. */
  @Test
  void aHookOnMaxoutsPiecesChangesItsOutput() {
    Maxout maxout = new Maxout(3, 2, 2, 1L);
    Tensor plain = maxout.call(Variable.constant(X)).value();
    maxout.children().get("pieces").registerForwardHook((m, in, out) -> out.mul(0).add(7));
    Tensor hooked = maxout.call(Variable.constant(X)).value();
    // Every piece is exactly 7, so every unit's maximum is: exact, no rounding in 0·y + 7.
    assertEquals(Tensors.full(plain.shape(), 7), hooked);
  }
}

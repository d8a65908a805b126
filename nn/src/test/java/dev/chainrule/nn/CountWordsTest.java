package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/** Counts of one read in the singular in the tree text and the summary ("1 buffer elements"). */
class CountWordsTest {
  /** y = a·x with one trainable scalar and one saved scalar. */
  private static final class Scale extends Module {
    private final Variable a = registerParameter("a", Tensor.scalar(2));

    Scale() {
      registerBuffer("calls", Tensor.scalar(0));
    }

    @Override
    public Variable forward(Variable x) {
      return x.mul(a);
    }
  }

  @Test
  void oneIsSingularAndLargeCountsAreGrouped() {
    Scale scale = new Scale();
    assertTrue(scale.toString().endsWith("[1 parameter]\ntotal: 1 parameter; training mode"),
        scale::toString);
    assertTrue(scale.summary(Shape.of(3, 1)).toString()
        .endsWith("total: 1 parameter and 1 buffer element; training mode"),
        () -> scale.summary(Shape.of(3, 1)).toString());
    assertEquals("1,024 parameters", ModuleTreeText.count(1024, "parameter"),
        "grouped in any default locale");
    assertEquals("0 parameters", ModuleTreeText.count(0, "parameter"));
  }
}

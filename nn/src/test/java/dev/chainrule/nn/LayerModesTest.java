package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dropout, Embedding, Residual, and training and evaluation modes through a tree of modules. */
class LayerModesTest {
  @Test
  void dropoutZeroesAboutPAndScalesTheRestInTrainingOnly() {
    Dropout dropout = Dropout.of(0.3, 7L);
    Variable x = Variable.parameter(Tensors.ones(Shape.of(10_000)));
    Tensor y = dropout.forward(x).value();
    double zeros = y.eq(0).sum().item() / 10_000;
    // The zeroed share is binomial, sd √(0.3·0.7 / 10,000) ≈ 0.0046: ±0.02 is over 4 sd.
    assertEquals(0.3, zeros, 0.02);
    assertEquals(0, y.ne(0).mul(y.sub(1 / 0.7)).abs().max().item(), 1e-15,
        "survivors are scaled by 1 / (1 − p)");
    assertEquals(y, Dropout.of(0.3, 7L).forward(x).value(), "the seed fixes the masks");
    dropout.forward(x).sum().backward();
    assertTrue(x.grad().eq(0).sum().item() > 2000, "the gradient is masked as the values are");

    dropout.eval();
    assertSame(x, dropout.forward(x), "the identity in evaluation mode");
    assertEquals("Dropout: p must lie in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> Dropout.of(1.5, 1L)).getMessage());
    assertEquals(0, Dropout.of(1, 1L).forward(x).value().abs().max().item(),
        "p = 1 drops everything, as in PyTorch");
  }

  /** A module that keeps its batch normalization frozen by overriding train(), as in PyTorch. */
  static final class FrozenNormalization extends Module {
    final BatchNorm1d norm = registerModule("norm", BatchNorm1d.of(3));

    @Override
    public Module train() {
      super.train();
      norm.eval();
      return this;
    }

    @Override
    public Variable forward(Variable x) {
      return norm.forward(x);
    }
  }

  /**
   * A parent's train() reaches its children through their own train(), as PyTorch's does: it
   * set their modes directly, and an override that keeps a part frozen was skipped, so the
   * frozen statistics moved at the next forward pass.
   */
  @Test
  void aParentsModeGoesThroughEachChildsOwnTrainAndEval() {
    FrozenNormalization backbone = new FrozenNormalization();
    Sequential model = Sequential.of(backbone);
    model.eval();
    model.train();
    assertTrue(backbone.isTraining());
    assertFalse(backbone.norm.isTraining(), "the override kept it frozen");
    Tensor before = backbone.norm.namedBuffers().get("running_mean").copy();
    model.forward(Variable.constant(Tensors.randn(Shape.of(4, 3), 1L)));
    assertEquals(before, backbone.norm.namedBuffers().get("running_mean"));
  }

  @Test
  void embeddingLooksUpRowsAndScattersTheGradientBack() {
    Tensor table = Tensors.randn(Shape.of(5, 3), 1L);
    Embedding embedding = Embedding.of(table);
    Tensor indices = Tensor.matrix(new double[][] {{0, 4}, {4, 2}});
    Variable y = embedding.forward(Variable.constant(indices));
    assertEquals(Shape.of(2, 2, 3), y.shape());
    assertEquals(table.slice(0, 4, 5).reshape(3), y.value().slice(0, 0, 1).slice(1, 1, 2)
        .reshape(3));
    Tensor g = Tensors.randn(Shape.of(2, 2, 3), 2L);
    y.mul(Variable.constant(g)).sum().backward();
    Tensor grad = embedding.weight().grad();
    Tensor expected = Tensors.zeros(5, 3).indexAdd(0, indices.reshape(-1), g.reshape(4, 3));
    assertEquals(expected, grad);
    assertEquals(0, grad.slice(0, 1, 2).abs().max().item(), "row 1 was not looked up");
    assertTrue(grad.slice(0, 4, 5).allClose(g.slice(0, 0, 1).slice(1, 1, 2).reshape(1, 3)
        .add(g.slice(0, 1, 2).slice(1, 0, 1).reshape(1, 3)), 0, 0),  // 0 + a + b = a + b exactly
        "a repeated index receives the sum of its rows' gradients");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> embedding.forward(Variable.constant(Tensor.vector(1, 5))));
    assertEquals("Embedding(5, 3): indices must lie in [0, 5), got values from 1.0 to 5.0",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> embedding.forward(Variable.constant(Tensor.vector(1.5))));
    assertEquals("Embedding(5, 3): indices must be whole numbers, got 1.5 at [0]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> embedding.forward(
        Variable.constant(Tensor.matrix(new double[][] {{1, 2}, {3.5, 0}}))));
    assertEquals("Embedding(5, 3): indices must be whole numbers, got 3.5 at [1, 0]",
        e.getMessage());
    // An index out of range is named before one that is not whole, wherever each lies.
    e = assertThrows(IllegalArgumentException.class,
        () -> embedding.forward(Variable.constant(Tensor.vector(0.5, -1))));
    assertEquals("Embedding(5, 3): indices must lie in [0, 5), got values from -1.0 to 0.5",
        e.getMessage());
    // A NaN is named as such, not as a range "from NaN to NaN", beside valid or invalid ones.
    for (Tensor withNan :
        new Tensor[] {Tensor.vector(2, Double.NaN), Tensor.vector(7, Double.NaN)}) {
      e = assertThrows(IllegalArgumentException.class,
          () -> embedding.forward(Variable.constant(withNan)));
      assertEquals("Embedding(5, 3): indices must be whole numbers, got NaN at [1]",
          e.getMessage());
    }
  }

  @Test
  void residualAddsTheBlocksInputOrItsProjection() {
    Dense block = Dense.of(3, 3, 1L);
    Residual residual = Residual.of(block);
    Tensor x = Tensors.randn(Shape.of(4, 3), 2L);
    assertEquals(block.forward(Variable.constant(x)).value().add(x),
        residual.forward(Variable.constant(x)).value());
    assertEquals(List.of("block.weight", "block.bias"),
        List.copyOf(residual.namedParameters().keySet()));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Residual.of(Dense.of(3, 4, 1L)).forward(Variable.constant(x)));
    assertEquals("Residual: the block turns [4, 3] into [4, 4], which cannot be added to [4, 3];"
        + " give a shortcut that maps the input to the block's shape", e.getMessage());
    Residual projected = Residual.of(Dense.of(3, 4, 1L), Dense.of(3, 4, 2L));
    assertEquals(Shape.of(4, 4), projected.forward(Variable.constant(x)).shape());
    assertTrue(projected.namedParameters().containsKey("shortcut.weight"));
  }

  @Test
  void modesReachEveryChildAndShowInTheTree() {
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), Dropout.of(0.5, 1L),
        Residual.of(Sequential.of(Dense.of(3, 3, 2L), BatchNorm1d.of(3))));
    assertTrue(model.isTraining());
    model.eval();
    Residual residual = (Residual) model.layers().get(2);
    Module inner = residual.children().get("block");
    assertFalse(inner.children().get("1").isTraining(), "eval reaches the grandchildren");
    assertTrue(model.toString().endsWith("; evaluation mode"), model.toString());
    inner.train();
    assertTrue(model.toString().contains("(block): Sequential  (training mode) ("),
        model.toString());
    model.train();
    assertTrue(inner.children().get("1").isTraining());
    assertFalse(model.toString().contains("(training mode)"), "no marks when all agree");
  }
}

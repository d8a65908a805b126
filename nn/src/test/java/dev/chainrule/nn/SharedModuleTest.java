package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One module registered at several places: listed once, by its first path, as in PyTorch. */
class SharedModuleTest {

  @Test
  void aLayerUsedTwiceIsListedAndCountedOnceUnderItsFirstName() {
    Dense d = Dense.of(3, 3, 1);
    Sequential model = Sequential.of(d, Activation.tanh(), d);
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(model.namedParameters().keySet()));
    assertEquals(d.parameters(), model.parameters());
    assertEquals(12, model.parameterCount(), "(3+1)·3 once, not twice");
    assertEquals("0.weight", d.parameters().get(0).name(),
        "registering it again does not rename it to 2.weight");
    assertTrue(model.toString().endsWith("total: 12 parameters; training mode"), model::toString);
  }

  @Test
  void namedModulesWalksTheTreeOnceAsPyTorchDoes() {
    // PyTorch: Sequential(Sequential(Linear, Tanh), Dropout, <the same Linear>).named_modules()
    // gives '', '0', '0.0', '0.1', '1': the Linear's second place is not listed again.
    Dense d = Dense.of(3, 3, 1);
    Sequential inner = Sequential.of(d, Activation.tanh());
    Dropout dropout = Dropout.of(0.5, 2L);
    Sequential model = Sequential.of(inner, dropout, d);
    Map<String, Module> modules = model.namedModules();
    assertEquals(List.of("", "0", "0.0", "0.1", "1"), List.copyOf(modules.keySet()));
    assertSame(model, modules.get(""));
    assertSame(inner, modules.get("0"));
    assertSame(d, modules.get("0.0"));
    assertSame(dropout, modules.get("1"));
    assertThrows(UnsupportedOperationException.class, () -> modules.remove("1"));
    assertEquals(List.of(""), List.copyOf(d.namedModules().keySet()), "a leaf module is itself");
  }

  @Test
  void everyPathIsKeptWhereAskedForAndInTheStateDict() {
    Dense d = Dense.of(3, 3, 1);
    Sequential model = Sequential.of(d, Activation.tanh(), d);
    List<String> all = List.of("0.weight", "0.bias", "2.weight", "2.bias");
    assertEquals(all, List.copyOf(model.namedParameters(false).keySet()));
    assertSame(model.namedParameters(false).get("0.weight"),
        model.namedParameters(false).get("2.weight"));
    // PyTorch's state_dict keeps both names of a tied weight; checkpoints rely on it.
    assertEquals(all, List.copyOf(model.stateDict().keySet()));
    assertSame(model.stateDict().get("0.weight"), model.stateDict().get("2.weight"));
  }

  @Test
  void nestingKeepsTheFirstPathThroughEveryLevel() {
    Dense shared = Dense.of(2, 2, 3);
    Dense own = Dense.of(2, 2, 4);
    Sequential inner = Sequential.of(shared, own);
    Sequential outer = Sequential.of(shared, inner, Dense.of(2, 1, 5));
    assertEquals(List.of("0.weight", "0.bias", "1.1.weight", "1.1.bias", "2.weight", "2.bias"),
        List.copyOf(outer.namedParameters().keySet()));
    assertEquals(List.of("0.weight", "0.bias", "1.1.weight", "1.1.bias"),
        outer.parameters().subList(0, 4).stream().map(Variable::name).toList(),
        "the variables carry the names the listing gives them");
    assertEquals(6 + 6 + 3, outer.parameterCount());
  }

  @Test
  void aSharedNormalizationLayersBuffersAreListedOnceButSavedUnderEveryPath() {
    BatchNorm1d norm = BatchNorm1d.of(2);
    Sequential model = Sequential.of(norm, Dense.of(2, 2, 1), norm);
    assertEquals(List.of("0.running_mean", "0.running_var", "0.num_batches_tracked"),
        List.copyOf(model.namedBuffers().keySet()));
    assertEquals(List.of("0.num_batches_tracked", "2.num_batches_tracked"),
        List.copyOf(model.counterNames()), "every saved counter is stored as an integer");
    assertEquals(2 * 2 + 6, model.parameterCount(), "γ and β once, and the Dense layer");
  }

  /** An output projection tied to an embedding's table, as out.weight = emb.weight in PyTorch. */
  static final class TiedLanguageModel extends Module {
    final Embedding embedding = registerModule("emb", Embedding.of(4, 3, 1L));
    final Dense output = registerModule("out", Dense.sharing(embedding.weight(), null));

    @Override
    public Variable forward(Variable indices) {
      return output.forward(embedding.forward(indices).tanh());
    }
  }

  /**
   * One parameter, stepped once: a tensor given to both layers made two (PyTorch: one, 12
   * values), and Adam applied two updates to the same table per step.
   */
  @Test
  void aTiedWeightIsOneParameterWithBothUsesGradients() {
    TiedLanguageModel model = new TiedLanguageModel();
    assertEquals(List.of("emb.weight"), List.copyOf(model.namedParameters().keySet()));
    assertEquals(12, model.parameterCount());
    assertEquals(List.of("emb.weight", "out.weight"), List.copyOf(model.stateDict().keySet()),
        "every path, as a state_dict");
    Variable loss = model.forward(Variable.constant(dev.chainrule.core.Tensor.vector(0, 2)))
        .square().sum();
    loss.backward();
    Variable table = model.embedding.weight();
    assertSame(table, model.output.weight());
    assertTrue(table.grad().abs().sum().item() > 0);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Dense.sharing(table.mul(2), null),
            "a computed value is no parameter to share")
        .getMessage().startsWith("parameter weight: a value computed by mul (shape [4, 3]) is not a"
        + " parameter (a leaf made by Variable.parameter, frozen or not): a module"
        + " holds the parameter itself, "));
    // Named by its first path, as the listing names it: registering the sharing layer renamed it.
    Dense first = Dense.of(2, 2, 1L);
    Sequential tied = Sequential.of(first, Dense.sharing(first.weight(), null));
    assertEquals("0.weight", first.weight().name());
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(tied.namedParameters().keySet()));
  }

  /**
   * A weight shared with an embedding converted on its own left the Dense layer with a float32
   * weight and a float64 bias, computing in float64 without a word; its forward now says so.
   */
  @Test
  void aSharedWeightConvertedWithoutItsLayerIsRefusedAtTheForward() {
    Embedding embedding = Embedding.of(5, 3, 1L);
    Dense output = Dense.sharing(embedding.weight(), dev.chainrule.core.Tensor.vector(1, 2, 3, 4,
        5));
    embedding.to(dev.chainrule.core.DType.FLOAT32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> output.forward(Variable.constant(dev.chainrule.core.Tensors.ones(2, 3)
            .to(dev.chainrule.core.DType.FLOAT32))));
    assertTrue(e.getMessage().endsWith("its weight is float32 and its bias float64 (a weight"
        + " shared with a module that was converted alone?): convert the whole model with"
        + " to(DType)"), e.getMessage());
  }

  @Test
  void theSummaryShowsEachPlaceTheOutputMadeThereAndTheParametersOnce() {
    Conv2d conv = Conv2d.of(2, 2, 3, 1L);
    Sequential model = Sequential.of(conv, Activation.relu(), conv, Flatten.of());
    Summary summary = model.summary(Shape.of(1, 2, 8, 8));
    // Each 3×3 convolution without padding takes two from each side: 8 → 6 → 4.
    assertEquals(List.of(Shape.of(1, 32), Shape.of(1, 2, 6, 6), Shape.of(1, 2, 6, 6),
        Shape.of(1, 2, 4, 4), Shape.of(1, 32)),
        summary.rows().stream().map(Summary.Row::output).toList());
    assertEquals(List.of(false, false, false, true, false),
        summary.rows().stream().map(Summary.Row::shared).toList());
    assertTrue(summary.toString().contains("(2): Conv2d(2 -> 2, kernel 3)  [1, 2, 4, 4]  (shared)"),
        summary::toString);
    assertEquals(38, summary.parameters(), "2·2·3·3 weights and 2 biases, once");
  }

  /** A module calling one child twice: the child's row lists both shapes it made. */
  @Test
  void aChildCalledTwiceFromOnePlaceListsBothOutputs() {
    Module twice = new Module() {
      private final Conv2d conv = registerModule("conv", Conv2d.of(2, 2, 3, 1L));

      @Override
      public Variable forward(Variable x) {
        return conv.call(conv.call(x));
      }
    };
    Summary.Row row = twice.summary(Shape.of(1, 2, 8, 8)).rows().get(1);
    assertEquals(List.of(Shape.of(1, 2, 6, 6), Shape.of(1, 2, 4, 4)), row.outputs());
    assertEquals(null, row.output(), "no single shape");
  }
}

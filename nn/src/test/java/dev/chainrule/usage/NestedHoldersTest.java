package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A layer with state held one step further in than a field or a list (inside a record, an
 * {@code Optional}, a list of lists, a lambda that captured it) is refused by {@link
 * Module#checkRegistered()} as one in a field is, named by its place. The check read one level of
 * collection only, so such a layer passed: a {@code BatchNorm1d} without affine parameters in a
 * record trained, was saved without its running statistics (a fresh model then loaded the file
 * as an exact match and answered differently), and a {@code Dropout} so held went on dropping
 * after {@code eval()}.
 */
class NestedHoldersTest {
  private static final String ADVICE = "a module or parameter held only in a field is not"
      + " trained, saved or converted and train()/eval() does not reach it: register it in the"
      + " constructor (this.layer = registerModule(\"layer\", ...), registerParameter for a"
      + " parameter), or mark the field transient to leave it out on purpose";

  /** A model's parts grouped in a record: the normalization's statistics are in no state. */
  record Parts(BatchNorm1d norm, int width) {}

  static final class InRecord extends Module {
    final Dense in = registerModule("in", Dense.of(2, 4, 1L));
    final Parts parts = new Parts(BatchNorm1d.builder(4).affine(false).build(), 4);

    @Override
    public Variable forward(Variable x) {
      return parts.norm().forward(in.forward(x));
    }
  }

  @Test
  void aLayerInARecordIsRefusedByItsComponent() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        new InRecord()::checkRegistered);
    assertEquals("checkRegistered: InRecord.parts.norm holds a BatchNorm1d that the model does"
        + " not register; " + ADVICE, e.getMessage());
  }

  static final class InOptional extends Module {
    final Optional<Dropout> dropout = Optional.of(Dropout.of(0.5, 1L));
    final Optional<Dense> none = Optional.empty();

    @Override
    public Variable forward(Variable x) {
      return dropout.map(d -> d.forward(x)).orElse(x);
    }
  }

  @Test
  void aDropoutInAnOptionalIsRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        new InOptional()::checkRegistered);
    assertEquals("checkRegistered: InOptional.dropout (in an Optional) holds a Dropout that the"
        + " model does not register; " + ADVICE, e.getMessage());
  }

  /** Stages of blocks in a list of lists and a map of lists; one of each registered. */
  static final class Nested extends Module {
    final Dense kept = registerModule("kept", Dense.of(2, 2, 1L));
    final List<List<Dense>> stages = List.of(List.of(kept), List.of(Dense.of(2, 2, 2L)));
    final Map<String, List<Module>> byName = Map.of("head", List.of(kept, Dropout.of(0.1, 3L)));
    final Dense[][] grid = {{kept, Dense.of(2, 2, 4L)}};

    @Override
    public Variable forward(Variable x) {
      return stages.get(1).get(0).forward(x);
    }
  }

  @Test
  void layersInListsOfListsAndMapsOfListsAreRefusedByIndexAndKey() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        new Nested()::checkRegistered);
    assertEquals("checkRegistered: Nested.stages[1][0] holds a Dense that the model does not"
        + " register; Nested.byName[head][1] holds a Dropout that the model does not register;"
        + " Nested.grid[0][1] holds a Dense that the model does not register; " + ADVICE,
        e.getMessage());
  }

  /** Layers reached only through what a lambda, a method reference and an anonymous class keep. */
  static final class Captured extends Module {
    final UnaryOperator<Variable> norm;
    final Function<Variable, Variable> twice;
    final Function<Variable, Variable> old;

    Captured() {
      Dropout dropout = Dropout.of(0.5, 1L);
      Dense dense = Dense.of(2, 2, 2L);
      norm = dropout::forward;
      twice = x -> dense.forward(dense.forward(x));
      Variable gain = Variable.parameter(Tensors.ones(2));
      old = new Function<>() {
        @Override
        public Variable apply(Variable x) {
          return x.mul(gain);
        }
      };
    }

    @Override
    public Variable forward(Variable x) {
      return old.apply(twice.apply(norm.apply(x)));
    }
  }

  @Test
  void whatALambdaOrAnAnonymousClassCapturedIsRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        new Captured()::checkRegistered);
    assertEquals("checkRegistered: Captured.norm (captured by a lambda) holds a Dropout that the"
        + " model does not register; Captured.twice (captured by a lambda) holds a Dense that the"
        + " model does not register; Captured.old (captured variable gain of <anonymous Function"
        + " in Captured's constructor>) holds a parameter [2] that the model does not register; "
        + ADVICE, e.getMessage());
  }

  /** A record in an Optional in a list, captured by a lambda: each step named. */
  @Test
  void placesCompose() {
    Module model = new Module() {
      final List<Optional<Parts>> options = List.of(Optional.empty(),
          Optional.of(new Parts(BatchNorm1d.of(3), 3)));
      final transient Dense left = Dense.of(3, 3, 1L);
      final UnaryOperator<Variable> fn = x -> options.get(1).orElseThrow().norm().forward(x);

      @Override
      public Variable forward(Variable x) {
        return fn.apply(x);
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, model::checkRegistered);
    String type = model.getClass().getName();
    assertTrue(e.getMessage().startsWith("checkRegistered: " + type + ".options[1].norm (in an"
        + " Optional) holds a BatchNorm1d that the model does not register; "), e.getMessage());
    // The lambda captured the module itself ("this"), registered: nothing more to say of it.
    assertEquals(1, e.getMessage().split(" holds ").length - 1, e.getMessage());
  }

  /** Holders of nothing with state, and of registered layers, as models often keep them. */
  record Geometry(Shape shape, int channels, List<Integer> sizes) {}

  static final class Legitimate extends Module {
    final Dense first = registerModule("first", Dense.of(2, 2, 1L));
    final Dense second = registerModule("second", Dense.of(2, 2, 2L));
    final Geometry geometry = new Geometry(Shape.of(2, 3), 3, List.of(1, 2, 3));
    final List<List<Dense>> stages = List.of(List.of(first), List.of(second));
    final Optional<Dense> head = Optional.of(second);
    final UnaryOperator<Variable> firstThenSecond = x -> second.forward(first.forward(x));
    final UnaryOperator<Variable> viaMethod = first::forward;
    final UnaryOperator<Variable> stateless = Variable::tanh;
    final UnaryOperator<Variable> self = this::forward;
    final List<Object> loop = new ArrayList<>();
    /** Left out on purpose, holders and all. */
    final transient Parts frozen = new Parts(BatchNorm1d.of(2), 2);

    Legitimate() {
      loop.add(loop);
      loop.add(geometry);
    }

    @Override
    public Variable forward(Variable x) {
      return firstThenSecond.apply(x);
    }
  }

  @Test
  void recordsOfValuesLambdasOfRegisteredLayersAndCyclesPass() {
    assertDoesNotThrow(new Legitimate()::checkRegistered);
  }

  /** HeldValues' bounds: holders opened deep, values read in one field. */
  private static final int DEPTH = 16;
  private static final int VALUES = 100_000;

  /**
   * The walk ends: {@value #DEPTH} holders deep it opens no further, so a layer deeper still (no
   * model nests so) is not seen, and a layer at that depth is.
   */
  @Test
  void theWalkIsBoundedInDepth() {
    assertTrue(
        assertThrows(IllegalStateException.class, () -> holding(nestedIn(DEPTH)).checkRegistered())
            .getMessage().contains("holds a Dropout that the model does not register"));
    assertDoesNotThrow(() -> holding(nestedIn(DEPTH + 1)).checkRegistered());
  }

  /**
   * The walk reads at most {@value #VALUES} values of a field, so that a field of many numbers
   * costs little whenever an optimizer or a checkpoint is made: a layer among the first is seen,
   * one after a million numbers is not.
   */
  @Test
  void theWalkIsBoundedInSize() {
    List<Object> early = new ArrayList<>(List.of(1, 2, Dropout.of(0.5, 1L)));
    List<Object> late = new ArrayList<>();
    for (int i = 0; i < 10 * VALUES; i++) {
      early.add(i);
      late.add(i);
    }
    late.add(Dropout.of(0.5, 1L));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> holding(early).checkRegistered());
    assertTrue(e.getMessage().contains(".held[2] holds a Dropout"), e.getMessage());
    assertDoesNotThrow(() -> holding(late).checkRegistered());
  }

  private static Object nestedIn(int lists) {
    Object held = Dropout.of(0.5, 1L);
    for (int i = 0; i < lists; i++) {
      held = List.of(held);
    }
    return held;
  }

  /** A module that holds {@code value} in a field. */
  private static Module holding(Object value) {
    return new Module() {
      final Object held = value;

      @Override
      public Variable forward(Variable x) {
        return x;
      }
    };
  }
}

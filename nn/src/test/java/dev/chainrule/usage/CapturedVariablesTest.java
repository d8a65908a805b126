package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A module written as an anonymous or local class uses the layers it captures from the enclosing
 * method as a named class uses its fields: one it does not register is refused by {@link
 * Module#checkRegistered()}, named as the source spells it. The compiler keeps a captured
 * variable in a synthetic field, and the check once skipped every synthetic field (meant for the
 * reference to the outer instance), so such a layer passed, never trained and was left out of
 * checkpoints without a word.
 */
class CapturedVariablesTest {
  private static final String ADVICE = "a module or parameter held only in a field or a captured"
      + " variable is not trained, saved or converted and train()/eval() does not reach it:"
      + " register a captured"
      + " variable in an instance initializer ({ registerModule(\"layer\", layer); },"
      + " registerParameter for a parameter), or write the module as a named class with a"
      + " transient field to leave it out on purpose";

  @Test
  void aLayerAnAnonymousModuleCapturesWithoutRegisteringIsRefusedByName() {
    Dense d1 = Dense.of(3, 4, 1L);
    Dense d2 = Dense.of(4, 1, 2L);
    Module model = new Module() {
      {
        registerModule("d1", d1);
      }

      @Override
      public Variable forward(Variable x) {
        return d2.forward(d1.forward(x).tanh());
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, model::checkRegistered);
    assertEquals("checkRegistered: captured variable d2 of <anonymous Module in"
        + " CapturedVariablesTest.aLayerAnAnonymousModuleCapturesWithoutRegisteringIsRefusedByName>"
        + " holds a Dense that the model does not register; " + ADVICE, e.getMessage());
  }

  @Test
  void capturedLayersThatAreRegisteredPass() {
    Dense d1 = Dense.of(3, 4, 1L);
    Dense d2 = Dense.of(4, 1, 2L);
    Module model = new Module() {
      {
        registerModule("d1", d1);
        registerModule("d2", d2);
      }

      @Override
      public Variable forward(Variable x) {
        return d2.forward(d1.forward(x).tanh());
      }
    };
    assertDoesNotThrow(model::checkRegistered);
    assertEquals(3 * 4 + 4 + 4 + 1, model.parameterCount(), "both layers are the model's");
  }

  @Test
  void aLocalClassInALambdaIsNamedWithItsMethodAndItsPathAndEachListElement() {
    Dense kept = Dense.of(2, 2, 1L);
    List<Dense> blocks = List.of(kept, Dense.of(2, 2, 2L));
    Variable gain = Variable.parameter(Tensors.ones(2));
    Supplier<Module> make = () -> {
      class Blocks extends Module {
        Blocks() {
          registerModule("kept", kept);
        }

        @Override
        public Variable forward(Variable x) {
          return blocks.get(1).forward(blocks.get(0).forward(x)).mul(gain);
        }
      }
      return new Blocks();
    };
    Sequential model = Sequential.of(Dense.of(2, 2, 3L), make.get());
    IllegalStateException e = assertThrows(IllegalStateException.class, model::checkRegistered);
    // A lambda's body is the method's as the source reads: javac names the method it is in.
    String owner = "of '1' <local class Blocks in CapturedVariablesTest"
        + ".aLocalClassInALambdaIsNamedWithItsMethodAndItsPathAndEachListElement>";
    assertEquals("checkRegistered: captured variable blocks[1] " + owner + " holds a Dense that"
        + " the model does not register; captured variable gain " + owner + " holds a parameter"
        + " [2] that the model does not register; " + ADVICE, e.getMessage());
  }

  /** A model whose head is an anonymous module that reads the model's own body through it. */
  static final class WithInnerHead extends Module {
    final Dense body = registerModule("body", Dense.of(2, 2, 4L));

    /** A head that reaches the body by the outer instance ({@code this$0}), captures nothing. */
    Module head() {
      return new Module() {
        @Override
        public Variable forward(Variable x) {
          return body.forward(x);
        }
      };
    }

    @Override
    public Variable forward(Variable x) {
      return body.forward(x);
    }
  }

  @Test
  void theReferenceToTheOuterInstanceIsNoPartOfTheModule() {
    // The head's outer instance holds a layer the head does not register; it is the enclosing
    // object, not something the head holds, as PyTorch has no such attribute.
    Module head = new WithInnerHead().head();
    assertDoesNotThrow(head::checkRegistered);
  }

  @Test
  void aNamedFieldBesideACapturedVariableGetsBothAdvices() {
    Dense captured = Dense.of(2, 2, 5L);
    Module model = new Module() {
      private final Dense own = Dense.of(2, 2, 6L);

      @Override
      public Variable forward(Variable x) {
        return captured.forward(own.forward(x));
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, model::checkRegistered);
    String owner = "<anonymous Module in"
        + " CapturedVariablesTest.aNamedFieldBesideACapturedVariableGetsBothAdvices>";
    assertEquals("checkRegistered: " + model.getClass().getName() + ".own holds a Dense that the"
        + " model does not register; captured variable captured of " + owner + " holds a Dense"
        + " that the model does not register; a module or parameter held only in a field or a"
        + " captured variable is not trained, saved or converted and train()/eval() does not reach"
        + " it: register it in the"
        + " constructor (this.layer = registerModule(\"layer\", ...), registerParameter for a"
        + " parameter), or mark the field transient to leave it out on purpose; register a"
        + " captured variable in an instance initializer ({ registerModule(\"layer\", layer); },"
        + " registerParameter for a parameter), or write the module as a named class with a"
        + " transient field to leave it out on purpose", e.getMessage());
  }

  /** A student: a head of its own plus a teacher it captures, whose output is taken as is. */
  private static Module student(Dense head, Module teacher, boolean registersTeacher) {
    return new Module() {
      {
        registerModule("head", head);
        if (registersTeacher) {
          registerModule("teacher", teacher);
        }
      }

      @Override
      public Variable forward(Variable x) {
        return head.call(x).add(teacher.call(x).detach());
      }
    };
  }

  @Test
  void aTeachersLayerPassesAndAWholeUnregisteredTeacherIsRefused() {
    // What the README says of a captured teacher: its layer, registered by the teacher, passes;
    // the teacher itself, registered by nothing, is refused, with no transient opt-out for a
    // captured variable; registering it in the student passes.
    Sequential teacher = Sequential.of(Dense.of(2, 2, 1L));
    Module layerOnly = student(Dense.of(2, 2, 2L), (Module) teacher.layers().get(0), false);
    assertDoesNotThrow(layerOnly::checkRegistered);
    Module captures = student(Dense.of(2, 2, 3L), teacher, false);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        captures::checkRegistered);
    assertEquals("checkRegistered: captured variable teacher of <anonymous Module in"
        + " CapturedVariablesTest.student> holds a Sequential that the model does not register; "
        + ADVICE, e.getMessage());
    Module registers = student(Dense.of(2, 2, 4L), teacher, true);
    assertDoesNotThrow(registers::checkRegistered);
  }
}

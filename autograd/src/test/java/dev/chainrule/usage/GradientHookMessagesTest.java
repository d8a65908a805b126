package dev.chainrule.usage;

import static dev.chainrule.usage.AnomalyDetectionTest.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.GradientHook;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * What a refused gradient hook says, word for word: which hook (its place among the variable's
 * hooks and the line that registered it), which variable (its name, its op, the line that created
 * it when creation sites are recorded), and the shapes and types. Here, outside the library's
 * packages, those lines are this file's, as they are the user's code in a program.
 */
class GradientHookMessagesTest {
  private static final String HERE = "dev.chainrule.usage.GradientHookMessagesTest.";

  private static String at(String method, int line) {
    return HERE + method + "(GradientHookMessagesTest.java:" + line + ")";
  }

  @Test
  void aReplacementOfAnotherShapeNamesTheHookTheVariableAndBothShapes() {
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    int created;
    Variable h;
    try (var sites = Autograd.recordCreationSites()) {
      h = w.tanh().named("h");  created = line();
    }
    h.registerHook(GradientHook.observer(g -> { }));
    h.registerHook(g -> g.sum());  int registered = line();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> h.sum().backward());
    String method = "aReplacementOfAnotherShapeNamesTheHookTheVariableAndBothShapes";
    assertEquals("gradient hook 2 of 2 (registered at " + at(method, registered) + ") on 'h'"
        + " (computed by 'tanh', created at " + at(method, created) + ") returned a gradient of"
        + " shape [] and type float64 for a gradient of shape [2] and type float64; a"
        + " replacement must have its variable's shape and type", e.getMessage());
    assertNull(w.grad(), "the pass failed: nothing accumulated");
  }

  @Test
  void aReplacementOfAnotherTypeIsRefused() {
    Variable w = Variable.parameter(Tensor.vector(1, 2).to(DType.FLOAT32), "w");
    w.registerHook(g -> g.to(DType.FLOAT64));  int registered = line();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> w.square().sum().backward());
    assertEquals("gradient hook 1 of 1 (registered at "
        + at("aReplacementOfAnotherTypeIsRefused", registered) + ") on 'w' (a leaf) returned a"
        + " gradient of shape [2] and type float64 for a gradient of shape [2] and type"
        + " float32; a replacement must have its variable's shape and type", e.getMessage());
  }

  @Test
  void nullIsRefusedWithTheWayToLeaveAGradientUnchanged() {
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    Variable h = w.exp();
    h.registerHook(g -> null);  int registered = line();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> h.sum().backward());
    assertEquals("gradient hook 1 of 1 (registered at "
        + at("nullIsRefusedWithTheWayToLeaveAGradientUnchanged", registered) + ") on a variable"
        + " (computed by 'exp') returned null; a hook returns the gradient to continue with: the"
        + " one it was given to leave it unchanged (GradientHook.observer wraps a hook that only"
        + " looks)", e.getMessage());
  }

  @Test
  void aHookOnAVariableWithoutGradientIsRefusedAsPyTorchRefusesIt() {
    Variable data = Variable.constant(Tensor.vector(1, 2)).named("data");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> data.registerHook(g -> g));
    assertEquals("registerHook: cannot register a hook on 'data' (a constant), which does not"
        + " require a gradient: no backward pass reaches it (it is a constant, or was computed"
        + " from constants only or under Autograd.noGrad(), or is a gradient taken without"
        + " Options.creatingGraph())", e.getMessage());
  }
}

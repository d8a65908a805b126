package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.ForwardHook;
import org.junit.jupiter.api.Test;

/**
 * What a refused forward hook says, word for word: the module, which of its hooks and the line
 * that registered it (a line of this file, which stands where a user's code stands), and the
 * shapes and types of the output and of what the hook returned.
 */
class ForwardHookMessagesTest {
  private static final Variable X = Variable.constant(Tensor.matrix(new double[][] {{1, 2, 3}}));

  private static int line() {
    return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow()
        .getLineNumber();
  }

  private static String at(String method, int line) {
    return "dev.chainrule.usage.ForwardHookMessagesTest." + method
        + "(ForwardHookMessagesTest.java:" + line + ")";
  }

  @Test
  void aReplacementOfAnotherShapeNamesTheModuleTheHookAndBothShapes() {
    Dense dense = Dense.of(3, 2, 1L);
    dense.registerForwardHook(ForwardHook.observer((m, in, out) -> { }));
    dense.registerForwardHook((m, in, out) -> out.sum());  int line = line();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> dense.call(X));
    assertEquals("Dense(3 -> 2): forward hook 2 of 2 (registered at "
        + at("aReplacementOfAnotherShapeNamesTheModuleTheHookAndBothShapes", line) + ") returned"
        + " an output of shape [] and type float64 for an output of shape [1, 2] and type"
        + " float64; a replacement must have the output's shape and type", e.getMessage());
  }

  @Test
  void aReplacementOfAnotherTypeIsRefused() {
    Dense dense = Dense.of(3, 2, 1L);
    dense.registerForwardHook((m, in, out) -> out.to(DType.FLOAT32));  int line = line();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> dense.call(X));
    assertEquals("Dense(3 -> 2): forward hook 1 of 1 (registered at "
        + at("aReplacementOfAnotherTypeIsRefused", line) + ") returned an output of shape"
        + " [1, 2] and type float32 for an output of shape [1, 2] and type float64; a"
        + " replacement must have the output's shape and type", e.getMessage());
  }

  @Test
  void nullIsRefusedWithTheWayToLeaveAnOutputUnchanged() {
    Dense dense = Dense.of(3, 2, 1L);
    dense.registerForwardHook((m, in, out) -> null);  int line = line();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> dense.call(X));
    assertEquals("Dense(3 -> 2): forward hook 1 of 1 (registered at "
        + at("nullIsRefusedWithTheWayToLeaveAnOutputUnchanged", line) + ") returned null; a"
        + " hook returns the output to continue with: the one it was given to leave it"
        + " unchanged (ForwardHook.observer wraps a hook that only looks)", e.getMessage());
  }

  @Test
  void aNullHookIsRefusedNamingTheModule() {
    Dense dense = Dense.of(3, 2, 1L);
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> dense.registerForwardHook(null));
    assertEquals("Dense(3 -> 2): registerForwardHook: hook is null", e.getMessage());
  }
}

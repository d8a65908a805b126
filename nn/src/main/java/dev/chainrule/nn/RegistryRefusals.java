package dev.chainrule.nn;

import dev.chainrule.autograd.Variable;
import java.util.Locale;
import java.util.Map;

/**
 * The refusals of {@link ModuleRegistry} that need more than a line: a variable registered as a
 * parameter that is none, and a buffer path that leads elsewhere. They name the variable by its
 * op and shape, never its values (a whole tensor printed into a message buries it), and the path
 * as the caller wrote it, with what to do instead.
 */
final class RegistryRefusals {
  private RegistryRefusals() {}

  /** {@code registerParameter(name, variable)} given something other than a parameter. */
  static IllegalArgumentException notAParameter(String name, Variable variable) {
    String what = variable.isLeaf() ? "a constant" : "a value computed by " + variable.opName();
    String named = variable.name() == null ? "" : " '" + variable.name() + "'";
    String instead = variable.isLeaf()
        ? "make it with Variable.parameter(tensor), or share another module's parameter itself"
            + " (embedding.weight())"
        // A computed value is stepped by no optimizer and recomputed by no one: the tie has to
        // be made where the forward pass reads the parameter.
        : "a module holds the parameter itself, not a value computed from it; to use a parameter"
            + " transposed (a tie through w.transpose(0, 1)), write a Module of one's own that"
            + " registers w and calls Variable.linear(x, w.transpose(0, 1), b) in its forward";
    return new IllegalArgumentException(String.format(Locale.ROOT,
        "parameter %s: %s%s (shape %s) is not a"
        + " parameter (a leaf made by Variable.parameter, frozen or not): %s", name, what, named,
        variable.shape(), instead));
  }

  /**
   * {@code loadBuffer(path, value)} where the module at {@code modulePath} ({@code ""}: the
   * module called) has no buffer {@code local}: a parameter, a child, or nothing of that name.
   */
  static IllegalArgumentException noBuffer(String path, String modulePath, Module module,
      String local, boolean parameter, boolean child, Map<String, ?> buffers) {
    String where = where(modulePath, module);
    String text;
    if (parameter) {
      text = String.format(Locale.ROOT,
          "loadBuffer: %s is a parameter of %s, not a buffer: set a parameter's"
          + " value with model.namedParameters(false).get(\"%s\").value().assignInPlace(value),"
          + " or load a file or a state dict with ModelCheckpoint.loadMatching or loadStateDict",
          path, where, path);
    } else if (child) {
      text = String.format(Locale.ROOT,
          "loadBuffer: %s is a module of %s, not a buffer: give the path of one"
          + " of its buffers", path, where);
    } else {
      text = String.format(Locale.ROOT,
          "loadBuffer: %s: %s has no buffer %s (its buffers: %s)", path, where,
          local, buffers.isEmpty() ? "none" : String.join(", ", buffers.keySet()));
    }
    return new IllegalArgumentException(text);
  }

  /** {@code loadBuffer(path, value)} whose path names a child the module there lacks. */
  static IllegalArgumentException noChild(String path, String modulePath, Module module,
      String child, Map<String, Module> children) {
    String where = where(modulePath, module);
    return new IllegalArgumentException(String.format(Locale.ROOT,
        "loadBuffer: %s: %s has no child '%s' (its"
        + " children: %s)", path, where, child,
        children.isEmpty() ? "none" : String.join(", ", children.keySet())));
  }

  /** The module at a path, by path and type: the one called is "this" one. */
  private static String where(String modulePath, Module module) {
    return modulePath.isEmpty() ? "this " + Module.typeName(module)
        : "the module at " + modulePath + " (" + Module.typeName(module) + ")";
  }
}

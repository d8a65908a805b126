package dev.chainrule.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of {@link Module#toString()}: the architecture as an indented tree, each module with
 * its description and the parameters it holds itself, a child whose mode differs from the root's
 * marked, then the total and the root's mode. It is a walk of the tree through the module's API,
 * kept apart so that {@link Module} holds the module and not how it is printed; the table of
 * {@link Module#summary} is {@link Summary}'s.
 */
final class ModuleTreeText {
  private ModuleTreeText() {}

  /** The tree below {@code root}, root first, then the total line. */
  static String of(Module root) {
    List<String> lines = new ArrayList<>();
    append(lines, root, "", root.description(), root.modeName());
    lines.add("total: " + count(root.parameterCount(), "parameter") + "; " + root.modeName()
        + " mode");
    return String.join("\n", lines);
  }

  private static void append(List<String> lines, Module module, String indent, String label,
      String rootMode) {
    long own = module.ownParameterCount();
    String count = own > 0 ? "  [" + count(own, "parameter") + "]" : "";
    String mode = module.modeName().equals(rootMode) ? "" : "  (" + module.modeName() + " mode)";
    if (module.children().isEmpty()) {
      lines.add(indent + label + count + mode);
      return;
    }
    lines.add(indent + label + count + mode + " (");
    module.children().forEach((name, child) -> append(lines, child, indent + "  ",
        "(" + name + "): " + child.description(), rootMode));
    lines.add(indent + ")");
  }

  /** "1 parameter", "1,024 parameters": English, as the rest of the text. */
  static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}

package dev.chainrule.nn;

import dev.chainrule.autograd.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The text of {@link Module#toString()}: the architecture as an indented tree, each module with
 * its description and the parameters it holds itself, a child whose mode differs from the root's
 * marked, then the total and the root's mode. It is a walk of the tree through the module's API,
 * kept apart so that {@link Module} holds the module and not how it is printed; the table of
 * {@link Module#summary} is {@link Summary}'s.
 *
 * <p>A parameter is counted at the first place the walk meets it, as the total counts it once:
 * a later place that holds it (a module registered twice, a layer made with {@link
 * Dense#sharing} from an earlier layer's weight) shows it as shared, {@code [20 shared
 * parameters]} or {@code [4 parameters + 16 shared]}, so that the counts not marked shared sum to
 * the total. Counted at every place, a tied output layer read "[20 parameters]" twice over a
 * total of 20.
 */
final class ModuleTreeText {
  private ModuleTreeText() {}

  /** The tree below {@code root}, root first, then the total line. */
  static String of(Module root) {
    List<String> lines = new ArrayList<>();
    append(lines, root, "", root.description(), root.modeName(), new Tally());
    lines.add("total: " + count(root.parameterCount(), "parameter")
        + frozen(root.frozenParameterCount()) + "; " + root.modeName() + " mode");
    return String.join("\n", lines);
  }

  private static void append(List<String> lines, Module module, String indent, String label,
      String rootMode, Tally tally) {
    String count = cell(tally.take(module));
    String mode = module.modeName().equals(rootMode) ? "" : "  (" + module.modeName() + " mode)";
    if (module.children().isEmpty()) {
      lines.add(indent + label + count + mode);
      return;
    }
    lines.add(indent + label + count + mode + " (");
    module.children().forEach((name, child) -> append(lines, child, indent + "  ",
        "(" + name + "): " + child.description(), rootMode, tally));
    lines.add(indent + ")");
  }

  /** The bracketed count after a module's label, empty for a module without parameters. */
  private static String cell(Own own) {
    if (own.shared() == 0) {
      return own.added() == 0 ? "" : "  [" + count(own.added(), "parameter") + "]";
    }
    return own.added() == 0 ? "  [" + count(own.shared(), "shared parameter") + "]"
        : String.format(Locale.ROOT, "  [%s + %,d shared]", count(own.added(), "parameter"),
            own.shared());
  }

  /** "1 parameter", "1,024 parameters": English, as the rest of the text. */
  static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }

  /** " (1,000 frozen)" after a total that counts frozen parameters, else nothing. */
  static String frozen(long n) {
    return n == 0 ? "" : String.format(Locale.ROOT, " (%,d frozen)", n);
  }

  /**
   * A module's own trainable scalars at one place of a walk.
   *
   * @param added those no earlier place held, which the total counts here
   * @param shared those an earlier place held already (counted there)
   */
  record Own(long added, long shared) {}

  /**
   * The parameters met so far in a walk of a tree, in the walk's order, by identity: each is
   * counted at its first place, so that the places' counts sum to {@link Module#parameterCount()},
   * which counts a parameter once however many modules hold it.
   */
  static final class Tally {
    private final Set<Variable> counted = Collections.newSetFromMap(new IdentityHashMap<>());

    /** The module's own parameters at this place, marking them counted. */
    Own take(Module module) {
      long added = 0;
      long shared = 0;
      // Own parameters are those of an undotted path; names are dot-free.
      for (var e : module.namedParameters(false).entrySet()) {
        if (e.getKey().indexOf('.') < 0) {
          long size = e.getValue().value().size();
          if (counted.add(e.getValue())) {
            added += size;
          } else {
            shared += size;
          }
        }
      }
      return new Own(added, shared);
    }
  }
}

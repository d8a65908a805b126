package dev.chainrule.nn;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields of users' modules that hold a buffer {@link Module#to} is about to replace. A
 * tensor's type is fixed, so converting a buffer registers a converted copy in its place, as
 * PyTorch's {@code to} does; PyTorch code reads a buffer as an attribute, which then gives the
 * copy, but a Java module that kept the tensor it registered in a field of its own (the natural
 * way to write a running statistic) went on with the old one: computing in the old type, and
 * writing its updates where no {@code stateDict()} or checkpoint looked, all silently. The fields
 * read are {@link UserFields}' (a transient one is left out on purpose: a module whose own {@code
 * to} reads the buffer back after {@code super.to}), and in each what {@link HeldValues} finds,
 * as {@link Module#checkRegistered} reads them: a buffer kept in a record ({@code new Stats(mean,
 * var)}), a list, a map's values, an array, an {@code Optional} or a lambda's captures is as stale
 * after the conversion as one kept in a field, and is named by its place ({@code Net.stats.mean},
 * {@code Net.means[0]}). The fields include the variables an anonymous or local class captures:
 * such a variable is final and its field the compiler's, so it can be neither marked transient
 * nor read back, and the advice for it is to read the buffer with {@code buffer(name)} where it
 * is used instead of capturing the tensor.
 */
final class HeldBuffers {
  private HeldBuffers() {}

  /** Throws naming each field of {@code root}'s tree that holds a buffer {@code to} replaces. */
  static void check(Module root, DType dtype) {
    Set<String> counters = root.counterNames();
    Map<Tensor, String> replaced = new IdentityHashMap<>();
    root.namedBuffers().forEach((path, buffer) -> {
      if (buffer.dtype() != dtype && !counters.contains(path)) {
        replaced.put(buffer, path);
      }
    });
    if (replaced.isEmpty()) {
      return;
    }
    List<String> findings = new ArrayList<>();
    UserFields.forEach(root.namedModules(), field -> HeldValues.walk(field.value(),
        replaced::containsKey, (held, element, notes) ->
            findings.add(finding(field, (Tensor) held, element, notes, replaced.get(held),
                dtype))));
    if (!findings.isEmpty()) {
      throw new IllegalStateException("Module.to(" + dtype.name() + "): "
          + String.join("; ", findings) + ". A field that kept the registered tensor would go"
          + " on with the old one, in the old type, and what the module writes into it would"
          + " reach no stateDict() or checkpoint");
    }
  }

  /**
   * One finding: {@code field}, at {@code element} (with {@code notes}), holds {@code held},
   * registered as the buffer at path {@code buffer}.
   */
  private static String finding(UserFields.Value field, Tensor held, String element,
      String notes, String buffer, DType dtype) {
    int dot = buffer.lastIndexOf('.');
    String registeredBy = dot < 0 ? "" : buffer.substring(0, dot);
    String local = buffer.substring(dot + 1);
    // buffer(name) is the registering module's own, by its local name.
    String advice = registeredBy.equals(field.modulePath())
        ? "read it with buffer(\"" + local + "\") where it is used"
        : "read it where it is used from the module that registered it ("
            + (registeredBy.isEmpty() ? "the root" : "'" + registeredBy + "'")
            + ", with buffer(\"" + local + "\")), or with namedBuffers().get(\"" + buffer
            + "\")";
    // A captured variable's field is the compiler's: it cannot be marked transient, and the
    // variable cannot be reassigned after super.to, so the only way is not to capture it.
    String or = field.layer() ? " instead of keeping it in a Layer, which is no module"
        : field.captured() ? " instead of capturing it"
        : ", or mark the field transient if your to() reads it back";
    String name = field.name(element) + (notes.isEmpty() ? "" : " (" + notes + ")");
    return String.format(Locale.ROOT,
        "%s holds the buffer %s, which becomes a %s copy of this %s tensor: %s%s",
        name, buffer, dtype.name(), held.dtype().name(), advice, or);
  }
}

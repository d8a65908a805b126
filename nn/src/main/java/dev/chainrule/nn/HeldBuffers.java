package dev.chainrule.nn;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of users' modules that hold a buffer {@link Module#to} is about to replace. A
 * tensor's type is fixed, so converting a buffer registers a converted copy in its place, as
 * PyTorch's {@code to} does; PyTorch code reads a buffer as an attribute, which then gives the
 * copy, but a Java module that kept the tensor it registered in a field of its own (the natural
 * way to write a running statistic) went on with the old one: computing in the old type, and
 * writing its updates where no {@code stateDict()} or checkpoint looked, all silently. Only
 * users' classes are read, as {@link UnregisteredFields} reads them; a transient field is left
 * out on purpose (a module whose own {@code to} reads the buffer back after {@code super.to}),
 * and a field the JVM will not open is skipped, as is anything a collection or another object
 * holds.
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
    root.namedModules().forEach((path, module) -> {
      for (Class<?> c = module.getClass(); c != Module.class; c = c.getSuperclass()) {
        if (c.getPackage() == Module.class.getPackage()) {
          continue;
        }
        for (Field field : c.getDeclaredFields()) {
          // transient leaves a field out, as for UnregisteredFields: a module whose own to()
          // reads the buffer back into the field after super.to() is right, and says so.
          int modifiers = field.getModifiers();
          if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)
              || field.isSynthetic() || !Tensor.class.isAssignableFrom(field.getType())
              || !field.trySetAccessible()) {
            continue;
          }
          Object value = read(field, module);
          String buffer = replaced.get(value);
          if (buffer != null) {
            String owner = c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName();
            int dot = buffer.lastIndexOf('.');
            String registeredBy = dot < 0 ? "" : buffer.substring(0, dot);
            String local = buffer.substring(dot + 1);
            // buffer(name) is the registering module's own, by its local name.
            String advice = registeredBy.equals(path)
                ? "read it with buffer(\"" + local + "\") where it is used"
                : "read it where it is used from the module that registered it ("
                    + (registeredBy.isEmpty() ? "the root" : "'" + registeredBy + "'")
                    + ", with buffer(\"" + local + "\")), or with namedBuffers().get(\""
                    + buffer + "\")";
            findings.add(String.format("%s%s.%s holds the buffer %s, which becomes a %s copy of"
                + " this %s tensor: %s, or mark the field transient if your to() reads it back",
                path.isEmpty() ? "" : "'" + path + "' ", owner, field.getName(), buffer,
                dtype.name(), ((Tensor) value).dtype().name(), advice));
          }
        }
      }
    });
    if (!findings.isEmpty()) {
      throw new IllegalStateException("Module.to(" + dtype.name() + "): "
          + String.join("; ", findings) + ". A field that kept the registered tensor would go"
          + " on with the old one, in the old type, and what the module writes into it would"
          + " reach no stateDict() or checkpoint");
    }
  }

  private static Object read(Field field, Module module) {
    try {
      return field.get(module);
    } catch (IllegalAccessException e) {
      return null; // trySetAccessible said yes; nothing to read otherwise
    }
  }
}

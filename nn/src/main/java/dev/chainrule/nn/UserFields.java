package dev.chainrule.nn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The fields of users' module classes in a tree, read by reflection, for the checks that catch
 * what PyTorch's attribute assignment would have handled and a Java field silently does not
 * ({@link UnregisteredFields}, {@link HeldBuffers}). Read: every instance field of each class
 * from the module's own up to {@link Module}, but for the library's classes (which register what
 * they hold). Left out: {@code transient} fields (out on purpose, as Java's serialization leaves
 * them out), synthetic ones (an inner class's reference to its outer), primitives, and fields
 * the JVM will not open (a class in a named module that does not open its package).
 */
final class UserFields {
  private UserFields() {}

  /**
   * One field's value.
   *
   * @param modulePath the path of the module holding it ("" for the root)
   * @param name how messages name it: {@code 'path' Class.field} ({@code Class.field} at the
   *     root; an anonymous class by its full name)
   * @param value what it holds, or null
   */
  record Value(String modulePath, String name, Object value) {}

  /** Gives {@code action} each field of each module, in {@code modules}' order. */
  static void forEach(Map<String, Module> modules, Consumer<Value> action) {
    modules.forEach((path, module) -> {
      for (Class<?> c = module.getClass(); c != Module.class; c = c.getSuperclass()) {
        if (c.getPackage() == Module.class.getPackage()) {
          continue;
        }
        for (Field field : c.getDeclaredFields()) {
          int modifiers = field.getModifiers();
          if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)
              || field.isSynthetic() || field.getType().isPrimitive()
              || !field.trySetAccessible()) {
            continue;
          }
          String name = (path.isEmpty() ? "" : "'" + path + "' ") + Module.typeName(c) + "."
              + field.getName();
          action.accept(new Value(path, name, read(field, module)));
        }
      }
    });
  }

  private static Object read(Field field, Module module) {
    try {
      return field.get(module);
    } catch (IllegalAccessException e) {
      return null; // trySetAccessible said yes; nothing to read otherwise
    }
  }
}

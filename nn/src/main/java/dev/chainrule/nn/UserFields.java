package dev.chainrule.nn;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The fields of users' module classes in a tree, read by reflection, for the checks that catch
 * what PyTorch's attribute assignment would have handled and a Java field silently does not
 * ({@link UnregisteredFields}, {@link HeldBuffers}). Read: every instance field of each class
 * from the module's own up to {@link Module}, but for the library's classes (which register what
 * they hold), and among them the variables an anonymous or local class captures (the compiler
 * keeps each in a synthetic {@code val$name} field: a layer a module's {@code forward} uses
 * without registering it is as lost there as in a field of one's own). Left out: {@code
 * transient} fields (out on purpose, as Java's serialization leaves them out), the other
 * synthetic ones (an inner class's reference to its outer instance, {@code this$0}, is no part of
 * the module), primitives, and fields the JVM will not open (a class in a named module that does
 * not open its package).
 */
final class UserFields {
  /** javac's prefix for the field that keeps a variable an anonymous or local class captures. */
  private static final String CAPTURED = "val$";

  private UserFields() {}

  /**
   * One field's value.
   *
   * @param modulePath the path of the module holding it ("" for the root)
   * @param owner the class declaring it, as messages name it: its simple name, or for an
   *     anonymous or local class one holding a captured variable {@code <anonymous Module in
   *     Foo.main>}; an anonymous class's own field by the class's full name
   * @param field the field's name; a captured variable's as the source spells it
   * @param captured whether it keeps a variable the class captured
   * @param value what it holds, or null
   */
  record Value(String modulePath, String owner, String field, boolean captured, Object value) {
    /**
     * How messages name the field: {@code 'path' Class.field} ({@code Class.field} at the root),
     * or {@code captured variable field of 'path' <anonymous Module in Foo.main>}.
     *
     * @return the name
     */
    String name() {
      return name("");
    }

    /**
     * How messages name an element of the field.
     *
     * @param element the element's place after the field's name ({@code "[1]"}), or ""
     * @return the name
     */
    String name(String element) {
      String path = modulePath.isEmpty() ? "" : "'" + modulePath + "' ";
      return captured
          ? "captured variable " + field + element + " of " + path + owner
          : path + owner + "." + field + element;
    }
  }

  /** Gives {@code action} each field of each module, in {@code modules}' order. */
  static void forEach(Map<String, Module> modules, Consumer<Value> action) {
    modules.forEach((path, module) -> {
      for (Class<?> c = module.getClass(); c != Module.class; c = c.getSuperclass()) {
        if (c.getPackage() == Module.class.getPackage()) {
          continue;
        }
        for (Field field : c.getDeclaredFields()) {
          int modifiers = field.getModifiers();
          boolean captured = field.isSynthetic() && field.getName().startsWith(CAPTURED);
          if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)
              || (field.isSynthetic() && !captured) || field.getType().isPrimitive()
              || !field.trySetAccessible()) {
            continue;
          }
          action.accept(captured
              ? new Value(path, capturer(c), field.getName().substring(CAPTURED.length()), true,
                  read(field, module))
              : new Value(path, Module.typeName(c), field.getName(), false, read(field, module)));
        }
      }
    });
  }

  /**
   * A class that captures variables, as its source shows it: {@code <anonymous Module in
   * Foo.main>}, {@code <local class Net in Foo.main>}; its binary name ({@code Foo$1}) says
   * nothing of where it is written. An anonymous class is named by what it extends, or by the
   * interface it implements ({@code <anonymous Function in Net's constructor>}).
   */
  static String capturer(Class<?> c) {
    Class<?> base = c.getSuperclass() == Object.class && c.getInterfaces().length > 0
        ? c.getInterfaces()[0] : c.getSuperclass();
    String what = c.isAnonymousClass()
        ? "anonymous " + Module.typeName(base)
        : "local class " + c.getSimpleName();
    Class<?> enclosing = c.getEnclosingClass();
    if (enclosing == null) {
      return "<" + what + ">";
    }
    Method method = c.getEnclosingMethod();
    Constructor<?> constructor = c.getEnclosingConstructor();
    String where = Module.typeName(enclosing)
        + (method != null ? "." + method.getName() : constructor != null ? "'s constructor" : "");
    return "<" + what + " in " + where + ">";
  }

  private static Object read(Field field, Module module) {
    try {
      return field.get(module);
    } catch (IllegalAccessException e) {
      return null; // trySetAccessible said yes; nothing to read otherwise
    }
  }
}

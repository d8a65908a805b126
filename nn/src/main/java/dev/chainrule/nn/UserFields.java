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
 *
 * <p>A {@link Layer} of one's own in a {@link Sequential} (a lambda, a method reference, an
 * {@code Activation.of} function, a class implementing {@code Layer}) is read too, as the
 * Sequential's child that gives it its position: a named or anonymous class's fields as a
 * module's, and anything else (a lambda, a record) as the value of the Sequential's place, {@code
 * Sequential.layers[1]}, whose captures {@link HeldValues} reads. A {@code Dense} such a layer
 * used without registering it was never trained or saved, and a {@code Dropout} it used was not
 * reached by {@code eval()}, without a word, where the same layer in a module's field was refused.
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
   * @param layer whether it is, or is a field of, a layer of one's own in a {@link Sequential},
   *     which is no module and so registers nothing
   * @param value what it holds, or null
   */
  record Value(String modulePath, String owner, String field, boolean captured, boolean layer,
      Object value) {
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
      fields(path, module, false, action);
      Layer own = Sequential.layerOfOwn(module);
      if (own != null) {
        layer(path, own, action);
      }
    });
  }

  /**
   * The layer of one's own that the Sequential's child at {@code path} gives a position to: a
   * class's fields as a module's are read; a lambda's or a record's parts, which have no field
   * of a class of one's own, through the value of the Sequential's place.
   */
  private static void layer(String path, Layer layer, Consumer<Value> action) {
    Class<?> type = layer.getClass();
    if (!type.isHidden() && !type.isRecord()) {
      fields(path, layer, true, action);
      return;
    }
    int dot = path.lastIndexOf('.');
    action.accept(new Value(dot < 0 ? "" : path.substring(0, dot), "Sequential",
        "layers[" + path.substring(dot + 1) + "]", false, true, layer));
  }

  /**
   * Gives {@code action} each field of {@code holder}, a module or a layer, from its own class up
   * to {@link Module} or {@link Object}, but for the library's classes and the JDK's.
   */
  private static void fields(String path, Object holder, boolean layer,
      Consumer<Value> action) {
    for (Class<?> c = holder.getClass(); c != null && c != Module.class && c != Object.class;
        c = c.getSuperclass()) {
      if (c.getPackage() == Module.class.getPackage() || c.getClassLoader() == null) {
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
                layer, read(field, holder))
            : new Value(path, Module.typeName(c), field.getName(), false, layer,
                read(field, holder)));
      }
    }
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

  private static Object read(Field field, Object holder) {
    try {
      return field.get(holder);
    } catch (IllegalAccessException e) {
      return null; // trySetAccessible said yes; nothing to read otherwise
    }
  }
}

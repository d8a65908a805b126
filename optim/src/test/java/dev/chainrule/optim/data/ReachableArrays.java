package dev.chainrule.optim.data;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The bytes of the primitive arrays an object keeps reachable through the instance fields of the
 * project's classes: what a dataset retains, up to object headers and small fields. Objects of
 * the JDK (strings, enums, boxed numbers) are not followed; the project's values hold their data
 * in primitive arrays, which is what this counts.
 */
final class ReachableArrays {
  private ReachableArrays() {}

  static long bytes(Object root) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> pending = new ArrayDeque<>();
    pending.push(root);
    long total = 0;
    while (!pending.isEmpty()) {
      Object o = pending.pop();
      if (!seen.add(o)) {
        continue;
      }
      Class<?> type = o.getClass();
      if (type.isArray()) {
        Class<?> element = type.getComponentType();
        if (element.isPrimitive()) {
          total += (long) Array.getLength(o) * elementBytes(element);
        } else {
          for (int i = 0; i < Array.getLength(o); i++) {
            Object item = Array.get(o, i);
            if (item != null) {
              pending.push(item);
            }
          }
        }
        continue;
      }
      // A tensor's birth scope leads to its thread's pool of recycled arrays, which belongs to the
      // thread, not to the tensor.
      if (!type.getName().startsWith("dev.chainrule.") || type.getName().contains("Recycling")
          || type.isEnum()) {
        continue;
      }
      for (Class<?> c = type; c != null && c.getName().startsWith("dev.chainrule.");
          c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
            continue;
          }
          field.setAccessible(true);
          try {
            Object value = field.get(o);
            if (value != null) {
              pending.push(value);
            }
          } catch (IllegalAccessException e) {
            throw new AssertionError("cannot read " + field, e);
          }
        }
      }
    }
    return total;
  }

  private static int elementBytes(Class<?> primitive) {
    if (primitive == byte.class || primitive == boolean.class) {
      return 1;
    }
    if (primitive == short.class || primitive == char.class) {
      return 2;
    }
    return primitive == long.class || primitive == double.class ? 8 : 4;
  }
}

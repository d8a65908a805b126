package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.PlateauReduction;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link TrainingOptions#copy()} names every field by hand, so an option added to the class but
 * not to the copy would be lost between a builder and the trainer it builds, silently: the
 * trainer would run with the default. Every field is set here to a value unlike its default, by
 * reflection, so that a new field is covered without this test knowing its name.
 */
class TrainingOptionsCopyTest {

  @Test
  void theCopyCarriesEveryField() throws ReflectiveOperationException {
    Module model = Dense.of(2, 1, 1L);
    TrainingOptions options = new TrainingOptions(model, Loss.meanSquaredError(),
        Sgd.builder(0.1).build(model));
    TrainingListener listener = new TrainingListener() { };
    options.listeners.add(listener);
    EpochMetric metric = (outputs, targets) -> 0.5;
    options.metrics.add("half", metric);
    List<Field> settable = settableFields();
    for (Field field : settable) {
      Object before = field.get(options);
      field.set(options, unlikeDefault(field, before));
      // A default of NaN or ∞ plus 0.5 would be itself, and the field's check could not fail.
      assertNotEquals(before, field.get(options), field.getName() + " kept its default");
    }

    TrainingOptions copy = options.copy();

    for (Field field : settable) {
      assertEquals(field.get(options), field.get(copy), () -> field.getName()
          + " is not carried by TrainingOptions.copy(): add it there");
    }
    assertSame(options.model, copy.model);
    assertSame(options.loss, copy.loss);
    assertSame(options.optimizer, copy.optimizer);
    assertEquals(List.of(listener), copy.listeners);
    assertEquals(List.of("half"), copy.metrics.names());
    // The builder goes on declaring metrics in its own set after build().
    options.metrics.add("later", metric);
    assertEquals(List.of("half"), copy.metrics.names());
    // The builder goes on adding listeners to its own list after build().
    assertNotSame(options.listeners, copy.listeners);
  }

  private static List<Field> settableFields() {
    return Arrays.stream(TrainingOptions.class.getDeclaredFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers()))
        .peek(f -> f.setAccessible(true))
        .toList();
  }

  /** A value of the field's type that its default is not, so that a field left out shows. */
  private static Object unlikeDefault(Field field, Object current) {
    Class<?> type = field.getType();
    if (type == int.class) {
      return (Integer) current + 7;
    }
    if (type == long.class) {
      return (Long) current + 7L;
    }
    if (type == double.class) {
      return (Double) current + 0.5;
    }
    if (type == boolean.class) {
      return !(Boolean) current;
    }
    if (type == Monitor.class) {
      return Monitor.TRAINING_LOSS.equals(current) ? Monitor.VALIDATION_ACCURACY
          : Monitor.TRAINING_LOSS;
    }
    if (type.isEnum()) {
      for (Object constant : type.getEnumConstants()) {
        if (constant != current) {
          return constant;
        }
      }
    }
    if (type.isInterface()) {
      // Only the reference matters: the copy must hold this very object.
      return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
          (proxy, method, args) -> method.getName().equals("equals") ? proxy == args[0]
              : method.getName().equals("hashCode") ? System.identityHashCode(proxy)
              : null);
    }
    if (type == PlateauReduction.class) {
      return new PlateauReduction(0.5, 3, 0.01, true, 1, 0, 0);
    }
    if (type == ResumedRun.class) {
      return ResumedRun.of(Map.of(ModelCheckpoint.EPOCH_KEY, "3"), "resumed.safetensors");
    }
    return fail("TrainingOptionsCopyTest has no sample value for " + field.getName() + " of type "
        + type.getName() + ": add one to unlikeDefault");
  }
}

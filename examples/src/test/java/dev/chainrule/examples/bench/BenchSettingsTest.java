package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which settings {@code bench} accepts, and the median every figure is. No timing here. */
class BenchSettingsTest {
  /** The two settings that may be 0: no warm-up time, no warm-up batches. */
  private static final Set<String> WARMUPS = Set.of("warmupSeconds", "mlpWarmupBatches");

  @Test
  void refusesEveryCountBelowOneAndEveryWarmupBelowZero() throws ReflectiveOperationException {
    RecordComponent[] components = BenchSettings.class.getRecordComponents();
    Constructor<BenchSettings> make = BenchSettings.class.getDeclaredConstructor(
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
    for (int i = 0; i < components.length; i++) {
      String name = components[i].getName();
      // Each setting in turn at the lowest value allowed, then one below it, the others quick's.
      int lowest = WARMUPS.contains(name) ? 0 : 1;
      Object[] values = quickValues(components);
      values[i] = value(components[i], lowest);
      assertDoesNotThrow(() -> make.newInstance(values), name + " = " + lowest);
      values[i] = value(components[i], lowest - 1);
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> make.newInstance(values), name + " = " + (lowest - 1));
      assertTrue(e.getCause() instanceof IllegalArgumentException, e.getCause().toString());
      // The settings given, each under its name (the record's own text read all zeros here).
      assertEquals("bench: counts must be positive (warm-ups may be 0): "
          + BenchSettings.class.getSimpleName() + text(components, values),
          e.getCause().getMessage());
    }
  }

  @Test
  void theFullSettingsAreThePublishedOnes() {
    // The README's figures are of 512³ products and medians of 9 runs.
    assertEquals(512, BenchSettings.full().gemmSize());
    assertEquals(9, BenchSettings.full().samples());
  }

  @Test
  void medianIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
    double[] odd = {3.0, 1.0, 2.0};
    assertEquals(2.0, Timing.median(odd));
    assertArrayEquals(new double[] {3.0, 1.0, 2.0}, odd, "the caller's runs left in order");
    assertEquals(2.5, Timing.median(new double[] {4.0, 1.0, 3.0, 2.0}));
    // One slow run (another process, a collection) does not move it.
    assertEquals(1.0, Timing.median(new double[] {1.0, 1000.0, 1.0}));
    assertEquals(7.0, Timing.median(new double[] {7.0}));
  }

  @Test
  void medianSecondsTimesTheWorkOnceASample() {
    AtomicInteger runs = new AtomicInteger();
    double seconds = Timing.medianSeconds(5, runs::incrementAndGet);
    assertEquals(5, runs.get());
    assertTrue(seconds >= 0 && Double.isFinite(seconds), "seconds " + seconds);
  }

  private static Object[] quickValues(RecordComponent[] components)
      throws ReflectiveOperationException {
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      values[i] = components[i].getAccessor().invoke(BenchSettings.quick());
    }
    return values;
  }

  /** {@code [samples=3, warmupSeconds=0.02, …]}, as a record writes itself. */
  private static String text(RecordComponent[] components, Object[] values) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < components.length; i++) {
      text.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=')
          .append(values[i]);
    }
    return text.append(']').toString();
  }

  private static Object value(RecordComponent component, int value) {
    return component.getType() == double.class ? (Object) (double) value : (Object) value;
  }
}

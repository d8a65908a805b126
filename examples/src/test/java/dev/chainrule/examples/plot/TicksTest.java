package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {
  @Test
  void roundStepsInsideTheRange() {
    Ticks ticks = Ticks.nice(new Range(-0.03, 1.04), 5);
    assertEquals(List.of(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0), ticks.values());
    assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"),
        ticks.values().stream().map(ticks::label).toList());
  }

  @Test
  void largeAndNegativeRanges() {
    Ticks ticks = Ticks.nice(new Range(-2.6, 2.6), 7);
    assertEquals(List.of(-2.0, -1.0, 0.0, 1.0, 2.0), ticks.values());
    assertEquals("-2", ticks.label(-2.0));
    assertEquals(List.of(0.0, 200.0, 400.0, 600.0, 800.0),
        Ticks.nice(new Range(0, 990), 5).values());
  }

  @Test
  void epochTicksAreWholeNumbers() {
    assertEquals(List.of(1.0, 2.0, 3.0), Ticks.whole(new Range(0.9, 3.1), 8).values());
    assertEquals(List.of(5.0, 10.0, 15.0, 20.0, 25.0, 30.0),
        Ticks.whole(new Range(0.4, 30.6), 8).values());
    assertEquals("3", Ticks.whole(new Range(0.9, 3.1), 8).label(3.0));
  }

  @Test
  void noNegativeZeroLabel() {
    Ticks ticks = Ticks.nice(new Range(-1, 1), 4);
    assertEquals("0.0", ticks.label(-0.0));
    assertEquals("0.0", ticks.label(-1e-17));
  }

  @Test
  void aPointBecomesARangeAroundIt() {
    assertEquals(new Range(-0.5, 0.5), Range.covering(0, 0));
    assertEquals(new Range(90, 110), Range.covering(100, 100));
  }
}

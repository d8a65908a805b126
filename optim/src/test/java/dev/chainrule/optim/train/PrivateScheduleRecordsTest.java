package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.usage.PrivateSchedules;
import org.junit.jupiter.api.Test;

/**
 * A schedule of one's own written as a private record in the user's package is recorded by its
 * text like any record of values ({@link RunSettings#describe}): its accessors are read through
 * reflection made accessible, without which they are refused to this library, every such
 * schedule would be "one's own", and a resume under other rates would not be compared. A record
 * whose accessor throws cannot be told from another, and is one's own.
 */
class PrivateScheduleRecordsTest {
  @Test
  void aPrivateRecordOfValuesIsDescribedByItsText() {
    assertEquals("Decay[factor=0.5, every=10]",
        ScheduleRecords.describe(PrivateSchedules.decay(0.5, 10)));
  }

  @Test
  void aRecordWhoseAccessorThrowsIsOnesOwn() {
    assertEquals(ScheduleRecords.OWN, ScheduleRecords.describe(PrivateSchedules.hidden(0.5)));
  }
}

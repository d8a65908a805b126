package dev.chainrule.optim.train;

import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.report.PrintableText;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;

/**
 * A schedule as a checkpoint's entry records it ({@link RunSettings}): its text when the text is
 * its value's, so that a resumed run's schedule can be compared with the saved one's, {@link
 * #NONE} or {@link #OWN}; and how two entries are compared and quoted in a refusal.
 */
final class ScheduleRecords {
  /** A schedule entry for none. */
  static final String NONE = "none";
  /** A schedule entry for one whose rates the file cannot describe. */
  static final String OWN = "a schedule of one's own";

  /** The types whose text is their value's, beside enums, Lists and records of them. */
  private static final Set<Class<?>> PLAIN = Set.of(Byte.class, Short.class, Integer.class,
      Long.class, Float.class, Double.class, Boolean.class, Character.class, String.class);

  /**
   * The longest schedule text a message quotes: a built-in's is at most about 200 characters (a
   * warm-up into a one-cycle), and a file's entry can be a megabyte.
   */
  private static final int SCHEDULE_TEXT = 400;

  private ScheduleRecords() {}

  /**
   * The text of a schedule: none (for {@link LearningRateSchedule#constant()} too, whose rate is
   * the optimizer's base rate at every index, as with none), a value's own ({@code toString} of
   * a record whose parts are values, as every factory's is), or {@link #OWN} for a schedule whose
   * text would hold an identity (a lambda's, an array's, a {@code Random}'s), which no later run
   * could give again.
   */
  static String describe(LearningRateSchedule schedule) {
    if (schedule == null || schedule instanceof LearningRateSchedule.Constant) {
      return NONE;
    }
    return isValue(schedule) ? schedule.toString() : OWN;
  }

  /**
   * Whether {@code part}'s text is its value's: a primitive's box, a String, an enum, a List of
   * such, or a record whose components are, recursively. Anything else (an array, a function, a
   * {@code Random}) prints its identity, which differs between runs of one setting.
   */
  private static boolean isValue(Object part) {
    if (part == null || PLAIN.contains(part.getClass()) || part instanceof Enum<?>) {
      return true;
    }
    if (part instanceof List<?> list) {
      return list.stream().allMatch(ScheduleRecords::isValue);
    }
    if (!part.getClass().isRecord()) {
      return false;
    }
    for (RecordComponent component : part.getClass().getRecordComponents()) {
      try {
        component.getAccessor().setAccessible(true);
        if (!isValue(component.getAccessor().invoke(part))) {
          return false;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        return false;  // a record that hides its parts cannot be told from another
      }
    }
    return true;
  }

  /**
   * Whether two schedule entries name other rates; one of one's own is not compared by its text
   * (a per-epoch one is by its rates, {@link OwnScheduleRates}).
   */
  static boolean differ(String saved, String given) {
    if (saved == null || saved.equals(given)) {
      return false;
    }
    return saved.equals(NONE) || given.equals(NONE) || !(saved.equals(OWN) || given.equals(OWN));
  }

  /**
   * A schedule entry for a message: printable and cut (it comes from a file), and, for none,
   * the run's schedule in the other mode ({@code otherMode} "step" or "epoch"), when it has one:
   * a run that moved a schedule from one mode to the other is told so.
   */
  static String text(String entry, String other, String otherMode) {
    if (!entry.equals(NONE)) {
      return PrintableText.shortened(entry, SCHEDULE_TEXT);
    }
    return other == null || other.equals(NONE) ? NONE : NONE + " (each " + otherMode + " by "
        + PrintableText.shortened(other, SCHEDULE_TEXT) + ")";
  }
}

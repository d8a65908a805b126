package dev.chainrule.optim.train;

import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.checkpoint.MetadataNumbers;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The rates of a per-epoch schedule of one's own (a lambda, or a value holding one), which a
 * periodic checkpoint cannot describe by its text ({@link RunSettings#OWN}): the checkpoint
 * records a fingerprint of its rates over the run's epochs instead, {@code "30:<sha256>"}, and a
 * resume under a schedule that gives other rates there is refused, as another schedule of values
 * is. Before, any schedule of one's own resumed any other without a word (a lambda whose decay
 * was edited between the runs), and the run ended elsewhere than the uninterrupted one.
 *
 * <p>The rates are those the trainer applies, from the optimizer's initial rate, over epochs 0 to
 * the run's last (at most {@value #MAX_EPOCHS}): the resumed run's schedule is compared over the
 * checkpoint's run's epochs, whatever its own count. A schedule that throws within them is not
 * fingerprinted, and a resume under one that throws there, or an entry that cannot be read, is
 * not compared, as before. A per-step schedule of one's own is not fingerprinted: its run's steps
 * are counted from the data, which the checkpoint's entries are written without.
 */
final class OwnScheduleRates {
  static final String KEY = "chainrule.schedule_rates";
  /** The most epochs whose rates a checkpoint fingerprints: each is a call of one's code. */
  static final int MAX_EPOCHS = 100_000;

  private OwnScheduleRates() {}

  /**
   * The entry of a run with these options: its epochs and their rates' fingerprint, when its
   * per-epoch schedule is one of one's own that gives a rate at each of them.
   */
  static Optional<String> of(TrainingOptions o) {
    if (o.schedule == null || !ScheduleRecords.OWN.equals(ScheduleRecords.describe(o.schedule))) {
      return Optional.empty();
    }
    int epochs = Math.min(o.epochs, MAX_EPOCHS);
    return fingerprint(o.schedule, o.optimizer.initialLearningRate(), epochs)
        .map(f -> epochs + ":" + f);
  }

  /**
   * How the checkpoint's run's schedule of one's own differs from this run's, in the words of
   * {@link RunSettings#refusal}; empty when they agree or cannot be compared.
   */
  static Optional<String> difference(Map<String, String> saved, TrainingOptions o) {
    String entry = saved.get(KEY);
    int colon = entry == null ? -1 : entry.indexOf(':');
    if (colon < 0 || o.schedule == null) {
      return Optional.empty();
    }
    OptionalInt epochs = MetadataNumbers.wholeInt(entry.substring(0, colon));
    if (epochs.isEmpty() || epochs.getAsInt() < 1 || epochs.getAsInt() > MAX_EPOCHS) {
      return Optional.empty();
    }
    String given = fingerprint(o.schedule, o.optimizer.initialLearningRate(),
        epochs.getAsInt()).orElse(null);
    if (given == null || given.equals(entry.substring(colon + 1))) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "its run set the rate each epoch by a schedule"
        + " of one's own, and this run by one whose rates over the %d epochs of that run differ"
        + " from its rates (a schedule that is no record of values is compared by its rates,"
        + " from the initial rate %s)", epochs.getAsInt(), o.optimizer.initialLearningRate()));
  }

  /** The SHA-256 of the rates' bits over epochs 0 to {@code epochs} − 1, or empty. */
  private static Optional<String> fingerprint(LearningRateSchedule schedule, double baseRate,
      int epochs) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    ByteBuffer rate = ByteBuffer.allocate(Double.BYTES);
    for (int epoch = 0; epoch < epochs; epoch++) {
      try {
        rate.clear();
        rate.putDouble(schedule.rate(baseRate, epoch));
      } catch (RuntimeException e) {
        // One's own code, beyond the epochs it was written for: nothing to compare by.
        return Optional.empty();
      }
      sha.update(rate.array());
    }
    return Optional.of(HexFormat.of().formatHex(sha.digest()));
  }
}

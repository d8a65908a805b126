package dev.chainrule.optim.train;

import dev.chainrule.optim.PlateauReduction;
import dev.chainrule.optim.PlateauScheduler;
import dev.chainrule.optim.checkpoint.MetadataNumbers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Early stopping's and the plateau's records as a checkpoint's string metadata, and back. Every
 * number is written by {@link Double#toString} (which gives back the same double when parsed) or
 * as a whole number, so a record read back is the one written, bit for bit. Entries:
 *
 * <ul>
 *   <li>{@value #RECORDS_KEY}: the records the file holds, {@code "early_stopping plateau"}, one
 *       of them, or {@code "none"}; a file without it was saved before checkpoints kept them;
 *   <li>under {@value #EARLY_STOPPING}: {@code monitor}, {@code min_delta}, {@code patience} (0
 *       without early stopping), {@code epochs_without_improvement}, {@code
 *       keeps_best_weights}, and, once an epoch improved, {@code best_epoch} (counted from 1, as
 *       {@code "epoch"} counts the epochs a file's weights had trained) with that epoch's figures
 *       under {@code best.} (its metrics of one's own as {@link BestMetrics} writes them), and
 *       {@code best_weights_file} when the best weights are in a file beside this one; the
 *       monitor is a built-in one's name ({@code VALIDATION_LOSS}) or {@code metric:<name>:max}
 *       (or {@code :min}), which files written before metrics could be watched never hold;
 *   <li>under {@value #PLATEAU}: {@code monitor}, as early stopping's, the settings ({@code
 *       factor}, {@code patience}, {@code threshold}, {@code threshold_mode} rel or abs, {@code
 *       cooldown}, {@code min_lr}, {@code eps}) and the record in PyTorch's names ({@code
 *       best}, {@code num_bad_epochs}, {@code cooldown_counter}).
 * </ul>
 */
final class RecordMetadata {
  /** The key that lists the records a file holds. */
  static final String RECORDS_KEY = "chainrule.records";
  static final String EARLY_STOPPING = "chainrule.early_stopping.";
  static final String PLATEAU = "chainrule.plateau.";
  /**
   * What Double.toString writes (and plain decimals): no Java literal suffix, hex or blanks.
   * Possessive, as CsvFields' decimals, so a long value that is no number fails in one pass.
   */
  private static final Pattern NUMBER =
      Pattern.compile("-?+(\\d++\\.?+\\d*+|\\.\\d++)([eE][+-]?+\\d++)?+|NaN|-?Infinity");

  /** The key of the file beside a checkpoint that holds the best epoch's weights. */
  static final String BEST_WEIGHTS_FILE = EARLY_STOPPING + "best_weights_file";

  private RecordMetadata() {}

  /**
   * What a checkpoint's metadata says of the records.
   *
   * @param saved whether the file says at all (false for one saved before records were kept)
   * @param earlyStopping early stopping's record, or null
   * @param bestWeightsFile the name of the file beside it with the best weights, or null
   * @param plateau the plateau's record, or null
   */
  record Read(boolean saved, EarlyStoppingRecord earlyStopping, String bestWeightsFile,
      PlateauRecord plateau) {}

  /** The entries of the records, either of which may be null. */
  static Map<String, String> of(EarlyStoppingRecord stopping, String bestWeightsFile,
      PlateauRecord plateau) {
    Map<String, String> entries = new LinkedHashMap<>();
    String held = (stopping != null ? "early_stopping " : "") + (plateau != null ? "plateau" : "");
    entries.put(RECORDS_KEY, held.isEmpty() ? "none" : held.trim());
    if (stopping != null) {
      entries.put(EARLY_STOPPING + "monitor", stopping.monitor().key());
      entries.put(EARLY_STOPPING + "min_delta", Double.toString(stopping.minDelta()));
      entries.put(EARLY_STOPPING + "patience", Integer.toString(stopping.patience()));
      entries.put(EARLY_STOPPING + "epochs_without_improvement",
          Integer.toString(stopping.epochsWithoutImprovement()));
      entries.put(EARLY_STOPPING + "keeps_best_weights",
          Boolean.toString(stopping.keepsBestWeights()));
      EpochResult best = stopping.best();
      if (best != null) {
        entries.put(EARLY_STOPPING + "best_epoch", Integer.toString(best.epoch() + 1));
        String at = EARLY_STOPPING + "best.";
        entries.put(at + "train_loss", Double.toString(best.trainLoss()));
        entries.put(at + "train_accuracy", Double.toString(best.trainAccuracy()));
        entries.put(at + "validation_loss", Double.toString(best.validationLoss()));
        entries.put(at + "validation_accuracy", Double.toString(best.validationAccuracy()));
        entries.put(at + "learning_rate", Double.toString(best.learningRate()));
        entries.put(at + "seconds", Double.toString(best.seconds()));
        entries.put(at + "samples", Integer.toString(best.samples()));
        entries.putAll(BestMetrics.of(at, best.metrics()));
      }
      if (bestWeightsFile != null) {
        entries.put(BEST_WEIGHTS_FILE, bestWeightsFile);
      }
    }
    if (plateau != null) {
      PlateauReduction r = plateau.reduction();
      entries.put(PLATEAU + "monitor", plateau.monitor().key());
      entries.put(PLATEAU + "factor", Double.toString(r.factor()));
      entries.put(PLATEAU + "patience", Integer.toString(r.patience()));
      entries.put(PLATEAU + "threshold", Double.toString(r.threshold()));
      entries.put(PLATEAU + "threshold_mode", r.relativeThreshold() ? "rel" : "abs");
      entries.put(PLATEAU + "cooldown", Integer.toString(r.cooldown()));
      entries.put(PLATEAU + "min_lr", Double.toString(r.minRate()));
      entries.put(PLATEAU + "eps", Double.toString(r.eps()));
      entries.put(PLATEAU + "best", Double.toString(plateau.state().best()));
      entries.put(PLATEAU + "num_bad_epochs", Integer.toString(plateau.state().badEpochs()));
      entries.put(PLATEAU + "cooldown_counter",
          Integer.toString(plateau.state().cooldownLeft()));
    }
    return entries;
  }

  /**
   * Reads the records of a checkpoint whose weights had trained {@code epochs} epochs.
   *
   * @throws IllegalArgumentException naming the file and the entry that is missing, malformed or
   *     does not fit the others or the epoch count
   */
  static Read read(Map<String, String> metadata, String source, int epochs) {
    String records = metadata.get(RECORDS_KEY);
    if (records == null) {
      return new Read(false, null, null, null);
    }
    Entries in = new Entries(metadata, source);
    if (!List.of("none", "early_stopping", "plateau", "early_stopping plateau")
        .contains(records)) {
      throw in.malformed(RECORDS_KEY, "\"early_stopping\", \"plateau\", both or \"none\"");
    }
    boolean stops = records.startsWith("early_stopping");
    boolean plateaus = records.endsWith("plateau");
    EarlyStoppingRecord stopping = stops ? earlyStopping(in, source, epochs) : null;
    String bestFile = stops ? metadata.get(BEST_WEIGHTS_FILE) : null;
    PlateauRecord plateau = null;
    if (plateaus) {
      String mode = in.text(PLATEAU + "threshold_mode");
      if (!mode.equals("rel") && !mode.equals("abs")) {
        throw in.malformed(PLATEAU + "threshold_mode", "rel or abs");
      }
      Monitor monitor = in.monitor(PLATEAU + "monitor");
      double factor = in.real(PLATEAU + "factor");
      int patience = in.whole(PLATEAU + "patience");
      double threshold = in.real(PLATEAU + "threshold");
      int cooldown = in.whole(PLATEAU + "cooldown");
      double minRate = in.real(PLATEAU + "min_lr");
      double eps = in.real(PLATEAU + "eps");
      double best = in.real(PLATEAU + "best");
      int bad = in.whole(PLATEAU + "num_bad_epochs");
      int left = in.whole(PLATEAU + "cooldown_counter");
      plateau = in.valid(() -> new PlateauRecord(monitor, new PlateauReduction(factor, patience,
          threshold, mode.equals("rel"), cooldown, minRate, eps),
          new PlateauScheduler.State(best, bad, left)));
    }
    return new Read(true, stopping, bestFile, plateau);
  }

  private static EarlyStoppingRecord earlyStopping(Entries in, String source, int epochs) {
    Monitor monitor = in.monitor(EARLY_STOPPING + "monitor");
    double minDelta = in.real(EARLY_STOPPING + "min_delta");
    int patience = in.whole(EARLY_STOPPING + "patience");
    int waited = in.whole(EARLY_STOPPING + "epochs_without_improvement");
    boolean keeps = in.bool(EARLY_STOPPING + "keeps_best_weights");
    EpochResult best = null;
    if (in.has(EARLY_STOPPING + "best_epoch")) {
      int epoch = in.whole(EARLY_STOPPING + "best_epoch") - 1;
      String at = EARLY_STOPPING + "best.";
      // The figures a run reports when it ends with these weights: a rate, a time, a count
      // and shares that no run has (a negative rate, an accuracy of 7) were reported as read.
      best = new EpochResult(epoch, in.real(at + "train_loss"), in.share(at + "train_accuracy"),
          in.real(at + "validation_loss"), in.share(at + "validation_accuracy"),
          in.nonNegative(at + "learning_rate"), in.nonNegative(at + "seconds"),
          in.count(at + "samples"), BestMetrics.read(in.metadata(), at, in::real,
              (key, kind) -> in.malformed(key, kind)));
    }
    // The count is of the epochs since the best (since the run's start while none improved):
    // one that does not fit the file's epoch would stop the resumed run elsewhere.
    boolean fits = best == null ? waited <= epochs
        : best.epoch() >= 0 && best.epoch() + 1 + waited == epochs;
    if (!fits) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: early stopping's record"
          + " (best epoch %s, %d epochs without improvement) does not fit the file's %d epochs",
          source, best == null ? "none" : Integer.toString(best.epoch() + 1), waited, epochs));
    }
    EpochResult kept = best;
    return in.valid(() -> new EarlyStoppingRecord(monitor, minDelta, patience, kept, waited,
        keeps));
  }

  /** Strict reading of one file's entries, each failure naming the file and the entry. */
  private record Entries(Map<String, String> metadata, String source) {
    boolean has(String key) {
      return metadata.containsKey(key);
    }

    String text(String key) {
      String value = metadata.get(key);
      if (value == null) {
        throw new IllegalArgumentException(source + ": the metadata has \"" + RECORDS_KEY
            + "\" but no \"" + key + "\": the record is incomplete");
      }
      return value;
    }

    /**
     * A number as Double.toString writes it, or in plain decimal notation; Double.parseDouble
     * alone also took Java's literals ("1d", "0x1p-1") and surrounding blanks.
     */
    double real(String key) {
      String value = text(key);
      if (!NUMBER.matcher(value).matches()) {
        throw malformed(key, "a number");
      }
      return Double.parseDouble(value);
    }

    /** An accuracy: a share from 0 to 1, or NaN (a regression's). */
    double share(String key) {
      double value = real(key);
      if (value < 0 || value > 1) {
        throw malformed(key, "a share from 0 to 1 (or NaN)");
      }
      return value;
    }

    /** A learning rate or a time: finite and not negative. */
    double nonNegative(String key) {
      double value = real(key);
      if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
        throw malformed(key, "a finite number, not negative");
      }
      return value;
    }

    /** A whole number, of any spelling MetadataNumbers reads ("3", "3.0"), as the epoch is. */
    int whole(String key) {
      return MetadataNumbers.wholeInt(text(key))
          .orElseThrow(() -> malformed(key, "a whole number"));
    }

    /** A count of samples: a whole number, not negative. */
    int count(String key) {
      int value = whole(key);
      if (value < 0) {
        throw malformed(key, "a count, not negative");
      }
      return value;
    }

    boolean bool(String key) {
      String value = text(key);
      if (!value.equals("true") && !value.equals("false")) {
        throw malformed(key, "true or false");
      }
      return value.equals("true");
    }

    Monitor monitor(String key) {
      Monitor monitor = Monitor.ofKey(text(key));
      if (monitor == null) {
        throw malformed(key, "one of " + Arrays.toString(Monitor.values())
            + " or metric:<name>:min (or :max)");
      }
      return monitor;
    }

    /** A value the entries make, its own check's failure named as the file's. */
    <T> T valid(Supplier<T> make) {
      try {
        return make.get();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
      }
    }

    IllegalArgumentException malformed(String key, String kind) {
      // Cut, as the header's names are: a value may be megabytes long.
      String value = metadata.get(key);
      return new IllegalArgumentException(source + ": the metadata's \"" + key + "\" is \""
          + (value.length() <= 64 ? value : value.substring(0, 60) + "...") + "\", not " + kind);
    }
  }
}

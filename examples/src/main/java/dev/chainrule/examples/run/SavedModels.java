package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.PathChecks;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.MetadataNumbers;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.RescueFile;
import dev.chainrule.optim.checkpoint.SavedOptimizer;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --save}, the one way the training commands write their model, and {@code --load}: the
 * model a checkpoint describes, rebuilt from the file alone, and the options that must not
 * contradict it. An option the command line did not name takes the file's value; one it named
 * must agree, or the run is a usage error: a model evaluated with another activation or split
 * gives a number that looks right and is not.
 */
public final class SavedModels {
  private SavedModels() {}

  /**
   * Writes {@code --save}'s file, when the command line gave one, and says so. A write that fails
   * (disk full, a file-size limit) is reported as {@code --save}'s, naming the file; the previous
   * file survives it, as {@link ModelCheckpoint}'s saves are atomic, and the trained model is
   * rescued into a new file in the system's temporary folder, whose name the message gives: the
   * option was checked before the run, so the failure comes after it, and a long run should not
   * be lost to a full disk.
   *
   * @param s the settings
   * @param console where to say that the file was saved
   * @param write saves the model (and the optimizer's state) to the file it is given
   */
  public static void saveIfAsked(Settings s, Console console, Consumer<Path> write) {
    if (s.save() != null) {
      save(s.save(), RescueFile.temporaryFolder(), console, write);
    }
  }

  /**
   * Continues the loaded file's optimizer, as the file's weights are continued: Adam's moments and
   * step count, momentum's buffers. A new optimizer would restart Adam's bias correction and lose
   * its moments without a word. When the state cannot go on (another kind of optimizer named by
   * {@code --optimizer}, another configuration, no state), the run says so and starts afresh.
   * A state converted to the run's type is noted, rounded or exact ({@link
   * LoadedConversions#stateNote}).
   *
   * @param s the settings, with {@code --load}'s file
   * @param saved the state the file holds
   * @param optimizer the run's optimizer, not stepped yet
   * @param console where to say what happened to the state
   */
  public static void resumeOptimizer(Settings s, SavedOptimizer saved, Optimizer optimizer,
      Console console) {
    Optional<String> why = saved.mismatch(optimizer);
    String unloadable = null;
    if (why.isEmpty()) {
      try {
        optimizer.loadState(saved.state());  // validates before changing anything
        // The file's rate goes on, unless the command line asks for another (fine-tuning).
        if (s.gave("--lr")) {
          optimizer.setLearningRate(s.learningRate());
          optimizer.setInitialLearningRate(s.learningRate());
        }
        if (s.epochs() == 0) {
          // Nothing trains: the state only goes on into the file --save writes.
          console.printf("keeping %s's state from %s for %s (--epochs 0 trains nothing),"
              + " at lr %s", s.optimizer(), s.load().getFileName(), s.save().getFileName(),
              Console.setting(optimizer.learningRate()));
        } else {
          console.printf("continuing %s's state from %s, at lr %s", s.optimizer(),
              s.load().getFileName(), Console.setting(optimizer.learningRate()));
        }
        LoadedConversions.stateNote(String.valueOf(s.load().getFileName()), saved,
            optimizer.state()).ifPresent(console::println);
        return;
      } catch (IllegalArgumentException e) {
        // The kind and settings agree: the state itself is damaged or of other parameters.
        unloadable = e.getMessage();
      }
    }
    // In the command line's terms where the file's optimizer is one of its choices; else the
    // reason as it came (an older file's state, an optimizer of one's own).
    Optional<OptimizerChoice> theirs = OptimizerChoice.recorded(saved.kind(), saved.settings());
    String cause = saved.state().isEmpty() ? "it holds no optimizer state"
        : unloadable != null ? "its optimizer state cannot be loaded (" + unloadable + ")"
        : theirs.isPresent() ? "it holds " + theirs.get() + "'s state, which " + s.optimizer()
            + (s.gave("--optimizer") ? " (--optimizer)" : "") + " cannot continue"
        : why.get();
    console.printf("note: %s: %s; %s starts afresh", s.load().getFileName(), cause,
        s.optimizer());
  }

  /**
   * How many epochs a loaded file's weights had trained ({@link ModelCheckpoint#EPOCH_KEY}), so
   * that the run goes on from the next; 0 when the file does not say (a run that trains says so,
   * in {@code UnrecordedRun}'s note), and 0 with a note when it says something that is not a
   * count (a file of another tool).
   *
   * @param loaded the file's model and metadata
   * @param s the settings, with {@code --load}'s file
   * @param console where a note goes
   * @return the epochs trained, at least 0
   */
  public static int epochsTrained(ModelCheckpoint.DescribedModel loaded, Settings s,
      Console console) {
    MidEpochFiles.refuse(loaded, s);
    String text = loaded.report().metadata().get(ModelCheckpoint.EPOCH_KEY);
    if (text == null) {
      return 0;
    }
    // Read as --resume and the step entry are (optim's MetadataNumbers): "3.0" is 3 epochs.
    int epochs = MetadataNumbers.wholeInt(text).orElse(-1);
    // Room for this run's epochs after them: a count near 2^31 would wrap around.
    if (epochs >= 0 && epochs <= Integer.MAX_VALUE - s.epochs()) {
      return epochs;
    }
    console.printf("note: %s: its \"%s\" metadata (%s) is not a count of epochs this run's %,d"
        + " can follow; epochs are numbered from 1", s.load().getFileName(),
        ModelCheckpoint.EPOCH_KEY, Console.printable(text), s.epochs());
    return 0;
  }

  /**
   * The settings of a run that continues a file: its run's seed ({@link LoadedSeed}: another
   * split would test on training rows, other batch orders end elsewhere) and its optimizer, with
   * the rate it had reached, unless the command line names others: continued without
   * {@code --optimizer}, a momentum run went on as Adam, its state dropped.
   *
   * @param s the command line's settings
   * @param loaded the file's model, description and optimizer state
   * @return the settings to run with
   */
  public static Settings continuing(Settings s, ModelCheckpoint.DescribedModel loaded) {
    Settings continued = LoadedSeed.continuing(s, loaded);
    OptionalDouble heldOut = SavedRun.validationFraction(loaded);
    if (!s.gave("--validation") && heldOut.isPresent()) {
      continued = continued.withValidation(new Validation(heldOut.getAsDouble(), 0));
    }
    SavedOptimizer saved = loaded.optimizer();
    Optional<OptimizerChoice> theirs = OptimizerChoice.recorded(saved.kind(), saved.settings());
    if (!s.gave("--optimizer") && theirs.isPresent()) {
      continued = continued.withOptimizer(theirs.get());
    }
    // The rate the file's run had reached goes on with its optimizer's state (0 too: a cosine
    // annealed to it); one no run could have reached (NaN, negative: a damaged file) is left to
    // the state's check, which drops the state with a note, where the optimizer built at that
    // rate failed the run.
    OptionalDouble rate = saved.learningRate();
    if (!s.gave("--lr") && rate.isPresent() && rate.getAsDouble() >= 0
        && Double.isFinite(rate.getAsDouble())
        && theirs.equals(Optional.of(continued.optimizer()))) {
      continued = continued.withLearningRate(rate.getAsDouble());
    }
    return continued;
  }

  /**
   * The settings of a run that continues a file with {@code --patience} and no {@code
   * --validation}: early stopping watches the rows the file's run held out, the only share it
   * may hold out (another is refused by {@link #load}), so the command line need not repeat it.
   *
   * @param s the settings after {@link #continuing}
   * @param loaded the file's model and metadata
   * @param patience the command line's {@code --patience}, 0 for none
   * @param spec the command, for the usage message
   * @return the settings to run with
   */
  public static Settings patienceOnFileRows(Settings s, ModelCheckpoint.DescribedModel loaded,
      int patience, CommandSpec spec) {
    if (patience == 0 || s.gave("--validation")) {
      return s; // the command line's own --validation, checked with --patience already
    }
    String file = String.valueOf(s.load().getFileName());
    OptionalDouble heldOut = SavedRun.validationFraction(loaded);
    Usage.check(heldOut.isPresent(), spec, "--patience needs --validation FRACTION: %s does not"
        + " record the share of its training rows its run held out; give the one it was"
        + " trained with", file);
    Usage.check(heldOut.getAsDouble() > 0, spec, "--patience %d needs rows held out for"
        + " validation, and %s's run trained on all of its training rows (held out now, they"
        + " would validate on rows it trained on); train a new model with --validation FRACTION"
        + " --patience N", patience, file);
    return s.withValidation(new Validation(heldOut.getAsDouble(), patience));
  }

  /**
   * {@link #saveIfAsked}'s write to {@code target}, rescued into {@code rescueFolder} when it
   * fails.
   *
   * @param target the file {@code --save} named
   * @param rescueFolder where a rescue file is created when writing {@code target} fails
   * @param console where to say that the file was saved
   * @param write saves the model (and the optimizer's state) to the file it is given
   */
  static void save(Path target, Path rescueFolder, Console console, Consumer<Path> write) {
    try {
      write.accept(target);
    } catch (CheckpointException e) {
      // The file system's failure, wrapped by the checkpoint; any other rule is a bug to show.
      IOException failure = e.fileSystemFailure().orElseThrow(() -> e);
      Failure refused = PathChecks.writeFailed("--save", target, failure);
      throw new Failure(refused.getMessage() + "; "
          + RescueFile.rescue(rescueFolder, write, PathChecks::reason, refused), refused);
    }
    console.info("saved " + target);
  }

  /**
   * Loads {@code s.load()} for {@code command}, checking {@code --hidden}, {@code --activation}
   * and {@code --seed} against the file.
   *
   * @param s the settings
   * @param spec the command, for the usage message
   * @param command the command's name
   * @return the model and its description
   */
  public static ModelCheckpoint.DescribedModel load(Settings s, CommandSpec spec, String command) {
    ModelCheckpoint.DescribedModel loaded = ModelCheckpoint.loadDescribed(s.load());
    ModelDescription d = loaded.description();
    String file = String.valueOf(s.load().getFileName());
    Usage.check(d.name().equals(command), spec, "%s holds a model for '%s', not for '%s'", file,
        d.name(), command);
    List<Integer> hidden = SavedRun.hiddenWidths(d.layers());
    requireSame(spec, s.gave("--hidden"), "--hidden", s.hidden(), hidden, file,
        "whose network is " + Mlp.describe(d.layers()));
    String activation = Mlp.hiddenActivation(d.layers());
    requireSame(spec, s.gave("--activation") && activation != null, "--activation",
        Mlp.name(s.activation()), activation, file, "whose hidden layers use " + activation);
    requireSame(spec, s.gave("--dtype"), "--dtype", s.dtype(), d.dtype(), file,
        "whose parameters are " + d.dtype());
    OptionalDouble heldOut = SavedRun.validationFraction(loaded);
    if (heldOut.isPresent()) {
      double fraction = heldOut.getAsDouble();
      requireSame(spec, s.gave("--validation"), "--validation", s.validation().fraction(),
          fraction, file, fraction > 0
              ? "whose run held out " + Console.number(fraction) + " of its training rows for"
                  + " validation (other rows would validate on rows it trained on); give the same"
                  + " (--validation " + Console.number(fraction) + ") or leave out --validation,"
                  + " which takes the file's"
              : "whose run trained on all of its training rows (rows held out now were trained"
                  + " on); resume it without --validation");
    }
    LoadedSeed.requireAgrees(s, spec, loaded);
    return loaded;
  }

  /**
   * The widths of a loaded model's hidden layers, which {@code --load} keeps: advice to widen
   * them starts from these, not from the command's default {@code --hidden}.
   *
   * @param loaded the file's model and description
   * @return the widths, input side first
   */
  public static List<Integer> hiddenWidths(ModelCheckpoint.DescribedModel loaded) {
    return SavedRun.hiddenWidths(loaded.description().layers());
  }

  /**
   * A usage error when the command line named {@code option} with a value other than the file's.
   *
   * @param spec the command, for the usage message
   * @param given the options the command line named
   * @param option the option's long name, such as {@code --hidden}
   * @param value the number
   * @param fileValue the value the file records
   * @param file the file
   * @param why ends the message, e.g. {@code whose network is 4-4-3}
   */
  public static void requireSame(CommandSpec spec, boolean given, String option, Object value,
      Object fileValue, String file, String why) {
    Usage.check(!given || Objects.equals(value, fileValue), spec, "%s %s contradicts %s, %s",
        option, text(value), file, why);
  }

  // A number as typed, 0 not 0.0: "--validation 0.0 contradicts" echoed a typed 0.
  private static String text(Object value) {
    return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf)
        .toList()) : value instanceof Double number ? Console.number(number)
        : String.valueOf(value);
  }
}

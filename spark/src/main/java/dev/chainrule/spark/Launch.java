package dev.chainrule.spark;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.core.DType;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.RescueFile;
import dev.chainrule.optim.cli.OptionPaths;
import dev.chainrule.optim.data.ColumnChoiceException;
import dev.chainrule.optim.data.CsvCommandLine;
import dev.chainrule.optim.data.MissingValues;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.report.BestWeights;
import dev.chainrule.optim.report.ConstantFeatures;
import dev.chainrule.optim.report.JsonLine;
import dev.chainrule.optim.report.LossStall;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.DivergenceException;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.SavedRunMetadata;
import dev.chainrule.optim.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The launcher's one command: {@code train} of the program, on Spark. It reads the CSV file on the
 * driver as {@code train} does, trains the same MLP from the same seed synchronously or by
 * parameter averaging, and reports the same test figures and JSON fields, followed by Spark's own
 * ({@code mode}, {@code partitions}, {@code steps} and the time split).
 */
@Command(name = "chainrule-spark", mixinStandardHelpOptions = true,
    version = "chainrule-spark 0.1.0",
    description = {"Trains a standardised MLP on a CSV file with a header row, data-parallel on"
        + " Apache Spark: the program's 'train' command, with its options, checks and report.",
        "Under spark-submit the master comes from spark-submit; otherwise --master, or local[*].",
        "--verbose, anywhere on the line, prints a failure's stack trace."})
final class Launch implements Callable<Integer> {
  @Mixin
  LaunchOptions o;

  @Mixin
  LaunchClassLoss classLoss;

  // Declared last, where its options stood before they moved: the spec lists options in
  // declaration order (--help sorts them by name anyway).
  @Mixin
  SparkOptions sparkOptions;

  @Spec
  CommandSpec spec;

  /** The JSON fields of the last run, for tests. */
  Map<String, Object> report;

  /** The epochs of the last run, for tests. */
  History history;

  /** The rows the last run trained on and watched, for tests that compare them with train's. */
  HeldOutRows heldOut;

  /** A running context to train in instead of starting one, for tests; null: start one. */
  JavaSparkContext context;

  /**
   * Run as training starts, every check passed, for tests: a file system that changes under a
   * run (a folder removed, a disk filling up) fails a write the checks let through.
   */
  Runnable afterChecks = () -> { };

  @Override
  public Integer call() throws Exception {
    o.check(spec);
    SparkTrainer.Mode chosen = sparkOptions.check(spec, o);
    LaunchClassLoss.Choice weighing = classLoss.check(spec, o.task.equals("regression"));
    PrintWriter results = spec.commandLine().getOut();
    // As train: with --json the JSON line is all that is printed on standard output, and the
    // warnings go to standard error, where a script still sees that a run learned nothing.
    PrintWriter out = o.json ? new PrintWriter(Writer.nullWriter()) : results;
    PrintWriter warnings = o.json ? spec.commandLine().getErr() : out;
    Validation validation = o.heldOut();
    CsvProblems.Read read;
    try {
      read = CsvProblems.read(new CsvProblems.Request(o.csv,
          CsvCommandLine.delimiter(o.delimiter), o.label,
          o.task.equals("regression"), o.testFraction, o.features, o.drop,
          o.missing.equals("drop") ? MissingValues.DROP : MissingValues.REJECT,
          DType.parse(o.dtype), o.seed, validation), warnings);
    } catch (ColumnChoiceException e) {
      // --label, --features and --drop name the columns: as train, a usage error.
      throw usage("%s", e.getMessage());
    }
    Problem problem = read.problem();
    HeldOutRows held;
    try {
      held = HeldOutRows.of(problem, validation, o.seed);
    } catch (IllegalArgumentException e) {
      // The data decides it (too few rows for the share): the run's failure, as in train.
      throw new LaunchFailure(e.getMessage(), e);
    }
    heldOut = held;
    held.untrainedClassWarnings(problem).forEach(line -> warnings.println("warning: " + line));
    // Balanced weights from the rows trained on, validation rows left out, as train's.
    LaunchClassLoss.Resolved loss = problem.regression() ? null
        : LaunchClassLoss.resolve(weighing, problem, held.train(), DType.parse(o.dtype),
            sparkOptions.resume != null, spec);
    Sequential model = Mlp.of(problem.inputs(), o.hidden, problem.outputs(),
        Activation.named(o.activation), o.seed);
    model.to(DType.parse(o.dtype));
    ModelDescription description = problem.describe(model);
    OptimizerChoice optimizer = OptimizerChoice.named(o.optimizer);
    try (DriverContext spark = DriverContext.start(sparkOptions.master, context)) {
      JavaSparkContext sc = spark.context();
      int requested = sparkOptions.partitions != null ? sparkOptions.partitions
          : sc.defaultParallelism();
      int shards = Shards.count(held.train().size(), requested);
      out.printf(Locale.ROOT, "train: %s network (%s, %s), %,d parameters; %s, lr %s, batch %d,"
              + " %d epoch%s; %d training%s and %d test samples; Spark %s, %s on %d shard%s%s%n",
          Mlp.describe(description.layers()), o.activation, model.dtype(),
          model.parameterCount(), optimizer, o.learningRate, o.batchSize, o.epochs,
          o.epochs == 1 ? "" : "s", held.train().size(), validation.holdsOut()
              ? ", " + held.watched().size() + " validation" : "", problem.test().size(),
          sc.master(), chosen, shards, shards == 1 ? "" : "s", shards < requested
              ? " (" + requested + " asked for, one per training row at most)" : "");
      String lossLine = loss == null ? null : loss.describe(problem.classNames());
      if (lossLine != null) {
        out.println(lossLine);
      }
      SparkTrainer.Builder builder = SparkTrainer.builder(description,
              OptimizerFactory.of(optimizer, o.learningRate))
          .epochs(o.epochs).batchSize(o.batchSize).seed(o.seed)
          .validationShare(validation.fraction())
          .listener(new EpochLines(out, o.epochs, held.name()));
      if (validation.stopsEarly()) {
        builder.earlyStopping(validation.patience());
      }
      if (loss != null) {
        loss.applyTo(builder);
      }
      if (o.detectAnomaly) {
        builder.detectAnomaly();
      }
      if (chosen == SparkTrainer.Mode.AVERAGE) {
        builder.averaging(sparkOptions.localSteps);
      }
      if (sparkOptions.checkpoint != null) {
        builder.checkpointEverySteps(sparkOptions.checkpointEvery, sparkOptions.checkpoint);
      }
      AtomicBoolean stepped = new AtomicBoolean();
      builder.listener(new TrainingListener() {
        @Override
        public void onBatchEnd(BatchResult batch) {
          stepped.set(true);
        }
      });
      // For a resume's refusal, and for the checkpoints, which record what --drop left out.
      builder.featuresFrom(o.features != null ? FeatureSource.FEATURES : o.drop != null
          ? FeatureSource.dropping(o.drop) : FeatureSource.HEADER);
      if (sparkOptions.resume != null) {
        builder.resumeFrom(sparkOptions.resume);
        out.println("resuming from " + sparkOptions.resume);
        if (validation.stopsEarly()) {
          SparkCheckpoints.recordsNote(sparkOptions.resume)
              .ifPresent(note -> warnings.println("note: " + note));
        }
      }
      JavaRDD<Shard> rows = null;
      SparkTrainer.Result result;
      try {
        // In the try: with an unreachable master the context may already have stopped.
        rows = Shards.parallelize(sc, chosen == SparkTrainer.Mode.AVERAGE
            ? Shards.dealt(held.train(), o.seed) : held.train(), shards);
        SparkTrainer trainer = builder.build();
        afterChecks.run();
        result = trainer.fit(model, rows, held.watched());
      } catch (DivergenceException e) {
        throw new LaunchFailure(e.beforeAnyStep() ? e.getMessage() : e.getMessage()
            + "; try a smaller learning rate than --lr " + o.learningRate, e);
      } catch (ShardsContradiction e) {
        // Without --partitions the count was the master's, which the user may not know.
        throw usage("%s", sparkOptions.partitions == null ? e.withoutPartitions(sc.master())
            : e.getMessage());
      } catch (ResumeContradiction e) {
        // An option against --resume's file: a usage error, as train --load reports it.
        throw usage("%s", e.getMessage());
      } catch (CheckpointException e) {
        throw duringRun(e, sparkOptions.checkpoint, stepped.get());
      } catch (Exception e) {
        // Spark throws its checked SparkException undeclared (a job cancelled as the context
        // stopped): caught here too, so that it is explained rather than printed raw.
        throw spark.explain(e);
      } finally {
        // A stopped context's unpersist would hide the failure.
        if (rows != null && !sc.sc().isStopped()) {
          rows.unpersist(false);
        }
      }
      // As train: where the run stopped, then any warning.
      if (validation.stopsEarly()) {
        out.println(BestWeights.describe(result.history()));
      }
      if (LossStall.stalled(result.history())) {
        warnings.println("warning: " + LossStall.describe(result.history()) + ": unless the"
            + " model was already trained, the learning rate " + o.learningRate + " is far too"
            + " small; try a larger --lr");
      }
      LaunchReport.Scores scores;
      try (Autograd.Scope anomaly = o.detectAnomaly ? Autograd.detectAnomaly() : null) {
        scores = LaunchReport.evaluate(problem, model, out, warnings,
            loss != null && loss.weights() != null);
      }
      if (o.save != null) {
        // With the entries train's --save writes (the weights' epochs, the share held out, the
        // batch size, early stopping's record, the seed), so that train --load goes on from this
        // run as from its own.
        Map<String, String> metadata = new LinkedHashMap<>(SavedRunMetadata.afterRun(
            result.history(), validation, result.history().epochs().get(0).epoch(),
            o.batchSize));
        metadata.put(SparkCheckpoints.SEED_KEY, Long.toString(o.seed));
        if (loss != null) {
          metadata.putAll(loss.metadata());
        }
        // As train's: predict then warns of a row with another value in such a column.
        metadata.putAll(ConstantFeatures.metadata(read.constant()));
        save(model, result.optimizer(), description, metadata, out);
      }
      history = result.history();
      report = LaunchReport.fields(result, model, scores, loss, chosen, shards,
          read.droppedRows(), validation, held, sparkOptions.resume != null);
      LaunchReport.printTiming(result.timing(), out);
      if (o.json) {
        results.println(JsonLine.of(report));
        results.flush();
      }
    }
    return 0;
  }

  /**
   * Writes {@code --save}'s file and says so. A write that fails after the run (disk full, a
   * file-size limit) is reported as {@code --save}'s, naming the file, as the program's commands
   * report it; the previous file survives, as {@link ModelCheckpoint}'s saves are atomic, and
   * the trained model goes to a {@link RescueFile} in the driver's temporary folder, which the
   * message names: a distributed run is too long to lose to a full disk. Both files carry
   * {@code metadata}, the loss's entries, as train's {@code --save} does.
   */
  private void save(Sequential model, Optimizer optimizer, ModelDescription description,
      Map<String, String> metadata, PrintWriter out) {
    try {
      ModelCheckpoint.save(o.save, model, optimizer, description, metadata);
    } catch (CheckpointException e) {
      IOException io = e.fileSystemFailure().orElseThrow(() -> e);
      LaunchFailure refused = LaunchOptions.writeFailed("--save", o.save, io);
      throw new LaunchFailure(refused.getMessage() + "; " + RescueFile.rescue(
          RescueFile.temporaryFolder(), file -> ModelCheckpoint.save(file, model, optimizer,
              description, metadata), OptionPaths::reason, refused), refused);
    }
    out.println("saved " + o.save);
  }

  /**
   * A checkpoint's failure during the run, reported as {@code --checkpoint}'s, naming the file, as
   * a failed {@code --save} is, when it is the write's: the file system's failure once a step has
   * ended (resuming reads its file before the first step; after it the loop touches no file but
   * the checkpoint, which it writes after telling listeners of the step). Anything else is shown
   * as it is.
   *
   * @param checkpoint {@code --checkpoint}'s file, or null
   * @param stepped whether a step had ended when it failed
   */
  static RuntimeException duringRun(CheckpointException e, Path checkpoint, boolean stepped) {
    Optional<IOException> io = e.fileSystemFailure();
    return checkpoint != null && stepped && io.isPresent()
        ? LaunchOptions.writeFailed("--checkpoint", checkpoint, io.get()) : e;
  }

  private ParameterException usage(String format, Object... args) {
    return LaunchOptions.usage(spec, format, args);
  }
}

package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.MonitorChoice;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.train.EarlyStoppingRecord;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Monitor;
import dev.chainrule.optim.train.ResumedRun;
import dev.chainrule.optim.train.Trainer;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The figure {@code --patience} watches ({@code --monitor}) through a run: checked against the
 * task and a loaded file's record, declared on the trainer, and reported in the JSON line. A file
 * saved under {@code --patience} records the figure with its best epoch (optim's {@code
 * SavedRunMetadata}); continued with {@code --patience}, it goes on watching that figure, and
 * another {@code --monitor} is refused: the file's weights are the best epoch's by its figure, and
 * its record counts the epochs since by it, so a run watching another would keep weights chosen
 * by neither rule (the library's resume refuses it too, in its own terms).
 */
public final class WatchedFigure {
  private WatchedFigure() {}

  /**
   * The settings of a run that continues a file with {@code --patience}: the figure the file's
   * run watched, unless the command line names it (another is refused). A file whose record
   * cannot be read is left to the resume, which names what is wrong with it.
   *
   * @param s the settings after the file's others were taken up
   * @param loaded the file's model and metadata
   * @param spec the command, for the usage message
   * @return the settings to run with
   */
  public static Settings continuing(Settings s, ModelCheckpoint.DescribedModel loaded,
      CommandSpec spec) {
    if (!s.validation().stopsEarly()) {
      return s;
    }
    String file = String.valueOf(s.load().getFileName());
    Optional<Monitor> recorded = recorded(loaded);
    if (recorded.isEmpty()) {
      return s;
    }
    Optional<MonitorChoice> theirs = MonitorChoice.watching(recorded.get());
    if (theirs.isEmpty()) {
      // A library caller's record: no option names its figure, and none other may go on from it.
      throw new Failure(file + ": its early-stopping record watched " + recorded.get() + ", a"
          + " figure --monitor does not name; continue it without --patience, which leaves the"
          + " record alone");
    }
    Usage.check(!s.gave("--monitor") || s.monitor() == theirs.get(), spec, "--monitor %s"
        + " contradicts %s, whose run's --patience watched %s and kept the best epoch by it;"
        + " give --monitor %s or leave out --monitor, which takes the file's", s.monitor(), file,
        theirs.get(), theirs.get());
    return s.withMonitor(theirs.get());
  }

  /**
   * The figure of a file's early-stopping record, when its run acted on it (stopped early or
   * kept its best weights): a record kept only for a best epoch starts afresh under another.
   */
  private static Optional<Monitor> recorded(ModelCheckpoint.DescribedModel loaded) {
    Map<String, String> metadata = loaded.report().metadata();
    if (!metadata.containsKey(ModelCheckpoint.EPOCH_KEY)) {
      return Optional.empty();
    }
    try {
      return ResumedRun.of(metadata, "").earlyStopping()
          .filter(EarlyStoppingRecord::stopsOrRestores).map(EarlyStoppingRecord::monitor);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // RunRecords.resume names the file and the fault
    }
  }

  /**
   * Refuses a figure the task has not: the accuracies and F1 of classes in a regression, or
   * the mean absolute error of a classification's class scores.
   *
   * @param problem the data, whose task decides
   * @param s the run's settings
   * @param spec the command, for the usage message
   */
  public static void requireFits(Problem problem, Settings s, CommandSpec spec) {
    boolean regression = problem.regression();
    if (s.monitor().fits(regression)) {
      return;
    }
    String why = s.monitor() + " is " + (regression ? "a classification's" : "a regression's")
        + " figure; " + (regression ? "a regression" : "a classification") + " watches "
        + MonitorChoice.fitting(regression);
    if (!s.gave("--monitor")) {
      throw new Failure(s.load().getFileName() + ": its early-stopping record watched " + why);
    }
    throw Usage.error(spec, "--monitor %s", why);
  }

  /**
   * Sets early stopping by the figure, with the metric it needs declared, and the best epoch's
   * weights kept: what {@code --patience} asks for.
   *
   * @param trainer the run's trainer
   * @param s the run's settings
   */
  static void configure(Trainer.Builder trainer, Settings s) {
    if (!s.validation().stopsEarly()) {
      return;
    }
    MonitorChoice watched = s.monitor();
    watched.metric().ifPresent(metric -> trainer.metric(watched.toString(), metric));
    trainer.earlyStopping(watched.monitor(), s.validation().patience(), 0)
        .restoreBestWeights(true);
  }

  /**
   * Adds the figure's name ({@code monitor}) and its best value ({@code monitor_best}) to the
   * JSON line of a run that chose its epoch by it.
   *
   * @param report the fields of the JSON line
   * @param s the run's settings
   * @param history the run, or null when it trained no epoch
   */
  static void addTo(Map<String, Object> report, Settings s, History history) {
    if (!s.validation().stopsEarly() || history == null) {
      return;
    }
    report.put("monitor", s.monitor().toString());
    history.result(history.bestEpoch()).map(s.monitor()::of).filter(Double::isFinite)
        .ifPresent(best -> report.put("monitor_best", best));
  }
}

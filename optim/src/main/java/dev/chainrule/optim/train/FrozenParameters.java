package dev.chainrule.optim.train;

import dev.chainrule.nn.Module;
import dev.chainrule.optim.report.PrintableText;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which of a model's parameters a run had frozen ({@code requiresGrad(false)}), as its periodic
 * checkpoints record it ({@value #KEY}: their paths, separated by {@code ", "}, empty for none),
 * and the check of a run that resumes one. The flag is not in the model's tensors (PyTorch's
 * state_dict leaves it out too), so a fine-tuning run resumed with its body left trainable
 * trained the body without a word, though a resume ends where the uninterrupted run does and
 * refuses another seed or clipping for that reason. A checkpoint without the entry (saved before
 * it was kept) is not checked.
 */
final class FrozenParameters {
  static final String KEY = "chainrule.frozen";

  private FrozenParameters() {}

  /**
   * The entry for {@code model} as it is now: written with each checkpoint, since a listener may
   * freeze mid-run.
   *
   * @return the frozen parameters' paths, by their first path, in the model's order
   */
  static String of(Module model) {
    List<String> frozen = model.namedParameters().entrySet().stream()
        .filter(e -> !e.getValue().requiresGrad()).map(Map.Entry::getKey).toList();
    return String.join(", ", frozen);
  }

  /**
   * Refuses a resumed run whose model freezes other parameters than the checkpoint's run did
   * when it wrote the checkpoint, before anything changes.
   *
   * @param run the checkpoint's records and settings
   * @param model the resumed run's model
   * @throws IllegalArgumentException naming the file and both sets
   */
  static void requireAsSaved(ResumedRun run, Module model) {
    String saved = run.settings().get(KEY);
    String given = of(model);
    if (saved == null || saved.equals(given)) {
      return;
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT, "trainer: %s: its run had %s"
        + " frozen (requiresGrad(false)), and this run has %s, so the resumed run would not end"
        + " where the uninterrupted one does; freeze as its run did, or resume with"
        + " initialEpoch(%d) alone, which goes on without the checkpoint's records and"
        + " settings", run.source(), saved.isEmpty() ? "none" : PrintableText.shortened(saved),
        given.isEmpty() ? "none" : given, run.epoch()));
  }
}

package dev.chainrule.optim.train;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.nn.BatchNorm;
import dev.chainrule.nn.ForwardHook;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.TracelessPass;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The check that no training batch is one a module of the model refuses: a batch normalization
 * that normalizes over the batch alone (one value per channel per row, as BatchNorm1d on [N, C])
 * cannot normalize a single row, in training, or frozen without running statistics. With 9 rows in
 * batches of 4 the last batch holds one: two steps ran, and the third threw, on a large data set
 * only after minutes. The batches' sizes are known in advance, so the run is refused before the
 * first step instead.
 */
final class OneRowBatches {
  private OneRowBatches() {}

  /**
   * Refuses a run with a batch of one row when a batch normalization that will normalize over the
   * batch (one that trains, or a frozen one without running statistics) sees one value per
   * channel per row. Which ones do is learned from one traceless evaluation-mode pass
   * over two rows (a 2-d batch normalization over 1×1 maps, a 1-d one over [N, C, 1] refuse a
   * row as [N, C] does; over longer sequences or larger maps a row holds enough values), made
   * only when a batch of one row comes and the model holds such a batch normalization.
   *
   * @throws IllegalArgumentException naming the batch, the layer and the ways out
   */
  static void require(TrainingOptions o, Dataset train) {
    int n = train.size();
    int size = o.batchSize;
    boolean oneRow = size == 1 || !o.dropLast && n % size == 1;
    if (!oneRow) {
      return;
    }
    // A model handed over in evaluation mode trains whole; one in training mode keeps its
    // modules' own modes (Trainer.fit), so a frozen batch normalization does not train, but
    // without running statistics it normalizes over the batch in evaluation too.
    boolean wholeTrains = !o.model.isTraining();
    int[] looked = n == 1 ? new int[] {0} : new int[] {0, 1};
    List<HookHandle> hooks = new ArrayList<>();
    List<String> refusing = new ArrayList<>();
    try {
      o.model.namedModules().forEach((path, module) -> {
        if (module instanceof BatchNorm norm
            && (wholeTrains || norm.isTraining() || !norm.tracksRunningStatistics())) {
          hooks.add(norm.registerForwardHook(ForwardHook.observer((m, in, out) -> {
            // One value per channel for each data row, whatever the module before it made of
            // the rows' axes: [N·T, C] from a per-time-step reshape holds T per row.
            if (in.shape().size() == (long) norm.features() * looked.length) {
              refusing.add("the " + norm.getClass().getSimpleName()
                  + (path.isEmpty() ? "" : " at \"" + path + "\"") + " (" + norm.features()
                  + " features, given rows " + in.shape() + ")");
            }
          })));
        }
      });
      if (hooks.isEmpty()) {
        return;
      }
      Dataset first = train.subset(looked);
      TracelessPass.run(o.model, () -> Evaluation.predict(o.model, first));
    } finally {
      hooks.forEach(HookHandle::remove);
    }
    if (refusing.isEmpty()) {
      return;
    }
    String batches = n == 1 ? "the training data holds one row"
        : size == 1 ? "every batch holds one row (batch size 1)"
        : String.format(Locale.ROOT,
            "%s rows in batches of %s leave a last batch of 1 row", n, size);
    String wayOut = n == 1 ? "train on more than one row"
        : size == 1 ? "use a batch size of 2 or more"
        : "set dropLast(true) to leave that row out of each epoch, or use a batch size that"
            + " leaves 0 or 2 or more rows over";
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "trainer: %s, found before the first step:"
        + " %s normalizes over the batch, and a batch of one row has one value per channel,"
        + " which it cannot normalize (as in PyTorch); %s", batches, refusing.get(0), wayOut));
  }
}

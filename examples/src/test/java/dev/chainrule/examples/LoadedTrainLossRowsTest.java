package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.data.BuiltInData;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.train.Evaluation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --load FILE --epochs 0 --json} reports the loaded model's loss on the rows its run
 * trained on, as README says: for a file whose run held out validation rows, the figure was the
 * loss over the training part with those rows in it (iris: the header said "90 training, 21
 * validation", the figure was the loss on all 111 rows, 0.0608 where the 90 gave 0.0571).
 */
class LoadedTrainLossRowsTest {
  @TempDir
  Path dir;

  @Test
  void theLossIsOnTheRowsTrainedOnNotTheValidationRows() throws IOException {
    Path saved = dir.resolve("held.safetensors");
    Cli.Result trained = Cli.run("iris", "--validation", "0.2", "--patience", "5", "--epochs",
        "30", "--save", saved.toString(), "--out", dir.resolve("a").toString(), "--json");
    assertEquals(0, trained.exitCode(), trained.err());
    Cli.Result loaded = Cli.run("iris", "--load", saved.toString(), "--epochs", "0", "--json",
        "--out", dir.resolve("b").toString());
    assertEquals(0, loaded.exitCode(), loaded.err());
    assertEquals(21.0, loaded.number("validation_samples"), loaded.out());

    // The rows as the program splits them: the file's share and seed (iris's default, 42).
    ModelCheckpoint.DescribedModel model = ModelCheckpoint.loadDescribed(saved);
    Validation share = new Validation(0.2, 5);
    Problem iris = BuiltInData.iris(42L, share, model.description());
    HeldOutRows rows = HeldOutRows.of(iris, share, 42L);
    assertEquals(90, rows.train().size());
    double onTrained = Evaluation.score(model.model(), Loss.softmaxCrossEntropy(), rows.train())
        .loss();
    double onAll = Evaluation.score(model.model(), Loss.softmaxCrossEntropy(), iris.train())
        .loss();
    // The two figures must differ by more than the comparison's tolerance, or the test could
    // not tell the rows apart: the 21 rows' mean loss is not the 90's.
    assertTrue(Math.abs(onTrained - onAll) > 1e-4 * onTrained, onTrained + " vs " + onAll);
    // The same forward pass of the same weights over the same float64 rows, and the JSON line
    // prints every digit: equal but for a last bit or two, hence a relative 1e-12.
    assertEquals(onTrained, loaded.number("train_loss"), 1e-12 * onTrained, loaded.out());
  }
}

package dev.chainrule.optim.interop;

import static dev.chainrule.optim.interop.PyTorchStateDictTest.assertClose;
import static dev.chainrule.optim.interop.PyTorchStateDictTest.model;
import static dev.chainrule.optim.interop.PyTorchStateDictTest.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Monitor;
import dev.chainrule.optim.train.Trainer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trainer's periodic checkpoint, and the file beside it with the best epoch's weights, both load
 * into PyTorch with {@code load_state_dict(strict=True)} once the optimizer's entries (under
 * {@code optimizer.}) are set aside: keeping the records put no tensor into the checkpoint that
 * a strict load would refuse (they are metadata), and the best weights are a file of their own.
 * PyTorch's logits from each file are chainrule's from the same file, to 1e-12 relative (float64;
 * the products sum in another order). Skipped where no Python has PyTorch.
 */
class PyTorchLoadsTrainingCheckpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PYTHON =
      Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

  @Test
  void bothFilesLoadStrictlyIntoPyTorch(@TempDir Path folder)
      throws IOException, InterruptedException, URISyntaxException {
    assumeTrue(run(folder, "-c", "import torch").startsWith("0"),
        "no PyTorch here (" + PYTHON + " cannot import torch)");
    Tensor x = Tensors.randn(Shape.of(48, 4), 3L);
    Tensor y = x.matmul(Tensors.randn(Shape.of(4, 3), 4L)).tanh();
    // Scored against the opposite targets, the validation loss rises as training goes on, so
    // the best epoch comes before the last checkpoint's and its weights go beside it.
    Sequential model = model();
    Optimizer adam = Adam.builder().learningRate(0.01).build(model);
    Path checkpoint = folder.resolve("run.safetensors");
    History history = Trainer.builder(model, Loss.meanSquaredError(), adam).epochs(6)
        .batchSize(16).seed(1).restoreBestWeights(true).checkpointEvery(1, checkpoint).build()
        .fit(new Dataset(x, y), new Dataset(x, y.neg()));
    assertTrue(history.bestEpoch() < 4, () -> "the best epoch comes early: " + history);
    String beside = SafeTensors.list(checkpoint).metadata()
        .get("chainrule.early_stopping.best_weights_file");
    Path best = folder.resolve(beside);

    Tensor input = Tensors.randn(Shape.of(5, 4), 9L);
    Path given = folder.resolve("input.json");
    JSON.writeValue(given.toFile(), Map.of("input", rows(input)));
    Path script = Path.of(getClass().getResource("/torch/load_training_checkpoints.py").toURI());
    String output = run(folder, script.toString(), given.toString(), checkpoint.toString(),
        best.toString());
    assertTrue(output.startsWith("0\n"), "PyTorch refused a file:\n" + output);
    JsonNode torch = JSON.readTree(output.substring(2));
    List<Tensor> logits = new ArrayList<>();
    for (Path file : List.of(checkpoint, best)) {
      Sequential loaded = model();
      ModelCheckpoint.load(file, loaded, null);
      Tensor ours = loaded.forward(Variable.constant(input)).value();
      JsonNode theirs = torch.get(file.toString());
      assertClose(file.getFileName() + " logits", tensor(theirs.get("logits")), ours, 1e-12);
      assertEquals(adam.state().size(), theirs.get("optimizer").size(),
          "beside the model's, only the optimizer's tensors");
      logits.add(ours);
    }
    assertNotEquals(logits.get(0), logits.get(1), "two epochs' weights");
  }

  private static double[][] rows(Tensor matrix) {
    double[][] rows = new double[matrix.shape().dim(0)][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = matrix.slice(0, i, i + 1).reshape(matrix.shape().dim(1)).toArray();
    }
    return rows;
  }

  /** The exit code, a line break and the output (with standard error when it failed). */
  private static String run(Path folder, String... args) throws IOException,
      InterruptedException {
    List<String> command = new ArrayList<>(List.of(PYTHON));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(folder.toFile())
          .redirectError(folder.resolve("python-errors.txt").toFile()).start();
    } catch (IOException noPython) {
      return "-1\n" + noPython.getMessage();
    }
    // Importing torch takes a second or two; a minute means something is wrong.
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return "-1\ntimed out";
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      output += Files.readString(folder.resolve("python-errors.txt"));
    }
    return process.exitValue() + "\n" + output;
  }
}

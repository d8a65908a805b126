package dev.chainrule.optim.interop;

import static dev.chainrule.optim.interop.PyTorchStateDictTest.assertClose;
import static dev.chainrule.optim.interop.PyTorchStateDictTest.model;
import static dev.chainrule.optim.interop.PyTorchStateDictTest.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The other direction of {@link PyTorchStateDictTest}: PyTorch itself loads a checkpoint chainrule
 * wrote ({@code load_state_dict(strict=True)} into {@code Sequential(Linear(4, 16), Tanh(),
 * Linear(16, 3))}) and computes the logits, loss and gradients chainrule computes. Runs where a
 * Python with PyTorch is installed (Debian's {@code python3-torch}, which CI's machine has), and
 * is skipped, saying so, elsewhere. Tolerances as in {@link PyTorchStateDictTest}, for the same
 * reasons.
 */
class PyTorchLoadsOurCheckpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PYTHON =
      Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

  @ParameterizedTest
  @CsvSource({"FLOAT64, 1e-12", "FLOAT32, 1e-5"})
  void pyTorchLoadsOurCheckpointAndComputesOurOutputsAndGradients(DType dtype, double tolerance,
      @TempDir Path folder) throws IOException, InterruptedException, URISyntaxException {
    assumeTrue(run(folder, "-c", "import torch").exitCode == 0,
        "no PyTorch here (" + PYTHON + " cannot import torch)");
    Sequential model = model();
    model.to(dtype);
    Path file = folder.resolve("model.safetensors");
    ModelCheckpoint.save(file, model);

    Tensor input = Tensors.randn(Shape.of(7, 4), Tensors.seeded(11), dtype);
    Tensor labels = Tensor.vector(0, 2, 1, 1, 0, 2, 2);
    Path given = folder.resolve("input.json");
    JSON.writeValue(given.toFile(), Map.of("input", rows(input), "labels", new int[] {
        0, 2, 1, 1, 0, 2, 2}));
    Path script = Path.of(getClass().getResource("/torch/load_chainrule_checkpoint.py").toURI());
    Result torch = run(folder, script.toString(), file.toString(), given.toString());
    assertEquals(0, torch.exitCode, "PyTorch refused our checkpoint:\n" + torch.output);
    JsonNode expected = JSON.readTree(torch.output);

    Variable logits = model.forward(Variable.constant(input));
    assertClose("logits", tensor(expected.get("logits")), logits.value(), tolerance);
    Variable loss = Loss.softmaxCrossEntropy().compute(logits, labels);
    assertClose("loss", Tensor.scalar(expected.get("mean_softmax_cross_entropy").asDouble()),
        loss.value(), tolerance);
    loss.backward();
    for (Map.Entry<String, Variable> p : model.namedParameters().entrySet()) {
      assertClose("gradient of " + p.getKey(), tensor(expected.get("gradients").get(p.getKey())),
          p.getValue().grad(), tolerance);
    }
    assertEquals(model.namedParameters().keySet().size(), expected.get("gradients").size(),
        "PyTorch's model has exactly our parameters");
  }

  private static double[][] rows(Tensor matrix) {
    double[][] rows = new double[matrix.shape().dim(0)][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = matrix.to(DType.FLOAT64).slice(0, i, i + 1).reshape(matrix.shape().dim(1))
          .toArray();
    }
    return rows;
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Path folder, String... args) throws IOException,
      InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = PYTHON;
    System.arraycopy(args, 0, command, 1, args.length);
    Process process;
    try {
      // Standard error apart: a warning printed by torch must not end up inside the JSON.
      process = new ProcessBuilder(command).directory(folder.toFile())
          .redirectError(folder.resolve("python-errors.txt").toFile()).start();
    } catch (IOException noPython) {
      return new Result(-1, noPython.getMessage());
    }
    // Importing torch takes a second or two; a minute means something is wrong.
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, "timed out");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      output += Files.readString(folder.resolve("python-errors.txt"));
    }
    return new Result(process.exitValue(), output);
  }
}

package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.LoadReport;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's way to PyTorch and back where PyTorch has no safetensors package (Debian's
 * python3-torch 1.13, which the README names): {@code examples/pytorch/safetensors_io.py} reads a
 * checkpoint chainrule wrote, optimizer state included as the program's files hold it, into
 * PyTorch's own {@code load_state_dict(strict=True)}; PyTorch computes our logits, takes an SGD
 * step, and writes its state_dict, which {@code ModelCheckpoint.load(file, model)} reads back
 * into a model that computes PyTorch's logits after the step. Skipped, saying so, where Python
 * cannot import torch. Tolerances as in optim's PyTorchStateDictTest, for the same reasons: float64
 * to 1e-12 of the largest value (sums in another order, a few ulps), float32 to 1e-5.
 */
class PyTorchRoundTripTest {
  private static final String PYTHON =
      Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

  @ParameterizedTest
  @CsvSource({"FLOAT64, 1e-12", "FLOAT32, 1e-5"})
  void aModelGoesToPyTorchAndComesBackStepped(DType dtype, double tolerance,
      @TempDir Path dir) throws IOException, InterruptedException, URISyntaxException {
    assumeTrue(python(dir, "-c", "import torch").isEmpty(),
        "no PyTorch here (" + PYTHON + " cannot import torch)");
    Sequential model = Sequential.of(Dense.of(4, 16, 1L), Activation.tanh(), Dense.of(16, 3, 2L));
    model.to(dtype);
    Tensor x = Tensors.randn(Shape.of(7, 4), Tensors.seeded(11), dtype);
    Tensor labels = Tensor.vector(0, 2, 1, 1, 0, 2, 2);
    Optimizer adam = Adam.builder().learningRate(0.01).build(model);
    step(model, adam, x, labels);  // the file then holds Adam's moments, as --save's files do
    Path file = dir.resolve("model.safetensors");
    ModelCheckpoint.save(file, model, adam, Map.of("note", "from chainrule"));
    Path input = dir.resolve("input.safetensors");
    SafeTensors.write(input, Map.of("input", x, "labels", labels));

    Path helpers = Path.of("pytorch").toAbsolutePath();
    Path script = Path.of(getClass().getResource("/torch/round_trip.py").toURI());
    Path stepped = dir.resolve("from-torch.safetensors");
    Path result = dir.resolve("result.safetensors");
    String failure = python(dir, script.toString(), helpers.toString(), file.toString(),
        input.toString(), stepped.toString(), result.toString());
    assertEquals("", failure, "PyTorch could not take our checkpoint");
    Checkpoint torch = SafeTensors.read(result);

    assertClose("logits", torch.tensor("before"), model.forward(Variable.constant(x)).value(),
        tolerance);
    Sequential back = Sequential.of(Dense.of(4, 16, 7L), Activation.tanh(), Dense.of(16, 3, 8L));
    back.to(dtype);
    LoadReport report = ModelCheckpoint.load(stepped, back);
    assertTrue(report.isExactMatch(), report::toString);
    assertEquals("from chainrule", report.metadata().get("note"));
    assertClose("logits after PyTorch's step", torch.tensor("after"),
        back.forward(Variable.constant(x)).value(), tolerance);
    step(model, Sgd.builder(0.1).build(model), x, labels);
    for (Map.Entry<String, Variable> p : model.namedParameters().entrySet()) {
      assertClose(p.getKey() + " after the same step here", p.getValue().value(),
          back.namedParameters().get(p.getKey()).value(), tolerance);
    }
  }

  private static void step(Sequential model, Optimizer optimizer, Tensor x, Tensor labels) {
    optimizer.zeroGrad();
    Loss.softmaxCrossEntropy().compute(model.forward(Variable.constant(x)), labels).backward();
    optimizer.step();
  }

  private static void assertClose(String what, Tensor expected, Tensor actual, double tolerance) {
    assertEquals(expected.shape(), actual.shape(), what);
    assertEquals(expected.dtype(), actual.dtype(), what + ": PyTorch kept the type");
    double scale = Math.max(expected.to(DType.FLOAT64).abs().max().item(), Double.MIN_NORMAL);
    double gap = actual.to(DType.FLOAT64).sub(expected.to(DType.FLOAT64)).abs().max().item();
    assertTrue(gap <= tolerance * scale, () -> String.format(Locale.ROOT,
        "%s: off by %.3g, allowed %.3g%n"
        + "PyTorch %s%nchainrule %s", what, gap, tolerance * scale, expected, actual));
  }

  /** Runs Python; empty when it succeeded, else its exit code and standard error. */
  private static String python(Path dir, String... args) throws IOException,
      InterruptedException {
    List<String> command = new ArrayList<>(List.of(PYTHON));
    command.addAll(List.of(args));
    Path errors = dir.resolve("python-errors.txt");
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
    } catch (IOException noPython) {
      return noPython.getMessage();
    }
    // Importing torch takes a second or two; a minute means something is wrong.
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return "timed out";
    }
    return process.exitValue() == 0 ? ""
        : "exit " + process.exitValue() + ": " + Files.readString(errors, StandardCharsets.UTF_8);
  }
}

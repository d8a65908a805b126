package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learning rate a file stores as F32 (as a float32 tool writes its optimizer's state) is
 * printed as the float it is: {@code --load} said "lr 0.019999999552965164" for 0.02f.
 */
class Float32RateTest {
  @TempDir
  Path dir;

  @Test
  void aFloat32RateFromTheFileIsPrintedByItsShortestDigits() {
    Path saved = dir.resolve("f64.safetensors");
    assertEquals(0, Cli.run("iris", "--epochs", "1", "--lr", "0.02", "--save", saved.toString(),
        "--out", dir.resolve("a").toString()).exitCode());
    // The same file, its optimizer's rate rewritten by hand as an F32 scalar.
    Checkpoint file = SafeTensors.read(saved);
    Map<String, Tensor> tensors = new LinkedHashMap<>(file.tensors());
    String lr = ModelCheckpoint.OPTIMIZER_PREFIX + "lr";
    assertEquals(Tensor.scalar(0.02), tensors.get(lr), "the key the program saves the rate under");
    tensors.put(lr, Tensor.scalar(0.02).to(DType.FLOAT32));
    Path f32 = dir.resolve("f32.safetensors");
    SafeTensors.write(f32, tensors, file.metadata());
    assertEquals("F32", SafeTensors.read(f32).fileTypes().get(lr));

    Cli.Result resumed = Cli.run("iris", "--load", f32.toString(), "--epochs", "1", "--out",
        dir.resolve("b").toString());
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains("adam, lr 0.02, batch"), resumed.out());
    assertTrue(resumed.out().contains("continuing adam's state from f32.safetensors, at lr"
        + " 0.02\n"), resumed.out());
    assertFalse(resumed.out().contains("0.0199999"), resumed.out());
  }
}

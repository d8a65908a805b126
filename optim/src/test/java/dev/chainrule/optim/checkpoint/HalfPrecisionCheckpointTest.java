package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F16 and BF16 files, as PyTorch saves half-precision models: read as float32, exactly; loaded
 * into float32 and float64 models with a report that names the file's type; refused on the same
 * values as an F32 file. Files are built by hand from the elements' bits.
 */
class HalfPrecisionCheckpointTest {
  @TempDir
  Path dir;

  /** A tensor of 16-bit elements: its name, shape and the elements' bits. */
  record Bits(String name, int[] shape, int... bits) {}

  /** A file of 16-bit tensors of one type, in order, with metadata given as JSON members. */
  static byte[] file(String type, String metadata, Bits... tensors) {
    List<String> entries = new ArrayList<>();
    List<Integer> all = new ArrayList<>();
    for (Bits t : tensors) {
      entries.add("\"" + t.name() + "\":{\"dtype\":\"" + type + "\",\"shape\":"
          + Arrays.toString(t.shape()).replace(" ", "") + ",\"data_offsets\":[" + 2 * all.size()
          + "," + 2 * (all.size() + t.bits().length) + "]}");
      Arrays.stream(t.bits()).forEach(all::add);
    }
    String meta = metadata.isEmpty() ? "" : "\"__metadata__\":{" + metadata + "},";
    return RawFiles.file("{" + meta + String.join(",", entries) + "}",
        RawFiles.bits16(all.stream().mapToInt(Integer::intValue).toArray()));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void halfPrecisionTensorsAreReadAsFloat32Exactly() {
    // 1, the smallest subnormal, −0, the largest finite value, the nearest to 1/3.
    Checkpoint f16 = SafeTensors.fromBytes(file("F16", "",
        new Bits("h", new int[] {5}, 0x3c00, 0x0001, 0x8000, 0x7bff, 0x3555)));
    assertEquals(Tensor.of(new float[] {1, 0x1p-24f, -0f, 65504, 0.333251953125f}, 5),
        f16.tensor("h"));
    Checkpoint bf16 = SafeTensors.fromBytes(file("BF16", "",
        new Bits("b", new int[] {5}, 0x3f80, 0x0001, 0x8000, 0x7f7f, 0x3eab)));
    assertEquals(Tensor.of(new float[] {1, 0x1p-133f, -0f, 0x1.fep127f, 0.333984375f}, 5),
        bf16.tensor("b"));
    assertEquals(Map.of("h", "F16"), f16.fileTypes());
    assertEquals(Map.of("b", "BF16"), bf16.fileTypes());
  }

  /** The file types say where values came from; checkpoints holding the same values are equal. */
  @Test
  void fileTypesAreKeptButDoNotMakeCheckpointsDiffer() {
    Checkpoint half = SafeTensors.fromBytes(file("F16", "", new Bits("w", new int[] {2},
        0x3800, 0xfc00)));
    Checkpoint single = SafeTensors.fromBytes(SafeTensors.toBytes(
        Map.of("w", Tensor.of(new float[] {0.5f, Float.NEGATIVE_INFINITY}, 2)), Map.of()));
    assertEquals(Map.of("w", "F32"), single.fileTypes());
    assertEquals(single, half);
    assertEquals(single.hashCode(), half.hashCode());
    assertEquals(half, new Checkpoint(half.tensors(), half.metadata()), "made in memory");
    assertEquals(Map.of(), new Checkpoint(half.tensors(), half.metadata()).fileTypes());
    assertNotEquals(single, new Checkpoint(half.tensors(), Map.of("epoch", "1")));
  }

  @Test
  void fileTypesMustFitTheTensors() {
    Map<String, Tensor> tensors = Map.of("w", Tensor.vector(1, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint(tensors, Map.of(), Map.of("v", "F64")));
    assertEquals("checkpoint: a file type is given for \"v\", which is not among the tensors [w]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint(tensors, Map.of(), Map.of("w", "C64")));
    assertEquals("checkpoint: tensor \"w\" has file type \"C64\"; chainrule reads BOOL, U8, I8,"
        + " F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64 and U64 only",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint(tensors, Map.of(), Map.of("w", "F16")));
    assertEquals("checkpoint: tensor \"w\" is float64, but F16 is read as float32", e.getMessage());
    assertEquals(Map.of("w", "I64"), new Checkpoint(tensors, Map.of(), Map.of("w", "I64"))
        .fileTypes());
  }

  /** Sequential(Dense(2, 1)): 0.weight [1, 2] = (0.5, −0.25), 0.bias [1] = 0.125. */
  private static byte[] dense(String type) {
    int[] weight = type.equals("F16") ? new int[] {0x3800, 0xb400} : new int[] {0x3f00, 0xbe80};
    int bias = type.equals("F16") ? 0x3000 : 0x3e00;
    return file(type, "", new Bits("0.weight", new int[] {1, 2}, weight),
        new Bits("0.bias", new int[] {1}, bias));
  }

  @Test
  void theLoadReportNamesTheFilesType() throws IOException {
    for (String type : List.of("F16", "BF16")) {
      Path file = write(type + ".safetensors", dense(type));
      for (DType dtype : DType.values()) {
        Sequential model = Sequential.of(Dense.of(2, 1, 1)).to(dtype);
        LoadReport report = ModelCheckpoint.load(file, model, null);
        assertEquals(List.of("0.weight: " + type + " -> " + dtype + " (exact)",
            "0.bias: " + type + " -> " + dtype + " (exact)"), report.converted());
        assertEquals(Tensor.of(new double[] {0.5, -0.25}, 1, 2).to(dtype),
            model.stateDict().get("0.weight"));
        assertEquals(Tensor.vector(0.125).to(dtype), model.stateDict().get("0.bias"));
      }
    }
  }

  /**
   * I64 is read as float64, and was reported as "float64 -> float32" into a float32 parameter and
   * not at all into a float64 one. Into float32 a whole number beyond 2^24 may round (2^24 + 1
   * does, 2^30 does not): the report says which happened.
   */
  @Test
  void anInt64TensorIsReportedAsI64WithWhatFloat32MadeOfIt() {
    Function<double[], LoadReport> load = weights -> {
      Sequential source = Sequential.of(Dense.of(2, 1, 1));
      Map<String, Tensor> state = new LinkedHashMap<>(source.stateDict());
      state.put("0.weight", Tensor.of(weights, 1, 2));
      Path file = dir.resolve("ints.safetensors");
      SafeTensors.writeWithInt64(file, state, Map.of(), Set.of("0.weight"));
      Sequential narrow = Sequential.of(Dense.of(2, 1, 1)).to(DType.FLOAT32);
      LoadReport wide = ModelCheckpoint.load(file, Sequential.of(Dense.of(2, 1, 1)), null);
      assertEquals(List.of("0.weight: I64 -> float64 (exact)"), wide.converted());
      return ModelCheckpoint.load(file, narrow, null);
    };
    // The bias is Dense's initial 0, which float32 holds: exact.
    assertEquals(List.of("0.weight: I64 -> float32 (exact)", "0.bias: float64 -> float32"
        + " (exact)"), load.apply(new double[] {-3, 0x1p30}).converted());
    assertEquals(List.of("0.weight: I64 -> float32 (rounded to nearest: 16777217 at element 1"
        + " becomes 16777216; float32 holds every whole number only to 2^24)",
        "0.bias: float64 -> float32 (exact)"),
        load.apply(new double[] {-3, 0x1p24 + 1}).converted());
  }

  /**
   * A weight that is not finite is refused, from an F16 file as from an F32 one, in the same
   * words; a buffer of a module's own may hold −∞ in either.
   */
  @Test
  void valuesThatAreNotFiniteBehaveAsInAFloat32File() throws IOException {
    String why = ": a model with a value that is not finite answers NaN or infinity wherever it"
        + " reaches (was the file saved from a run that diverged?)";
    for (DType dtype : DType.values()) {
      for (int bad : new int[] {0xfc00, 0x7e00}) {  // −∞, NaN
        Path half = write("m.safetensors", file("F16", "", new Bits("0.weight",
            new int[] {1, 2}, 0x3800, bad), new Bits("0.bias", new int[] {1}, 0x3000)));
        Path single = dir.resolve("m32.safetensors");
        float value = Float.intBitsToFloat(HalfFloats.f16ToFloatBits(bad));
        SafeTensors.write(single, Map.of("0.weight", Tensor.of(new float[] {0.5f, value}, 1, 2),
            "0.bias", Tensor.of(new float[] {0.125f}, 1)), Map.of());
        assertEquals(SafeTensors.read(single), SafeTensors.read(half), "read alike");
        String message = "m.safetensors: 0.weight: " + (Float.isNaN(value) ? "NaN" : "-Infinity")
            + " at element 1" + why;
        for (Path file : List.of(half, single)) {
          Sequential model = Sequential.of(Dense.of(2, 1, 1)).to(dtype);
          Map<String, Tensor> before = model.stateDict();
          IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
              () -> ModelCheckpoint.load(file, model, null));
          assertEquals(message.replace("m.safetensors", file.getFileName().toString()),
              e.getMessage());
          assertEquals(before, model.stateDict(), "a refused load changes nothing");
        }
      }
    }
    // LoadedValuesTest.Masked: a mask buffer of (0, −∞) and a Dense(2, 2).
    Path masked = write("masked.safetensors", file("F16", "",
        new Bits("mask", new int[] {2}, 0x0000, 0xfc00),
        new Bits("dense.weight", new int[] {2, 2}, 0x3c00, 0, 0, 0x3c00),
        new Bits("dense.bias", new int[] {2}, 0, 0)));
    Module loaded = new LoadedValuesTest.Masked();
    ModelCheckpoint.load(masked, loaded, null);
    assertEquals(List.of(0.0, Double.NEGATIVE_INFINITY), Arrays.stream(
        loaded.stateDict().get("mask").toArray()).boxed().toList());
    // Into float32 too, and reported exact: −∞ is an F16 value float32 holds (the check a
    // whole-number type gets, the round trip through float32, would find ∞ − ∞ = NaN).
    Module narrow = new LoadedValuesTest.Masked().to(DType.FLOAT32);
    LoadReport report = ModelCheckpoint.load(masked, narrow, null);
    assertEquals(List.of("mask: F16 -> float32 (exact)", "dense.weight: F16 -> float32 (exact)",
        "dense.bias: F16 -> float32 (exact)"), report.converted());
    assertEquals(Float.NEGATIVE_INFINITY, narrow.stateDict().get("mask").toFloatArray()[1]);
  }

  /** safetensors' save_model writes a tied tensor once: its other path gets its file type too. */
  @Test
  void aTiedPathReadThroughTheMetadataIsReportedWithItsFileType() throws IOException {
    int[] identity = {0x3f80, 0, 0, 0, 0x3f80, 0, 0, 0, 0x3f80};
    Path file = write("tied.safetensors", file("BF16",
        "\"2.weight\":\"0.weight\",\"2.bias\":\"0.bias\"",
        new Bits("0.weight", new int[] {3, 3}, identity),
        new Bits("0.bias", new int[] {3}, 0x3f80, 0, 0xbf80)));
    Dense shared = Dense.of(3, 3, 1);
    LoadReport report = ModelCheckpoint.load(file,
        Sequential.of(shared, Activation.tanh(), shared), null);
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), report.loaded());
    assertEquals(Stream.of("0.weight", "0.bias", "2.weight", "2.bias")
        .map(name -> name + ": BF16 -> float64 (exact)").toList(), report.converted());
    assertEquals(Tensor.vector(1, 0, -1), shared.stateDict().get("bias"));
  }
}

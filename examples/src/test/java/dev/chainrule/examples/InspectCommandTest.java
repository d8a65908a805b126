package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.checkpoint.TensorListing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir
  Path dir;

  @Test
  void listsACheckpointsTensorsAndMetadata() {
    Path file = dir.resolve("model.safetensors");
    Sequential model = Sequential.of(Dense.of(4, 16, 1L), Activation.tanh(), Dense.of(16, 3, 2L));
    ModelCheckpoint.save(file, model.to(DType.FLOAT32), null, Map.of("epoch", "3"));
    Cli.Result r = Cli.run("inspect", file.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of(
        "model.safetensors: 4 tensors, 131 values, 524 bytes of data",
        "  0.weight  F32   [16, 4]",
        "  0.bias    F32   [16]",
        "  2.weight  F32   [3, 16]",
        "  2.bias    F32   [3]",
        "metadata:",
        "  format = pt",  // every checkpoint says it, as safetensors.torch.save_file does
        "  epoch = 3",
        "{\"file\":\"" + file + "\",\"tensors\":[{\"name\":\"0.weight\",\"dtype\":\"F32\","
            + "\"shape\":[16,4],\"readable\":true},{\"name\":\"0.bias\",\"dtype\":\"F32\","
            + "\"shape\":[16],\"readable\":true},{\"name\":\"2.weight\",\"dtype\":\"F32\","
            + "\"shape\":[3,16],\"readable\":true},{\"name\":\"2.bias\",\"dtype\":\"F32\","
            + "\"shape\":[3],\"readable\":true}],"
            + "\"metadata\":{\"format\":\"pt\",\"epoch\":\"3\"}}"),
        r.lines());
  }

  /** PyTorch's BatchNorm counter is an I64 scalar: listed as the file names it. */
  @Test
  void listsTypesChainruleDoesNotRead() throws IOException {
    String header = "{\"1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],"
        + "\"data_offsets\":[0,8]}}";
    byte[] text = header.getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("bn.safetensors");
    Files.write(file, ByteBuffer.allocate(8 + text.length + 8).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(text.length).put(text).putLong(5).array());
    Cli.Result r = Cli.run("inspect", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of("bn.safetensors: 1 tensor, 1 value, 8 bytes of data",
        "  1.num_batches_tracked  I64   []"), r.lines());
  }

  /**
   * inspect reads the header alone, so an I64 value beyond 2^53 (a large seed) is not seen:
   * "readable" is the type and shape, which the help says, while reading the file lists the
   * tensor as unreadable. The listing called it readable and the help did not say of what.
   */
  @Test
  void readableIsJudgedFromTheHeaderAsTheHelpSays() throws IOException {
    String header = "{\"seed\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}";
    byte[] text = header.getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("seed.safetensors");
    Files.write(file, ByteBuffer.allocate(8 + text.length + 8).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(text.length).put(text).putLong(1L << 62).array());
    Cli.Result r = Cli.run("inspect", file.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.lines().get(2).contains("\"readable\":true"), r.out());
    assertEquals(List.of("seed"),
        SafeTensors.read(file).unreadable().stream().map(TensorListing.Entry::name).toList());
    String help = String.join(" ", Cli.run("inspect", "--help").out().split("\\s+"));
    assertTrue(help.contains("Only the header is read: a tensor is marked \"(not read by"
        + " chainrule)\" for its type or shape; an I64 or U64 tensor listed unmarked is still"
        + " refused when read if it holds a value beyond +-2^53."), help);
    assertTrue(help.contains("\"readable\": of a type and shape chainrule reads, from the"
        + " header"), help);
  }

  /**
   * A type chainrule does not read (C64, PyTorch's complex64) is listed and marked; the whole
   * numbers it reads (I32 here) are not.
   */
  @Test
  void marksTypesChainruleDoesNotRead() throws IOException {
    String header = "{\"phase\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]},"
        + "\"index\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
    byte[] text = header.getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("complex.safetensors");
    Files.write(file, ByteBuffer.allocate(8 + text.length + 16).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(text.length).put(text).array());
    Cli.Result r = Cli.run("inspect", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of("complex.safetensors: 2 tensors, 3 values, 16 bytes of data",
        "  phase  C64   [1]  (not read by chainrule)", "  index  I32   [2]"), r.lines());
    Cli.Result json = Cli.run("inspect", file.toString(), "--json");
    String last = json.lines().get(json.lines().size() - 1);
    assertTrue(last.contains("{\"name\":\"phase\",\"dtype\":\"C64\",\"shape\":[1],"
        + "\"readable\":false}"), last);
    assertTrue(last.contains("{\"name\":\"index\",\"dtype\":\"I32\",\"shape\":[2],"
        + "\"readable\":true}"), last);
  }

  /**
   * A tensor of no elements with a dimension beyond 2^31 − 1 ({@code torch.empty(2**31, 0)}) is
   * listed with its dimensions as the header gives them and marked: it refused the whole file
   * ("dimension 2147483648 exceeds 2^31 - 1").
   */
  @Test
  void listsAndMarksAnEmptyTensorOfAnOutsizedDimension() throws IOException {
    String header = "{\"empty\":{\"dtype\":\"F32\",\"shape\":[2147483648,0],"
        + "\"data_offsets\":[0,0]},\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
    byte[] text = header.getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("empty.safetensors");
    Files.write(file, ByteBuffer.allocate(8 + text.length + 8).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(text.length).put(text).putDouble(1.5).array());
    Cli.Result r = Cli.run("inspect", file.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of("empty.safetensors: 2 tensors, 1 value, 8 bytes of data",
        "  empty  F32   [2147483648, 0]  (not read by chainrule)", "  w      F64   [1]",
        "{\"file\":\"" + file + "\",\"tensors\":[{\"name\":\"empty\",\"dtype\":\"F32\","
            + "\"shape\":[2147483648,0],\"readable\":false},{\"name\":\"w\",\"dtype\":\"F64\","
            + "\"shape\":[1],\"readable\":true}],\"metadata\":{}}"), r.lines());
  }

  /** A file's text cannot break the layout or send escape codes to the terminal. */
  @Test
  void controlCharactersInNamesAndMetadataAreNotPrinted() {
    Path file = dir.resolve("odd.safetensors");
    SafeTensors.write(file, Map.of("w\u001b[31m", Tensors.zeros(1)),
        Map.of("note", "two\nlines \u001b[2J"));
    Cli.Result r = Cli.run("inspect", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of("odd.safetensors: 1 tensor, 1 value, 8 bytes of data",
        "  w?[31m  F64   [1]", "metadata:", "  note = two?lines ?[2J"), r.lines());
  }

  /** A megabyte in one metadata value is cut for people, whole in the JSON line. */
  @Test
  void aHugeMetadataValueIsCutInTheListing() {
    Path file = dir.resolve("long.safetensors");
    String value = "x".repeat(1_000_000);
    SafeTensors.write(file, Map.of("w", Tensors.zeros(1)), Map.of("long", value));
    Cli.Result r = Cli.run("inspect", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("  long = " + "x".repeat(20_000) + "… (1,000,000 characters; --json prints"
        + " them all)", r.lines().get(r.lines().size() - 1));
    Cli.Result json = Cli.run("inspect", file.toString(), "--json");
    assertTrue(json.out().contains("\"long\":\"" + value + "\""), "whole in JSON");
  }

  @Test
  void aDeviceIsNamedAsOne() {
    Cli.Result r = Cli.run("inspect", "/dev/null");
    assertEquals(1, r.exitCode());
    assertEquals("error: /dev/null is not a regular file (a device, a FIFO or a socket), not a"
        + " safetensors file", r.err().strip());
  }

  @Test
  void aFolderIsNamedAsOne() {
    // Paths of the wrong kind: usage errors, as the other commands' are (they were exit 1).
    Cli.Result r = Cli.run("inspect", dir.toString());
    assertEquals(2, r.exitCode());
    assertEquals("error: " + dir + " is a folder, not a safetensors file (see 'chainrule inspect"
        + " --help')\n", r.err());
    // An empty path names the working folder, and the message named no path at all.
    Cli.Result empty = Cli.run("inspect", "");
    assertEquals(2, empty.exitCode());
    assertEquals("error: the path is empty: give a safetensors file (see 'chainrule inspect"
        + " --help')\n", empty.err());
  }

  @Test
  void aMissingOrDamagedFileIsOneLine() throws IOException {
    Cli.Result missing = Cli.run("inspect", dir.resolve("nope.safetensors").toString());
    assertEquals(1, missing.exitCode());
    assertEquals("error: no such file: " + dir.resolve("nope.safetensors") + "\n", missing.err());
    Path damaged = dir.resolve("damaged.safetensors");
    Files.write(damaged, new byte[] {1, 2, 3});
    Cli.Result r = Cli.run("inspect", damaged.toString());
    assertEquals(1, r.exitCode());
    assertEquals("error: " + damaged + ": file shorter than the 8-byte header length: it has 3"
        + " bytes\n", r.err());
  }
}

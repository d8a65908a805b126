package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing a file's header: any type the format defines, with the reader's validation. */
class TensorListingTest {
  @TempDir
  Path folder;

  private Path write(String header, byte[] data) throws IOException {
    Path file = folder.resolve("file.safetensors");
    Files.write(file, RawFiles.file(header, data));
    return file;
  }

  @Test
  void listsTypesChainruleDoesNotReadAndTheMetadata() throws IOException {
    // A BatchNorm's counter is an I64 scalar in PyTorch's files; C64 is a type chainrule does not
    // read.
    Path file = write("{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"steps\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
        + "\"w\":{\"dtype\":\"C64\",\"shape\":[2,3],\"data_offsets\":[8,56]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[56,68]}}", new byte[68]);
    TensorListing listing = SafeTensors.list(file);
    assertEquals(List.of(new TensorListing.Entry("steps", "I64", Shape.scalar(), 8),
        new TensorListing.Entry("w", "C64", Shape.of(2, 3), 48),
        new TensorListing.Entry("b", "F32", Shape.of(3), 12)), listing.tensors());
    assertEquals(Map.of("format", "pt"), listing.metadata());
    assertEquals(68, listing.dataBytes());
    assertEquals(List.of(listing.tensors().get(1)), SafeTensors.read(file).unreadable(),
        "reading leaves it out and reads the rest");
    assertEquals(List.of(true, false, true),
        listing.tensors().stream().map(TensorListing.Entry::readable).toList(),
        "an entry says whether reading takes it");
    assertEquals(false, new TensorListing.Entry("x", "F99", Shape.of(1), 8).readable(),
        "a name the format does not define");
  }

  @Test
  void validatesTheLayoutAsReadingDoes() throws IOException {
    Path truncated = write("{\"w\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}",
        new byte[8]);
    assertEquals(CheckpointException.Rule.DATA_END,
        assertThrows(CheckpointException.class, () -> SafeTensors.list(truncated)).rule());
    Path halfByte = write("{\"w\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}",
        new byte[2]);
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> SafeTensors.list(halfByte));
    assertEquals(CheckpointException.Rule.SIZE_MISMATCH, e.rule());
    assertEquals(halfByte + ": shape and dtype do not match the byte range: tensor \"w\": 3"
        + " elements of F4 do not fill whole bytes", e.getMessage());
  }
}

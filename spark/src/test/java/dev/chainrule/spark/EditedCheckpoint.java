package dev.chainrule.spark;

import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A checkpoint copied with its metadata edited, as another tool (or an older run) wrote it. */
final class EditedCheckpoint {
  private EditedCheckpoint() {}

  /** {@code from}'s tensors and metadata, {@code edit}ed, written to {@code to}. */
  static Path copy(Path from, Path to, Consumer<Map<String, String>> edit) {
    Checkpoint read = SafeTensors.read(from);
    Map<String, String> metadata = new LinkedHashMap<>(read.metadata());
    edit.accept(metadata);
    // Counters (Adam's step count) stay I64 as the run wrote them.
    Set<String> integers = read.fileTypes().entrySet().stream()
        .filter(type -> type.getValue().equals("I64")).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    SafeTensors.writeWithInt64(to, read.tensors(), metadata, integers);
    return to;
  }
}

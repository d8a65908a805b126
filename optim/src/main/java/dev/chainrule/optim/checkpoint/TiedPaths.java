package dev.chainrule.optim.checkpoint;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The paths of a model that hold one tensor (tied weights), and a file's names for them. */
final class TiedPaths {
  private TiedPaths() {}

  /**
   * For each later path of a tensor the model holds at several paths, the first path to it (the
   * name {@link Module#namedParameters()} gives it); other paths are absent. By the value tensor,
   * not the variable: two layers made from one tensor (Dense.of(w, b) given the same w twice)
   * hold one value too, and loading differing values into it kept the last one for both, with a
   * report of an exact match.
   */
  static Map<String, String> firstPaths(Module model) {
    Map<Tensor, String> firsts = new IdentityHashMap<>();
    Map<String, String> paths = new LinkedHashMap<>();
    model.namedParameters(false).forEach((path, p) -> {
      String first = firsts.putIfAbsent(p.value(), path);
      if (first != null) {
        paths.put(path, first);
      }
    });
    return paths;
  }

  /**
   * The name the file's metadata gives {@code path} as an alias, when the model ties the two
   * ({@code firstPaths} as {@link #firstPaths} makes it); else null. Only between paths the model
   * itself ties: a metadata entry that merely shares a path's name must not load another tensor
   * into it.
   */
  static String tiedAlias(Checkpoint checkpoint, Map<String, String> firstPaths, String path) {
    String alias = checkpoint.metadata().get(path);
    return alias != null && firstPaths.getOrDefault(path, path)
        .equals(firstPaths.getOrDefault(alias, alias)) ? alias : null;
  }

  /**
   * The file with every tied path the model reads: safetensors' {@code save_model} writes a tied
   * tensor once and names its other paths in the metadata ({@code "out.weight": "emb.weight"}).
   * Only between paths the model ties ({@link #tiedAlias}).
   */
  static Checkpoint withAliases(Checkpoint checkpoint, Module model) {
    Map<String, String> firsts = firstPaths(model);
    Map<String, Tensor> tensors = new LinkedHashMap<>(checkpoint.tensors());
    Map<String, String> fileTypes = new LinkedHashMap<>(checkpoint.fileTypes());
    List<TensorListing.Entry> unreadable = new ArrayList<>(checkpoint.unreadable());
    Map<String, String> inexact = new LinkedHashMap<>(checkpoint.inexact());
    for (String path : model.namedParameters(false).keySet()) {
      String alias = tiedAlias(checkpoint, firsts, path);
      if (alias == null || tensors.containsKey(path) || checkpoint.unreadable(path).isPresent()) {
        continue;
      }
      if (checkpoint.tensors().containsKey(alias)) {
        tensors.put(path, checkpoint.tensors().get(alias));
        if (checkpoint.fileTypes().containsKey(alias)) {
          fileTypes.put(path, checkpoint.fileTypes().get(alias));
        }
      } else {
        // The alias of a tensor of a type chainrule does not read is as unreadable as it.
        checkpoint.unreadable(alias).ifPresent(e -> unreadable.add(
            new TensorListing.Entry(path, e.dtype(), e.dims(), e.bytes())));
        if (checkpoint.inexact().containsKey(alias)) {
          inexact.put(path, checkpoint.inexact().get(alias));
        }
      }
    }
    return tensors.size() == checkpoint.tensors().size()
        && unreadable.size() == checkpoint.unreadable().size() ? checkpoint
        : new Checkpoint(tensors, checkpoint.metadata(), fileTypes, unreadable, inexact,
            checkpoint.source());
  }

  /**
   * For each path the file lacks (aliases read) whose tensor the model holds at another path the
   * file has, in a shape that loads, that other path (the earliest such): loading it fills this
   * one, since the model holds one tensor for both. A file written by hand or by another tool
   * with the tensor once and no alias (emb.weight for an output projection tied to it) was
   * reported as missing out.weight by a load that had in fact filled it.
   */
  static Map<String, String> filledThroughTies(Checkpoint checkpoint, Module model) {
    Map<Tensor, List<String>> paths = new IdentityHashMap<>();
    model.namedParameters(false).forEach((path, p) ->
        paths.computeIfAbsent(p.value(), t -> new ArrayList<>()).add(path));
    Map<String, String> fills = new LinkedHashMap<>();
    paths.forEach((tensor, tied) -> {
      String via = tied.stream().filter(path -> checkpoint.tensors().containsKey(path)
          && StateMatch.fits(checkpoint.tensors().get(path).shape(), tensor.shape()))
          .findFirst().orElse(null);
      for (String path : tied) {
        if (via != null && !checkpoint.tensors().containsKey(path)
            && checkpoint.unreadable(path).isEmpty()) {
          fills.put(path, via);
        }
      }
    });
    return fills;
  }

  /**
   * The checkpoint with each path of {@code fills} holding the value of the path it names, and no
   * type in the file: it is not in the file, and the path it names reports the file's type.
   */
  static Checkpoint filled(Checkpoint checkpoint, Map<String, String> fills) {
    if (fills.isEmpty()) {
      return checkpoint;
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>(checkpoint.tensors());
    fills.forEach((path, via) -> tensors.put(path, checkpoint.tensors().get(via)));
    return new Checkpoint(tensors, checkpoint.metadata(), checkpoint.fileTypes(),
        checkpoint.unreadable(), checkpoint.inexact(), checkpoint.source());
  }

  /**
   * What a strict load that refuses a file lacking tied paths adds to its refusal: which path
   * holds each one's tensor, and the ways to load or write such a file.
   */
  static String strictNote(Map<String, String> fills) {
    List<String> ties = new ArrayList<>();
    fills.forEach((path, via) -> ties.add(path + " is tied to " + via));
    return "; " + String.join(", ", ties) + ", which the file holds: the model holds one tensor"
        + " for both, but a strict load wants every path, as a state_dict has them"
        + " (ModelCheckpoint.loadMatching fills a tied path through its tie and reports it;"
        + " ModelCheckpoint.save writes the tensor under every path)";
  }
}

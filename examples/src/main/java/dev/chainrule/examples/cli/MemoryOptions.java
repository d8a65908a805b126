package dev.chainrule.examples.cli;

/**
 * A command whose options set how much memory it needs: an out-of-memory error's advice names
 * them. The advice was one sentence for every command ("try smaller --hidden widths or
 * --batch-size"), which sent {@code blobs --points 300000000} to options that were not the
 * cause and named options {@code predict} does not have.
 */
public interface MemoryOptions {
  /**
   * The options whose smaller values need less memory, as the advice lists them.
   *
   * @return such as {@code --points, --hidden widths or --batch-size}
   */
  String memoryOptions();
}

package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The size of a picture in pixels.
 *
 * @param width pixels across, positive
 * @param height pixels down, positive
 */
public record PictureSize(int width, int height) {
  /** Validates the size. */
  public PictureSize {
    checkArgument(width > 0 && height > 0, "picture size: %s x %s must be positive", width, height);
  }
}

package dev.chainrule.core;

/**
 * The setters {@link Conv2dOptions.Builder} and {@link Pool2dOptions.Builder} share: how a window
 * (a kernel) slides over the height and width of an NCHW batch. Each value is checked when the
 * options are built, and the defaults are each builder's.
 *
 * @param <B> the builder itself, returned by every setter
 */
public abstract class WindowOptions<B extends WindowOptions<B>> {
  int strideHeight;
  int strideWidth;
  int paddingHeight;
  int paddingWidth;
  int dilationHeight = 1;
  int dilationWidth = 1;

  WindowOptions(int strideHeight, int strideWidth) {
    this.strideHeight = strideHeight;
    this.strideWidth = strideWidth;
  }

  /**
   * The same stride along both axes.
   *
   * @param both rows and columns between window positions
   * @return this builder
   */
  public B stride(int both) {
    return stride(both, both);
  }

  /**
   * The stride along height and width.
   *
   * @param height rows between window positions
   * @param width columns between window positions
   * @return this builder
   */
  public B stride(int height, int width) {
    this.strideHeight = height;
    this.strideWidth = width;
    return self();
  }

  /**
   * The same padding on every side.
   *
   * @param both rows and columns added
   * @return this builder
   */
  public B padding(int both) {
    return padding(both, both);
  }

  /**
   * Padding along height (above and below) and width (left and right).
   *
   * @param height rows added on each side
   * @param width columns added on each side
   * @return this builder
   */
  public B padding(int height, int width) {
    this.paddingHeight = height;
    this.paddingWidth = width;
    return self();
  }

  /**
   * The same dilation along both axes.
   *
   * @param both spacing of the window's taps
   * @return this builder
   */
  public B dilation(int both) {
    return dilation(both, both);
  }

  /**
   * The dilation along height and width.
   *
   * @param height rows between taps
   * @param width columns between taps
   * @return this builder
   */
  public B dilation(int height, int width) {
    this.dilationHeight = height;
    this.dilationWidth = width;
    return self();
  }

  abstract B self();
}

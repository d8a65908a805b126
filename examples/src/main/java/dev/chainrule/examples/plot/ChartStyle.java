package dev.chainrule.examples.plot;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look every chart shares: white, sans-serif, Tableau colours, the legend on the right. */
final class ChartStyle {
  static {
    Headless.ensure();
  }

  /** Java's logical sans-serif font: on every runtime; DejaVu Sans on most Linux systems. */
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  /** The axes' tick labels' font. */
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Color GRID = new Color(0xE6E6E6);

  private ChartStyle() {}

  /** Applies the shared look to a chart with axes. */
  static void apply(AxesChartStyler styler) {
    styler.setChartBackgroundColor(Color.WHITE)
        .setPlotBackgroundColor(Color.WHITE)
        .setChartFontColor(Palette.INK)
        .setChartTitleFont(TITLE)
        .setChartTitleBoxVisible(false)
        .setLegendFont(LABEL)
        .setLegendBorderColor(GRID)
        .setLegendPosition(Styler.LegendPosition.OutsideE)
        .setSeriesColors(Palette.colors())
        .setAntiAlias(true)
        .setToolTipsEnabled(false);
    styler.setAxisTitleFont(LABEL);
    styler.setAxisTickLabelsFont(TICK);
    styler.setAxisTickLabelsColor(Palette.INK);
    styler.setPlotGridLinesColor(GRID);
    styler.setPlotBorderColor(Palette.INK);
    // Decimal points, not commas, whatever the machine's locale.
    styler.setLocale(java.util.Locale.ROOT);
  }
}

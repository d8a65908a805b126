package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {
  @Test
  void tenDistinctClassColoursAndTints() {
    Set<Color> colours = new HashSet<>();
    for (int k = 0; k < Palette.SIZE; k++) {
      colours.add(Palette.color(k));
      colours.add(Palette.region(k));
    }
    assertEquals(2 * Palette.SIZE, colours.size());
    for (int k = 0; k < Palette.SIZE; k++) {
      // A tint is lighter than its colour, so the points drawn on it stand out.
      assertTrue(Palette.luminance(Palette.region(k)) > Palette.luminance(Palette.color(k)));
    }
  }

  @Test
  void heatDarkensStepByStepAndKeepsDarkTextLegible() {
    Color[] heat = Palette.heat();
    for (int i = 1; i < heat.length; i++) {
      assertTrue(Palette.luminance(heat[i]) < Palette.luminance(heat[i - 1]), "step " + i);
    }
    // WCAG contrast of the counts' ink on the darkest shade: at least 4.5:1 for body text.
    double contrast = (Palette.luminance(heat[heat.length - 1]) + 0.05)
        / (Palette.luminance(Palette.INK) + 0.05);
    assertTrue(contrast >= 4.5, "contrast " + contrast);
  }
}

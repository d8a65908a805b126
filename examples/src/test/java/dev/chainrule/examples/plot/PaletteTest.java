package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
  @Test
  void onlyTheTenColoursAreThere() {
    assertEquals(new Color(0xBAB0AC), Palette.color(Palette.SIZE - 1));
    for (int k : new int[] {-1, Palette.SIZE}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Palette.color(k));
      assertEquals("palette: colour " + k + " is not in [0, 10)", e.getMessage());
    }
  }

  /**
   * WCAG's relative luminance: white 1, black 0, each primary its weight, and mid grey 0.2159
   * (128/255 linearised); a channel of 10 is on the linear part of sRGB's curve, 10/255/12.92.
   * The tolerance is the rounding of the stated figures.
   */
  @Test
  void luminanceIsWcags() {
    assertEquals(1, Palette.luminance(Color.WHITE), 1e-12);
    assertEquals(0, Palette.luminance(Color.BLACK), 1e-12);
    assertEquals(0.0722, Palette.luminance(Color.BLUE), 1e-12);
    assertEquals(0.7152, Palette.luminance(Color.GREEN), 1e-12);
    assertEquals(0.21586, Palette.luminance(new Color(128, 128, 128)), 1e-5);
    assertEquals(10 / 255.0 / 12.92, Palette.luminance(new Color(10, 10, 10)), 1e-12);
  }
}

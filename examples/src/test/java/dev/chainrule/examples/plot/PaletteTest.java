package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashSet;
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
  void heatDarkensAsTheFractionGrows() {
    double previous = 2;
    for (int i = 0; i <= 100; i++) {
      double luminance = Palette.luminance(Palette.heat(i / 100.0));
      assertTrue(luminance < previous, "heat(" + i / 100.0 + ") is darker than the step before");
      previous = luminance;
    }
    assertEquals(Palette.heat(0), Palette.heat(-1), "clamped below");
    assertEquals(Palette.heat(1), Palette.heat(2), "clamped above");
  }

  @Test
  void textIsWhiteOnDarkAndInkOnLight() {
    assertEquals(Color.WHITE, Palette.textOn(Palette.heat(1)));
    assertEquals(Color.WHITE, Palette.textOn(new Color(0x4E79A7)));
    assertEquals(Palette.INK, Palette.textOn(Palette.heat(0)));
    assertEquals(Palette.INK, Palette.textOn(new Color(0xEDC948)));
  }
}

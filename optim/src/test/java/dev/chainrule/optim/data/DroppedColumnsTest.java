package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata entry of the columns --drop left out: a JSON array of the names as typed. */
class DroppedColumnsTest {
  @Test
  void namesGoThroughTheEntryAsTheyWere() {
    // A comma, quotes, a backslash and a non-ASCII letter: what a split or a quote would cut.
    List<String> names = List.of("id", "name, full", "\"quoted\"", "back\\slash", "Größe");
    Map<String, String> entry = new DroppedColumns(names).metadata();
    assertEquals("[\"id\",\"name, full\",\"\\\"quoted\\\"\",\"back\\\\slash\",\"Größe\"]",
        entry.get(DroppedColumns.METADATA_KEY));
    assertEquals(names, DroppedColumns.recorded(entry, "f").orElseThrow().names());
  }

  @Test
  void noneIsAnEmptyArrayAndNoEntryIsNoRecord() {
    Map<String, String> none = new DroppedColumns(List.of()).metadata();
    assertEquals(Map.of(DroppedColumns.METADATA_KEY, "[]"), none);
    assertEquals(List.of(), DroppedColumns.recorded(none, "f").orElseThrow().names());
    assertTrue(DroppedColumns.recorded(Map.of("epoch", "1"), "f").isEmpty());
  }

  /** Anything but an array of strings alone, shown with its control characters as '?'. */
  @Test
  void otherTextIsRefusedNamingTheFileAndTheEntry() {
    for (String text : new String[] {"", "id", "\"id\"", "[\"id\"", "[\"id\", 3]", "[[\"id\"]]",
        "[\"id\"] []", "{\"id\": 1}", "[null]"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DroppedColumns.recorded(Map.of(DroppedColumns.METADATA_KEY, text), "f.st"),
          text);
      assertEquals("f.st: the metadata's \"chainrule.dropped_columns\" is \"" + text
          + "\", not a JSON array of the column names --drop left out", e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DroppedColumns.recorded(Map.of(DroppedColumns.METADATA_KEY, "\u001b[31m[\n"),
            "f.st"));
    assertEquals("f.st: the metadata's \"chainrule.dropped_columns\" is \"?[31m[?\", not a JSON"
        + " array of the column names --drop left out", e.getMessage());
  }
}

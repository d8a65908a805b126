package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * The header names a command line's column options name, found as {@link CsvReader} finds them.
 * A saved model records its label and features by their header names, and a command line that
 * gives them again may write them another way: {@code --label 2} of a header {@code x,y,label}
 * names the column "label", and {@code --features '"a,b",c'} the columns "a,b" and "c". Compared
 * as typed, the same columns were refused as contradicting the model.
 */
public final class ColumnOptions {
  private ColumnOptions() {}

  /**
   * Whether a {@code --label} value is a position, as the reader takes one when no header name
   * has it: a whole number that fits an int, negative from the end.
   *
   * @param typed the option's value
   * @return whether it is a position
   */
  public static boolean isPosition(String typed) {
    return CsvColumns.labelPosition(checkNotNull(typed, "ColumnOptions: label is null")) != null;
  }

  /**
   * The header name of the column a {@code --label} value names, as {@link
   * CsvReader.Builder#labelColumnNamedOrAt} finds it: the column of exactly that name (or, for a
   * name in double quotes, of the name inside them); only when no column has it, a whole number
   * is a position from 0, negative from the end.
   *
   * @param header the header's names, as the reader reads them ({@link FirstLine#fields})
   * @param typed the option's value
   * @return the column's header name, or {@code typed} itself when it names no column
   */
  public static String label(List<String> header, String typed) {
    checkNotNull(header, "ColumnOptions: header is null");
    int column = CsvColumns.labelIndex(header, typed);
    return column < 0 ? typed : header.get(column);
  }

  /**
   * A name a saved model recorded, as the reader now reads a header: without the spaces around
   * it, no-break ones too ({@link CsvFields#strip}). Models saved before the reader stripped
   * those recorded a header {@code y\u00A0} as is; compared with the header's names as read
   * ({@code y}), the same column was refused as another.
   *
   * @param name the recorded name
   * @return the name as the reader reads it in a header
   */
  public static String recorded(String name) {
    return CsvFields.strip(checkNotNull(name, "ColumnOptions: recorded name is null"));
  }

  /**
   * As {@link #recorded(String)}, for each name.
   *
   * @param names the recorded names
   * @return the names as the reader reads them, in order
   */
  public static List<String> recorded(List<String> names) {
    return names.stream().map(ColumnOptions::recorded).toList();
  }

  /**
   * The header names of the columns a list option ({@code --features}, {@code --drop}) names,
   * each found as the reader finds it: the column of exactly that name, else of the name inside
   * one pair of double quotes.
   *
   * @param header the header's names, as the reader reads them ({@link FirstLine#fields})
   * @param typed the option's names, as typed
   * @return each name's header name, in order, or the name as typed when it names no column
   */
  public static List<String> names(List<String> header, List<String> typed) {
    checkNotNull(header, "ColumnOptions: header is null");
    return typed.stream().map(name -> {
      List<Integer> named = CsvColumns.named(header, name);
      return named.isEmpty() ? name : header.get(named.get(0));
    }).toList();
  }
}

package dev.chainrule.examples.cli;

import dev.chainrule.optim.data.CsvCommandLine;
import java.util.List;
import picocli.CommandLine.ITypeConverter;

/**
 * Word-valued options read in any case ({@code --task Regression}, {@code --missing DROP}, as
 * {@code --optimizer ADAM} is read): each converter gives the option's word its value spells, so
 * that every later use (the check of its choices, the comparison with a loaded model's, the JSON
 * line) sees the one spelling, and leaves any other value as typed, so that the refusal echoes
 * it in the user's own spelling ({@code got 'Ranking'}). The reading is {@link
 * CsvCommandLine#word}, the Spark launcher's too: optim keeps it free of picocli, and these are
 * its picocli adapters (picocli builds a converter from its class, so one class per option's
 * words). Only for options whose values are lower-case words: a column name or a delimiter
 * keeps its case.
 */
public final class Words {
  /** {@code --task}'s words. */
  public static final List<String> TASKS = List.of("classification", "regression");
  /** {@code --missing}'s words. */
  public static final List<String> MISSING = List.of("reject", "drop");
  /** {@code gradcheck --mutation}'s words. */
  public static final List<String> MUTATIONS = List.of("sign", "factor", "transpose");

  private Words() {}

  /** {@code --task}: classification or regression. */
  public static final class Task implements ITypeConverter<String> {
    /** A converter; picocli makes it by reflection from the option's {@code converter}. */
    public Task() {}

    @Override
    public String convert(String value) {
      return CsvCommandLine.word(value, TASKS.toArray(String[]::new));
    }
  }

  /** {@code --missing}: reject or drop. */
  public static final class Missing implements ITypeConverter<String> {
    /** A converter; picocli makes it by reflection from the option's {@code converter}. */
    public Missing() {}

    @Override
    public String convert(String value) {
      return CsvCommandLine.word(value, MISSING.toArray(String[]::new));
    }
  }

  /** {@code gradcheck --mutation}: sign, factor or transpose. */
  public static final class Mutation implements ITypeConverter<String> {
    /** A converter; picocli makes it by reflection from the option's {@code converter}. */
    public Mutation() {}

    @Override
    public String convert(String value) {
      return CsvCommandLine.word(value, MUTATIONS.toArray(String[]::new));
    }
  }
}

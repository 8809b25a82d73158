package dev.nestflow.core.items;

import java.util.List;

/**
 * How a CSV object is split into items: where the column names come from and the delimiter.
 *
 * @param headers the column names when {@code headerLocation} is {@link HeaderLocation#GIVEN}; empty otherwise
 */
public record CsvOptions(HeaderLocation headerLocation, List<String> headers, char delimiter) {

  /** {@code ReaderConfig.CSVHeaderLocation}. */
  public enum HeaderLocation {
    FIRST_ROW,
    GIVEN
  }

  public CsvOptions {
    headers = List.copyOf(headers);
  }

  /** AWS's default: names in the first row, comma-separated. */
  public static CsvOptions firstRow() {
    return new CsvOptions(HeaderLocation.FIRST_ROW, List.of(), ',');
  }
}

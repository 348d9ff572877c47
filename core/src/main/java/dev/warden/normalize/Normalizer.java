package dev.warden.normalize;

import java.util.ArrayList;
import java.util.List;

/**
 * Produces the decoded variants of a value that detectors inspect: the raw text first, then what
 * each decoding layer makes of it, layer upon layer, until nothing changes or the bounds are hit.
 *
 * <p>Bounded by construction: at most {@code maxVariants} distinct variants and at most
 * {@code maxPasses} rounds, each decoder linear in its input, so the total work is at most
 * {@code maxVariants × decoders × length}. Thread-safe and immutable.
 */
public final class Normalizer {

  private final List<Decoder> decoders;
  private final int maxPasses;
  private final int maxVariants;
  /** Set only for {@link #standard()}, whose layers are known to ignore plain ASCII text. */
  private final boolean plainAsciiFastPath;

  public Normalizer(List<Decoder> decoders, int maxPasses, int maxVariants) {
    this(decoders, maxPasses, maxVariants, false);
  }

  private Normalizer(List<Decoder> decoders, int maxPasses, int maxVariants, boolean plainAsciiFastPath) {
    if (maxPasses < 0 || maxVariants < 1) {
      throw new IllegalArgumentException("maxPasses must be >= 0 and maxVariants >= 1");
    }
    this.decoders = List.copyOf(decoders);
    this.maxPasses = maxPasses;
    this.maxVariants = maxVariants;
    this.plainAsciiFastPath = plainAsciiFastPath;
  }

  /**
   * The built-in layers with default bounds: two decoders, {@link PercentDecoder} alone and a
   * {@link ChainDecoder} of every layer (percent, {@link OverlongUtf8Decoder},
   * {@link HtmlEntityDecoder}, {@link JsEscapeDecoder}, {@link CompatibilityFoldDecoder},
   * {@link NulRemovalDecoder}), at most {@value #STANDARD_PASSES} passes and
   * {@value #STANDARD_VARIANTS} variants. The raw text is always variant 0; text with no escapes
   * costs one scan per layer and yields only itself. Worst case per value:
   * {@value #STANDARD_VARIANTS} variants, each made by at most 8 linear scans.
   */
  public static Normalizer standard() {
    Decoder percent = new PercentDecoder();
    Decoder all = new ChainDecoder("all", List.of(new FormPlusDecoder(), percent, new OverlongUtf8Decoder(),
        new HtmlEntityDecoder(), new JsEscapeDecoder(), new CompatibilityFoldDecoder(),
        new NulRemovalDecoder()));
    return new Normalizer(List.of(percent, all), STANDARD_PASSES, STANDARD_VARIANTS, true);
  }

  /** Decoding rounds of {@link #standard()}: enough for triple URL encoding. */
  public static final int STANDARD_PASSES = 3;

  /** Variant cap of {@link #standard()}, raw text included. */
  public static final int STANDARD_VARIANTS = 6;

  /** Distinct variants, raw text first. Never empty. */
  public List<String> variants(String raw) {
    if (plainAsciiFastPath && plain(raw)) {
      return List.of(raw);
    }
    List<String> out = new ArrayList<>(2);
    out.add(raw);
    int frontier = 0;
    for (int pass = 0; pass < maxPasses && frontier < out.size(); pass++) {
      int end = out.size();
      for (int v = frontier; v < end; v++) {
        for (Decoder d : decoders) {
          String dec = d.decode(out.get(v));
          if (dec != out.get(v) && !out.contains(dec)) {
            out.add(dec);
            if (out.size() >= maxVariants) {
              return out;
            }
          }
        }
      }
      frontier = end;
    }
    return out;
  }

  /**
   * True when no standard layer can change {@code s}: every character is ASCII (the overlong and
   * compatibility layers only act on U+0080 and above) and none is {@code %} (percent),
   * {@code &} (entities), {@code \} (JS escapes), {@code +} (form-encoded blanks) or NUL. Most values
   * are plain, and this one scan
   * replaces seven. {@code NormalizerTest} checks every character against the layers.
   */
  static boolean plain(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == '%' || c == '&' || c == '\\' || c == '+' || c == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The ASCII characters some standard layer acts on: {@code % & \ +} and NUL. ASCII text without
   * them is what {@link #leavesPlainAscii} lets through unchanged; a caller that already knows
   * which characters a value holds can skip {@link #variants} for it.
   */
  public static final String LAYER_ASCII = "%&\\+\0";

  /**
   * Whether ASCII text with no backslash and no NUL, that may hold {@code % & +}, holds nothing
   * a standard layer decodes, so that {@link #standard()} gives it alone: no {@code %} before a
   * hex digit or {@code u} ({@link PercentDecoder} needs {@code %XX} or {@code %uXXXX}), no
   * {@code &} before {@code #} or a letter or digit ({@link HtmlEntityDecoder} needs a numeric
   * or named reference), and no {@code +} unless the text has a blank ({@link FormPlusDecoder}
   * leaves text with a blank alone). Each layer then returns the text itself, and so does the
   * chain. Conservative: "false" only means the layers must run. {@code NormalizerTest} checks
   * it against full decoding.
   */
  public static boolean noEscapes(String s, boolean hasBlank) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '%' || c == '&') {
        char d = i + 1 < n ? s.charAt(i + 1) : ' ';
        boolean alnum = d >= '0' && d <= '9' || d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z';
        if (c == '%' ? PercentDecoder.hex(d) >= 0 || d == 'u' || d == 'U' : d == '#' || alnum) {
          return false;
        }
      } else if (c == '+' && !hasBlank) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@link #variants} of ASCII text without any of {@link #LAYER_ASCII} is that text
   * alone: true for {@link #standard()}, false for a normalizer built from other layers.
   */
  public boolean leavesPlainAscii() {
    return plainAsciiFastPath;
  }
}

package dev.warden.detect.ssrf;

import java.util.Optional;

/**
 * Parses IP address literals the way permissive resolvers do, and classifies them by address range.
 *
 * <p>IPv4 follows {@code inet_aton}: one to four parts, each decimal, octal (leading {@code 0}) or
 * hexadecimal ({@code 0x}), the last part filling the remaining bytes — so {@code 2130706433},
 * {@code 0177.0.0.1}, {@code 0x7f.1} and {@code 127.1} all mean 127.0.0.1. Attackers use these
 * forms because a URL allow-list that compares strings sees no "127.0.0.1" while the HTTP client's
 * resolver connects there. IPv6 accepts {@code ::} compression, an embedded IPv4 tail, optional
 * brackets and a zone id ({@code %eth0}, ignored).
 *
 * <p>Stateless; all methods are pure functions, linear in the input, and never throw. Inputs
 * longer than {@value #MAX_LEN} characters are rejected without being scanned.
 */
public final class IpLiteral {

  /** Longest literal considered; longer text is not an address. */
  public static final int MAX_LEN = 64;

  /** Address ranges that matter to outbound-request decisions. */
  public enum Range {
    /** Cloud instance metadata endpoints (AWS, GCP, Azure, Alibaba, Oracle, ECS/EKS agents). */
    METADATA,
    /** 127.0.0.0/8, ::1. */
    LOOPBACK,
    /** 0.0.0.0/8 and ::, which Linux connects to the local host. */
    UNSPECIFIED,
    /** RFC 1918 and IPv6 unique-local fc00::/7. */
    PRIVATE,
    /** 169.254.0.0/16 and fe80::/10. */
    LINK_LOCAL,
    /** 100.64.0.0/10 carrier-grade NAT (also used inside cloud provider networks). */
    CGNAT,
    /** Other special-purpose space: 192.0.0.0/24, benchmarking, multicast, reserved, broadcast. */
    SPECIAL,
    /** Everything else. */
    PUBLIC
  }

  private IpLiteral() {}

  /**
   * Strict parse: the address bytes (4 for IPv4, 16 for IPv6) of {@code text}, or empty when it is
   * not an address literal. IPv4 parts that overflow their byte budget are rejected.
   */
  public static Optional<byte[]> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LEN) {
      return Optional.empty();
    }
    if (text.indexOf(':') >= 0 || text.charAt(0) == '[') {
      return Optional.ofNullable(parseV6(text));
    }
    return Optional.ofNullable(parseV4(text, false));
  }

  /**
   * Like {@link #parse} for IPv4, but keeps only the low bits of an overflowing part, as some
   * resolvers and URL libraries do ({@code 7147006462} becomes 169.254.169.254). Package-private:
   * only detection wants this leniency.
   */
  static byte[] parseV4Wrapping(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LEN) {
      return null;
    }
    return parseV4(text, true);
  }

  private static byte[] parseV4(String s, boolean wrap) {
    long[] parts = new long[4];
    int n = 0;
    int i = 0;
    int len = s.length();
    if (len > 0 && s.charAt(len - 1) == '.') {
      len--; // a trailing dot is accepted by resolvers
    }
    while (i < len) {
      if (n == 4) {
        return null;
      }
      int radix = 10;
      if (s.charAt(i) == '0' && i + 1 < len && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
        radix = 16;
        i += 2;
      } else if (s.charAt(i) == '0' && i + 1 < len && s.charAt(i + 1) != '.') {
        radix = 8;
        i++;
      }
      long v = 0;
      int digits = 0;
      boolean overflow = false;
      while (i < len && s.charAt(i) != '.') {
        int d = Character.digit(s.charAt(i), radix);
        if (d < 0 || s.charAt(i) >= 128) {
          return null;
        }
        v = v * radix + d;
        if (v > 0xFFFFFFFFL) {
          overflow = true;
          v &= 0xFFFFFFFFL; // keep low 32 bits; only used when wrapping is allowed
        }
        digits++;
        i++;
      }
      if (digits == 0 && radix != 16) {
        return null;
      }
      if (overflow && !wrap) {
        return null;
      }
      parts[n++] = v;
      if (i < len) {
        i++; // dot
        if (i == len) {
          return null; // empty part
        }
      }
    }
    if (n == 0) {
      return null;
    }
    long value = 0;
    for (int p = 0; p < n - 1; p++) {
      if (parts[p] > 0xFF) {
        if (!wrap) {
          return null;
        }
        parts[p] &= 0xFF;
      }
      value = (value << 8) | parts[p];
    }
    int restBits = 8 * (4 - (n - 1));
    long last = parts[n - 1];
    long max = restBits == 32 ? 0xFFFFFFFFL : (1L << restBits) - 1;
    if (last > max) {
      if (!wrap) {
        return null;
      }
      last &= max;
    }
    value = (value << restBits) | last;
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  private static byte[] parseV6(String text) {
    String s = text;
    if (s.charAt(0) == '[') {
      int close = s.indexOf(']');
      if (close < 0) {
        return null;
      }
      s = s.substring(1, close);
    }
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    if (s.isEmpty()) {
      return null;
    }
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = 0;
    int len = s.length();
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
    } else if (s.charAt(0) == ':') {
      return null;
    }
    while (i < len) {
      if (count == 8) {
        return null;
      }
      int start = i;
      int v = 0;
      while (i < len && s.charAt(i) < 128 && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
        v = (v << 4) | Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i < len && s.charAt(i) == '.') {
        // Embedded IPv4 tail occupies two groups.
        byte[] v4 = parseV4Dotted(s.substring(start));
        if (v4 == null || count > 6) {
          return null;
        }
        groups[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
        groups[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
        i = len;
        break;
      }
      if (i == start) {
        return null;
      }
      groups[count++] = v;
      if (i == len) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < len && s.charAt(i) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = count;
        i++;
      } else if (i == len) {
        return null;
      }
    }
    if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
      return null;
    }
    byte[] out = new byte[16];
    int fill = 8 - count;
    int g = 0;
    for (int k = 0; k < 8; k++) {
      int val;
      if (gap >= 0 && k >= gap && k < gap + fill) {
        val = 0;
      } else {
        val = groups[g++];
      }
      out[2 * k] = (byte) (val >>> 8);
      out[2 * k + 1] = (byte) val;
    }
    return out;
  }

  /** Plain four-part decimal IPv4, as allowed inside IPv6 text. */
  private static byte[] parseV4Dotted(String s) {
    byte[] b = new byte[4];
    int n = 0;
    int i = 0;
    while (i <= s.length() && n < 4) {
      int start = i;
      int v = 0;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start || v > 255) {
        return null;
      }
      b[n++] = (byte) v;
      if (i == s.length()) {
        break;
      }
      if (s.charAt(i) != '.') {
        return null;
      }
      i++;
    }
    return n == 4 && i == s.length() ? b : null;
  }

  /** The range an address (4 or 16 bytes) falls into. IPv4 embedded in IPv6 is classified as IPv4. */
  public static Range classify(byte[] a) {
    if (a == null) {
      return Range.PUBLIC;
    }
    if (a.length == 16) {
      return classifyV6(a);
    }
    if (a.length != 4) {
      return Range.PUBLIC;
    }
    int b0 = a[0] & 0xFF;
    int b1 = a[1] & 0xFF;
    int b2 = a[2] & 0xFF;
    int b3 = a[3] & 0xFF;
    if (b0 == 169 && b1 == 254 && (b2 == 169 && b3 == 254 || b2 == 170 && (b3 == 2 || b3 == 23))) {
      return Range.METADATA; // EC2/GCP/Azure/OpenStack IMDS, ECS task metadata, EKS pod identity
    }
    if (b0 == 100 && b1 == 100 && b2 == 100 && b3 == 200 || b0 == 192 && b1 == 0 && b2 == 0 && b3 == 192) {
      return Range.METADATA; // Alibaba Cloud, Oracle Cloud
    }
    if (b0 == 127) {
      return Range.LOOPBACK;
    }
    if (b0 == 0) {
      return Range.UNSPECIFIED;
    }
    if (b0 == 10 || b0 == 172 && (b1 & 0xF0) == 16 || b0 == 192 && b1 == 168) {
      return Range.PRIVATE;
    }
    if (b0 == 169 && b1 == 254) {
      return Range.LINK_LOCAL;
    }
    if (b0 == 100 && (b1 & 0xC0) == 64) {
      return Range.CGNAT;
    }
    if (b0 == 192 && b1 == 0 && b2 == 0 || b0 == 198 && (b1 & 0xFE) == 18 || b0 >= 224) {
      return Range.SPECIAL;
    }
    return Range.PUBLIC;
  }

  private static Range classifyV6(byte[] a) {
    boolean zero80 = true;
    for (int i = 0; i < 10; i++) {
      zero80 &= a[i] == 0;
    }
    int w5 = ((a[10] & 0xFF) << 8) | (a[11] & 0xFF);
    if (zero80 && (w5 == 0xFFFF || w5 == 0)) {
      boolean high = a[12] != 0 || a[13] != 0;
      if (w5 == 0 && !high) {
        // ::, ::1 and the (deprecated) IPv4-compatible ::a.b with a small value.
        if (a[14] == 0 && a[15] == 0) {
          return Range.UNSPECIFIED;
        }
        if (a[14] == 0 && a[15] == 1) {
          return Range.LOOPBACK;
        }
      }
      return classify(new byte[] {a[12], a[13], a[14], a[15]}); // mapped / compatible
    }
    int w0 = ((a[0] & 0xFF) << 8) | (a[1] & 0xFF);
    if (w0 == 0x0064 && a[2] == (byte) 0xff && a[3] == (byte) 0x9b) {
      return classify(new byte[] {a[12], a[13], a[14], a[15]}); // NAT64 64:ff9b::/96
    }
    if (w0 == 0x2002) {
      return classify(new byte[] {a[2], a[3], a[4], a[5]}); // 6to4 embeds an IPv4 address
    }
    if (w0 == 0xfd00 && a[2] == 0x0e && a[3] == (byte) 0xc2) {
      boolean rest = true;
      for (int i = 4; i < 14; i++) {
        rest &= a[i] == 0;
      }
      if (rest && a[14] == 0x02 && a[15] == 0x54) {
        return Range.METADATA; // fd00:ec2::254, EC2 IMDS over IPv6
      }
    }
    if ((w0 & 0xFE00) == 0xFC00) {
      return Range.PRIVATE;
    }
    if ((w0 & 0xFFC0) == 0xFE80) {
      return Range.LINK_LOCAL;
    }
    if ((w0 & 0xFF00) == 0xFF00) {
      return Range.SPECIAL;
    }
    return Range.PUBLIC;
  }
}

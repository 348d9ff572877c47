package dev.warden.posture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Lists the libraries a function runs with: every jar on its class path, or in a deployment
 * package (a directory, or a {@code .zip} with {@code lib/*.jar} inside). Coordinates come from
 * {@code META-INF/maven/&lt;group&gt;/&lt;artifact&gt;/pom.properties}, else the manifest, else
 * the file name; the hash is the SHA-256 of the jar's bytes.
 *
 * <p>Bounded: at most {@link #MAX_JARS} jars, jars and nested entries read as streams, metadata
 * files capped at 64 KiB. Unreadable jars are listed with what is known rather than failing the
 * scan. Thread-safe (stateless).
 */
public final class Inventory {

  static final int MAX_JARS = 4096;
  private static final int MAX_METADATA_BYTES = 64 * 1024;

  private Inventory() {}

  /**
   * The jars the function runs with on Lambda: {@code $LAMBDA_TASK_ROOT/lib} (the deployment
   * package), {@code /opt/java/lib} (layers, per the Lambda Java runtime's class path) and the
   * JVM class path.
   */
  public static List<Path> lambdaClassPath(java.util.Map<String, String> env) {
    List<Path> entries = new ArrayList<>();
    String root = env.get("LAMBDA_TASK_ROOT");
    if (root != null && !root.isBlank()) {
      entries.add(Path.of(root, "lib"));
    }
    entries.add(Path.of("/opt/java/lib"));
    String cp = System.getProperty("java.class.path", "");
    for (String e : cp.split(java.io.File.pathSeparator)) {
      if (!e.isBlank()) {
        entries.add(Path.of(e));
      }
    }
    return entries;
  }

  /** Scans class-path entries: jar files, and directories holding jars (not recursive). */
  public static List<Component> scan(List<Path> entries) {
    return scan(entries, true);
  }

  /**
   * Scans class-path entries as {@link #scan(List)} does; without {@code hash}, jars on disk are
   * not read beyond their metadata and components carry an empty hash (enough for the
   * denied-dependency check, which matches coordinates).
   */
  public static List<Component> scan(List<Path> entries, boolean hash) {
    List<Component> out = new ArrayList<>();
    java.util.Set<Path> seen = new java.util.HashSet<>();
    for (Path e : entries) {
      if (out.size() >= MAX_JARS) {
        break;
      }
      if (Files.isDirectory(e)) {
        try (Stream<Path> s = Files.list(e)) {
          s.filter(Inventory::isJar).sorted().limit(MAX_JARS).forEach(j -> add(j, seen, out, hash));
        } catch (IOException ex) {
          // An unreadable directory contributes nothing; the scan goes on.
        }
      } else if (isJar(e)) {
        add(e, seen, out, hash);
      }
    }
    return out;
  }

  /**
   * Scans a deployment package: a directory (every jar below it, depth 4) or a {@code .zip}
   * (every {@code .jar} entry inside it, read in place).
   */
  public static List<Component> scanPackage(Path pkg) throws IOException {
    if (Files.isDirectory(pkg)) {
      List<Path> jars;
      try (Stream<Path> s = Files.walk(pkg, 4)) {
        jars = s.filter(Inventory::isJar).sorted().limit(MAX_JARS).toList();
      }
      return scan(jars);
    }
    if (isJar(pkg)) {
      return scan(List.of(pkg));
    }
    List<Component> out = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(pkg))) {
      ZipEntry z;
      while ((z = zip.getNextEntry()) != null && out.size() < MAX_JARS) {
        if (!z.isDirectory() && z.getName().toLowerCase(Locale.ROOT).endsWith(".jar")) {
          String name = z.getName().substring(z.getName().lastIndexOf('/') + 1);
          out.add(describe(name, new java.io.FilterInputStream(zip) {
            @Override
            public void close() {
              // The outer package stream stays open for the next entry.
            }
          }));
        }
      }
    }
    return out;
  }

  private static void add(Path jar, java.util.Set<Path> seen, List<Component> out, boolean hash) {
    Path real;
    try {
      real = jar.toRealPath();
    } catch (IOException e) {
      real = jar.toAbsolutePath().normalize();
    }
    if (!seen.add(real) || out.size() >= MAX_JARS) {
      return;
    }
    out.add(describe(jar, hash));
  }

  /**
   * Coordinates (and, with {@code hash}, the SHA-256) of a jar on disk. The metadata entries are
   * found through the zip's central directory and only they are inflated; the hash reads the
   * file's bytes as they are. Reading the jar as one zip stream would inflate every entry to get
   * past it, which costs several times the hashing on a large jar.
   */
  static Component describe(Path jar, boolean hash) {
    String fileName = jar.getFileName().toString();
    String sha = "";
    if (hash) {
      try (InputStream in = Files.newInputStream(jar)) {
        MessageDigest md = digest();
        byte[] buf = new byte[64 * 1024];
        for (int r; (r = in.read(buf)) > 0; ) {
          md.update(buf, 0, r);
        }
        sha = HexFormat.of().formatHex(md.digest());
      } catch (IOException e) {
        return fromFileName(fileName, "", "file-name");
      }
    }
    List<Properties> poms = new ArrayList<>();
    Manifest manifest = null;
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
      java.util.Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry z = all.nextElement();
        String n = z.getName();
        boolean pom = n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties");
        if (pom || n.equals("META-INF/MANIFEST.MF")) {
          try (InputStream in = zip.getInputStream(z)) {
            if (pom) {
              poms.add(properties(readCapped(in)));
            } else {
              manifest = new Manifest(new java.io.ByteArrayInputStream(readCapped(in)));
            }
          }
        }
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      // A damaged jar is still listed, by file name.
    }
    return component(fileName, sha, poms, manifest);
  }

  private static Properties properties(byte[] bytes) throws IOException {
    Properties p = new Properties();
    p.load(new java.io.StringReader(new String(bytes, StandardCharsets.ISO_8859_1)));
    return p;
  }

  private static boolean isJar(Path p) {
    return p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")
        && !Files.isDirectory(p);
  }

  /**
   * Coordinates and hash of one jar read once as a stream: the bytes are hashed as the zip reader
   * consumes them, and whatever it leaves (the central directory) is drained into the hash.
   */
  static Component describe(String fileName, InputStream raw) throws IOException {
    MessageDigest md = digest();
    java.security.DigestInputStream in = new java.security.DigestInputStream(raw, md);
    List<Properties> poms = new ArrayList<>();
    Manifest manifest = null;
    ZipInputStream zip = new ZipInputStream(in);
    try {
      ZipEntry z;
      while ((z = zip.getNextEntry()) != null) {
        String n = z.getName();
        if (n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties")) {
          poms.add(properties(readCapped(zip)));
        } else if (n.equals("META-INF/MANIFEST.MF")) {
          manifest = new Manifest(new java.io.ByteArrayInputStream(readCapped(zip)));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // A damaged jar is still listed, by file name.
    }
    in.transferTo(java.io.OutputStream.nullOutputStream());
    return component(fileName, HexFormat.of().formatHex(md.digest()), poms, manifest);
  }

  /** The component named by a jar's pom.properties, else its manifest, else its file name. */
  private static Component component(String fileName, String sha, List<Properties> poms, Manifest manifest) {
    Properties pom = choose(poms, fileName);
    if (pom != null && pom.getProperty("artifactId") != null) {
      return new Component(pom.getProperty("groupId"), pom.getProperty("artifactId"), pom.getProperty("version"),
          fileName, sha, "pom.properties");
    }
    if (manifest != null) {
      Attributes a = manifest.getMainAttributes();
      String name = first(a.getValue("Bundle-SymbolicName"), a.getValue("Implementation-Title"),
          a.getValue("Automatic-Module-Name"));
      String version = first(a.getValue("Bundle-Version"), a.getValue("Implementation-Version"));
      if (name != null && version != null) {
        int semi = name.indexOf(';');
        name = semi > 0 ? name.substring(0, semi).trim() : name.trim();
        String group = first(a.getValue("Implementation-Vendor-Id"), "");
        return new Component(group, name, version, fileName, sha, "manifest");
      }
    }
    return fromFileName(fileName, sha, "file-name");
  }

  /** With several pom.properties (a shaded jar), the one whose artifact the file is named after. */
  private static Properties choose(List<Properties> poms, String fileName) {
    if (poms.isEmpty()) {
      return null;
    }
    Properties best = null;
    for (Properties p : poms) {
      String a = p.getProperty("artifactId", "");
      if (!a.isEmpty() && fileName.startsWith(a) && (best == null || a.length() > best.getProperty("artifactId").length())) {
        best = p;
      }
    }
    return best != null ? best : poms.get(0);
  }

  /** {@code name-1.2.3.jar} → artifact {@code name}, version {@code 1.2.3}: the version starts at the first "-digit". */
  static Component fromFileName(String fileName, String sha, String evidence) {
    String base = fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
    for (int i = 0; i + 1 < base.length(); i++) {
      if (base.charAt(i) == '-' && Character.isDigit(base.charAt(i + 1))) {
        return new Component("", base.substring(0, i), base.substring(i + 1), fileName, sha, evidence);
      }
    }
    return new Component("", base, "", fileName, sha, evidence);
  }

  private static byte[] readCapped(InputStream in) throws IOException {
    return in.readNBytes(MAX_METADATA_BYTES);
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** Hex SHA-256 of {@code bytes}. */
  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}

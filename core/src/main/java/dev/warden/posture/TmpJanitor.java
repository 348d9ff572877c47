package dev.warden.posture;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Deletes what an invocation left in {@code /tmp}, keeping everything that was there at init
 * (libraries often unpack native code or caches at init). Lambda reuses an execution
 * environment, and its {@code /tmp}, for later invocations, possibly of other tenants' data;
 * wiping keeps one request's files from the next. Opt-in ({@code WARDEN_WIPE_TMP=true}).
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} top-level entries looked at per sweep; symbolic links
 * are deleted, never followed. Thread-safe; sweeps of concurrent invocations (not possible on
 * Lambda, one invocation per environment at a time) would only race on deletions.
 */
public final class TmpJanitor {

  static final int MAX_ENTRIES = 10_000;

  private final Path tmp;
  private final Set<Path> baseline;

  private TmpJanitor(Path tmp, Set<Path> baseline) {
    this.tmp = tmp;
    this.baseline = Set.copyOf(baseline);
  }

  /** Records what {@code tmp} holds now; later sweeps keep exactly those entries. */
  public static TmpJanitor baseline(Path tmp) {
    Set<Path> names = new HashSet<>();
    try (Stream<Path> s = Files.list(tmp)) {
      s.limit(MAX_ENTRIES).forEach(p -> names.add(p.getFileName()));
    } catch (IOException e) {
      // No /tmp, or unreadable: nothing to keep, sweeps will find nothing either.
    }
    return new TmpJanitor(tmp, names);
  }

  /** Deletes top-level entries that were not there at baseline; returns how many were removed. */
  public int sweep() {
    int removed = 0;
    try (Stream<Path> s = Files.list(tmp)) {
      for (Path p : (Iterable<Path>) s.limit(MAX_ENTRIES)::iterator) {
        if (!baseline.contains(p.getFileName()) && delete(p)) {
          removed++;
        }
      }
    } catch (IOException e) {
      // Best effort: a sweep that cannot list /tmp removes nothing.
    }
    return removed;
  }

  private static boolean delete(Path p) {
    try {
      if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.deleteIfExists(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
      } else {
        Files.deleteIfExists(p);
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

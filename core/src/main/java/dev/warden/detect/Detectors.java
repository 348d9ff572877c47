package dev.warden.detect;

import dev.warden.policy.Action;
import dev.warden.policy.Ids;
import dev.warden.policy.Policy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Discovery and selection of detectors. Discovery reads {@code META-INF/services}; selection
 * keeps the discovered detectors the policy has not switched off. Both are separate so a test or
 * a user can replace discovery with an explicit list.
 */
public final class Detectors {

  private Detectors() {}

  /** Every detector registered with {@link ServiceLoader}, checked for valid, unique ids. */
  public static List<Detector> discover() {
    return discover(Detector.class.getClassLoader());
  }

  /** Every detector registered with {@link ServiceLoader} in {@code loader}. */
  public static List<Detector> discover(ClassLoader loader) {
    List<Detector> found = new ArrayList<>();
    for (Detector d : ServiceLoader.load(Detector.class, loader)) {
      found.add(d);
    }
    return checked(found);
  }

  /** The detectors whose policy action is not {@link Action#OFF}, in the given order. */
  public static List<Detector> select(List<Detector> detectors, Policy policy) {
    List<Detector> out = new ArrayList<>(detectors.size());
    for (Detector d : detectors) {
      if (policy.actionFor(d.id()) != Action.OFF) {
        out.add(d);
      }
    }
    return List.copyOf(out);
  }

  /** Fails fast on bad or duplicate ids. */
  public static List<Detector> checked(List<Detector> detectors) {
    Set<String> seen = new HashSet<>();
    for (Detector d : detectors) {
      String id = d.id();
      if (!Ids.isValid(id)) {
        throw new IllegalArgumentException("detector " + d.getClass().getName() + " has an invalid id: " + id);
      }
      if (Policy.LIMIT_DETECTOR.equals(id)) {
        throw new IllegalArgumentException("detector id " + id + " is reserved");
      }
      if (!seen.add(id)) {
        throw new IllegalArgumentException("two detectors share the id " + id);
      }
    }
    return List.copyOf(detectors);
  }
}

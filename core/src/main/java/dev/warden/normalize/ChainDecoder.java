package dev.warden.normalize;

import java.util.List;

/**
 * Applies several layers one after the other in a single step, so that one variant shows the
 * text with every layer peeled once (e.g. {@code %c0%ae} needs percent then overlong decoding).
 * Returns the same instance when no layer changed anything.
 *
 * <p>Immutable and thread-safe; cost is the sum of its layers' (each linear); never throws as long
 * as its layers do not.
 */
public final class ChainDecoder implements Decoder {

  private final String id;
  private final List<Decoder> layers;

  public ChainDecoder(String id, List<Decoder> layers) {
    this.id = id;
    this.layers = List.copyOf(layers);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String decode(String text) {
    String cur = text;
    for (Decoder d : layers) {
      cur = d.decode(cur);
    }
    return cur;
  }
}

package org.apache.commons.collections.functors;

import java.io.Serializable;

/** Harmless stand-in with the name of a well-known gadget class, for deserialization guard tests. */
public class InvokerTransformer implements Serializable {
  private static final long serialVersionUID = 1L;
  public String method = "exec";
}

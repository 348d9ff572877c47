package dev.warden.policy;

/** What Warden does with findings, function-wide. */
public enum Mode {
  /** Nothing is inspected; the handler runs as if Warden were absent. */
  OFF,
  /** Everything is inspected and findings are logged, but nothing is refused. */
  MONITOR,
  /** Findings whose detector action is {@link Action#BLOCK} refuse the invocation. */
  BLOCK
}

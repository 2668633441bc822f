package dev.finesynth.encoders.hub;

/** A model could not be fetched from, or found in the cache of, the Hugging Face Hub. */
public class HubException extends RuntimeException {
  public HubException(String message) {
    super(message);
  }

  public HubException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The endpoint could not be reached at all (as opposed to answering with an error). */
  public static final class Unreachable extends HubException {
    public Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

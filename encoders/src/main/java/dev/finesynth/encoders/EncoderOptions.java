package dev.finesynth.encoders;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.finesynth.encoders.tokenize.PairTruncation;

/**
 * How a {@link BiEncoder} or {@link CrossEncoder} runs. Every setting is optional: {@code
 * EncoderOptions.defaults()} uses the model's maximum length, batches of 32, a GPU when the engine
 * sees one, the engine's thread count, PyTorch, longest-first pair truncation and the raw logit.
 */
public final class EncoderOptions {
  private final int maxLength;
  private final int batchSize;
  private final Device device;
  private final int intraOpThreads;
  private final Backend backend;
  private final PairTruncation pairTruncation;
  private final ScoreActivation scoreActivation;
  private final String queryPrefix;
  private final String passagePrefix;

  private EncoderOptions(Builder b) {
    maxLength = b.maxLength;
    batchSize = b.batchSize;
    device = b.device;
    intraOpThreads = b.intraOpThreads;
    backend = b.backend;
    pairTruncation = b.pairTruncation;
    scoreActivation = b.scoreActivation;
    queryPrefix = b.queryPrefix;
    passagePrefix = b.passagePrefix;
  }

  public static EncoderOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The most tokens per text or pair, or 0 for the model's own limit. */
  public int maxLength() {
    return maxLength;
  }

  public int batchSize() {
    return batchSize;
  }

  /** The device to run on: the one set, else GPU 0 when the engine has a GPU, else the CPU. */
  public Device device() {
    if (device != null) {
      return device;
    }
    return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /**
   * Threads for one operator, or 0 to keep the engine's default. PyTorch's setting is process-wide
   * (the last encoder created with a non-zero value sets it); ONNX Runtime's is per session.
   */
  public int intraOpThreads() {
    return intraOpThreads;
  }

  public Backend backend() {
    return backend;
  }

  public PairTruncation pairTruncation() {
    return pairTruncation;
  }

  public ScoreActivation scoreActivation() {
    return scoreActivation;
  }

  /** The query prefix to use instead of the model's, or null for the model's. */
  public String queryPrefix() {
    return queryPrefix;
  }

  /** The passage prefix to use instead of the model's, or null for the model's. */
  public String passagePrefix() {
    return passagePrefix;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxLength = maxLength;
    b.batchSize = batchSize;
    b.device = device;
    b.intraOpThreads = intraOpThreads;
    b.backend = backend;
    b.pairTruncation = pairTruncation;
    b.scoreActivation = scoreActivation;
    b.queryPrefix = queryPrefix;
    b.passagePrefix = passagePrefix;
    return b;
  }

  public static final class Builder {
    private int maxLength;
    private int batchSize = 32;
    private Device device;
    private int intraOpThreads;
    private Backend backend = Backend.PYTORCH;
    private PairTruncation pairTruncation = PairTruncation.LONGEST_FIRST;
    private ScoreActivation scoreActivation = ScoreActivation.IDENTITY;
    private String queryPrefix;
    private String passagePrefix;

    private Builder() {}

    public Builder optMaxLength(int maxLength) {
      if (maxLength < 2) {
        throw new IllegalArgumentException("max length must be at least 2: " + maxLength);
      }
      this.maxLength = maxLength;
      return this;
    }

    public Builder optBatchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be positive: " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    public Builder optDevice(Device device) {
      this.device = device;
      return this;
    }

    public Builder optIntraOpThreads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException("threads must not be negative: " + threads);
      }
      this.intraOpThreads = threads;
      return this;
    }

    public Builder optBackend(Backend backend) {
      this.backend = backend;
      return this;
    }

    public Builder optPairTruncation(PairTruncation pairTruncation) {
      this.pairTruncation = pairTruncation;
      return this;
    }

    public Builder optScoreActivation(ScoreActivation scoreActivation) {
      this.scoreActivation = scoreActivation;
      return this;
    }

    public Builder optPrefixes(String query, String passage) {
      this.queryPrefix = query;
      this.passagePrefix = passage;
      return this;
    }

    public EncoderOptions build() {
      return new EncoderOptions(this);
    }
  }
}

package dev.finesynth.encoders;

import dev.finesynth.encoders.catalog.CatalogEntry;
import dev.finesynth.encoders.catalog.ModelKind;
import dev.finesynth.encoders.catalog.ModelResolver;
import dev.finesynth.encoders.catalog.ResolvedModel;

/**
 * Opens an encoder from anything a user can name: a catalog short name, {@code hf:org/name@rev},
 * {@code org/name}, or a local folder. The single entry point services use.
 */
public final class Encoders {
  private final ModelResolver resolver;

  public Encoders(ModelResolver resolver) {
    this.resolver = resolver;
  }

  public static Encoders fromEnvironment() {
    return new Encoders(ModelResolver.fromEnvironment());
  }

  /** A bi-encoder with the catalog's query/passage prefixes unless {@code options} set others. */
  public BiEncoder biEncoder(String reference, EncoderOptions options) {
    ResolvedModel model = resolver.resolve(reference);
    requireKind(reference, model.entry(), ModelKind.BI_ENCODER);
    EncoderOptions withPrefixes = withCatalogPrefixes(options, model.entry());
    return model.isBundled()
        ? BundledModels.load(model.bundledName(), withPrefixes)
        : BiEncoder.load(model.folder(), withPrefixes);
  }

  public CrossEncoder crossEncoder(String reference, EncoderOptions options) {
    ResolvedModel model = resolver.resolve(reference);
    requireKind(reference, model.entry(), ModelKind.CROSS_ENCODER);
    return CrossEncoder.load(model.folder(), options);
  }

  /**
   * A bi-encoder for inference: on ONNX Runtime where the model has an ONNX file (the bundled ones
   * do; faster here, and far less hurt by shared cores), else on PyTorch.
   */
  public BiEncoder inferenceBiEncoder(String reference, int maxLength) {
    try {
      return biEncoder(reference, inference(maxLength, Backend.ONNX_RUNTIME));
    } catch (RuntimeException noOnnxFile) {
      return biEncoder(reference, inference(maxLength, Backend.PYTORCH));
    }
  }

  /**
   * A cross-encoder for inference, on ONNX Runtime where it can (see {@link #inferenceBiEncoder}).
   */
  public CrossEncoder inferenceCrossEncoder(String reference, int maxLength) {
    try {
      return crossEncoder(reference, inference(maxLength, Backend.ONNX_RUNTIME));
    } catch (RuntimeException noOnnxFile) {
      return crossEncoder(reference, inference(maxLength, Backend.PYTORCH));
    }
  }

  private static EncoderOptions inference(int maxLength, Backend backend) {
    return EncoderOptions.builder().optMaxLength(maxLength).optBackend(backend).build();
  }

  /** Whether the reference names a cross-encoder (reads the model's files when needed). */
  public ModelKind kindOf(String reference) {
    return resolver.resolve(reference).entry().kind();
  }

  private static EncoderOptions withCatalogPrefixes(EncoderOptions options, CatalogEntry entry) {
    if (options.queryPrefix() != null || options.passagePrefix() != null) {
      return options;
    }
    return options.toBuilder().optPrefixes(entry.queryPrefix(), entry.passagePrefix()).build();
  }

  private static void requireKind(String reference, CatalogEntry entry, ModelKind kind) {
    if (entry.kind() != kind) {
      throw new IllegalArgumentException(
          reference
              + " is a "
              + entry.kind().name().toLowerCase().replace('_', '-')
              + ", not a "
              + kind.name().toLowerCase().replace('_', '-'));
    }
  }
}

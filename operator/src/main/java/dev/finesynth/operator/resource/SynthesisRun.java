package dev.finesynth.operator.resource;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A synthesis run as a Kubernetes resource: {@code kubectl apply} starts it once, its status shows
 * it as the run's events tell it, {@code kubectl delete} cancels it. The CRD in deploy/ is
 * generated from this class.
 */
@Group(SynthesisRun.GROUP)
@Version(SynthesisRun.VERSION)
@ShortNames("fsrun")
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Progress",
    jsonPath = ".status.progress",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "NDCG@10 base",
    jsonPath = ".status.metrics.baseNdcgAt10",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "NDCG@10 tuned",
    jsonPath = ".status.metrics.ndcgAt10",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class SynthesisRun extends CustomResource<SynthesisRunSpec, SynthesisRunStatus>
    implements Namespaced {
  public static final String GROUP = "finesynth.dev";
  public static final String VERSION = "v1alpha1";

  /** Cancels the run before the resource goes away. */
  public static final String FINALIZER = GROUP + "/cancel-run";

  /** A resource to create: {@code kubectl apply} in code. */
  public static SynthesisRun of(String namespace, String name, SynthesisRunSpec spec) {
    SynthesisRun run = new SynthesisRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    run.setSpec(spec);
    return run;
  }

  /** The resource type as an API server (or fabric8's mock) serves it: namespaced, with status. */
  public static CustomResourceDefinitionContext definitionContext() {
    return new CustomResourceDefinitionContext.Builder()
        .withGroup(GROUP)
        .withVersion(VERSION)
        .withKind("SynthesisRun")
        .withPlural("synthesisruns")
        .withScope("Namespaced")
        .withStatusSubresource(true)
        .build();
  }

  @Override
  protected SynthesisRunStatus initStatus() {
    return new SynthesisRunStatus();
  }
}

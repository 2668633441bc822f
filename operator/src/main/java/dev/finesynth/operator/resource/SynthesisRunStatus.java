package dev.finesynth.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run as its events tell it, folded by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SynthesisRunStatus {
  @JsonPropertyDescription("CREATED, STARTED, FINISHED, FAILED or CANCELLED.")
  public String phase;

  @JsonPropertyDescription("The run's id: the resource's uid.")
  public String runId;

  @JsonPropertyDescription("The run's name for the CLI and REST (finesynth status NAME).")
  public String runName;

  @JsonPropertyDescription("The stage that spoke last and its figures, e.g. scorer 20/36 queries.")
  public String progress;

  @JsonPropertyDescription("Each stage's last progress or completion message.")
  public Map<String, String> stages = new LinkedHashMap<>();

  public RunMetrics metrics;

  public DatasetStatus dataset;

  public ModelStatus model;

  @JsonPropertyDescription("Why the run failed, from the stage that failed it.")
  public String reason;

  @JsonPropertyDescription("The spec generation the run was started from.")
  public Long startedGeneration;

  @JsonPropertyDescription("sha256 of the spec the run was started from.")
  public String specHash;

  public Long observedGeneration;

  public List<Condition> conditions = new ArrayList<>();

  /** NDCG@10 of the base model and of the last evaluated epoch. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RunMetrics {
    public Double baseNdcgAt10;
    public Double ndcgAt10;
    public Integer epoch;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DatasetStatus {
    public Long rows;
    public Long missing;
    public String checksum;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ModelStatus {
    public String location;
    public Integer epoch;
    public Boolean finalModel;
  }
}

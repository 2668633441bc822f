package dev.finesynth.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.finesynth.encoders.weights.Tensor;
import dev.finesynth.encoders.weights.TensorMap;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adam and AdamW over a fixed list of parameters, as PyTorch's {@code torch.optim.Adam} / {@code
 * AdamW} compute them (no amsgrad):
 *
 * <pre>
 * AdamW: p -= lr * wd * p            Adam: g += wd * p      (only where decay applies)
 * m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  t += 1
 * p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * <p>The moments live in a manager of their own, open as long as this optimizer. Updates run with
 * autograd off and outside any gradient collector, so plain Java numbers are safe here.
 */
public final class AdamOptimizer implements AutoCloseable {

  /** The hyper-parameters; PyTorch's defaults are betas (0.9, 0.999) and eps 1e-8. */
  public record Settings(
      OptimizerKind kind, float weightDecay, float beta1, float beta2, float epsilon) {

    public Settings {
      if (weightDecay < 0 || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || epsilon < 0) {
        throw new IllegalArgumentException("invalid Adam settings: " + this);
      }
    }

    /** AdamW with weight decay 0.01 (sentence-transformers' default) or Adam without decay. */
    public static Settings defaults(OptimizerKind kind) {
      return new Settings(kind, kind == OptimizerKind.ADAMW ? 0.01f : 0f, 0.9f, 0.999f, 1e-8f);
    }
  }

  private static final String EXP_AVG = "exp_avg.";
  private static final String EXP_AVG_SQ = "exp_avg_sq.";

  private final List<TrainableParameter> parameters;
  private final Settings settings;
  private final NDManager state;
  private final List<NDArray> expAvg = new ArrayList<>();
  private final List<NDArray> expAvgSq = new ArrayList<>();
  private long step;

  /**
   * @param parameters what to update, in a fixed order
   * @param parent the manager whose sub-manager holds the moments
   */
  public AdamOptimizer(List<TrainableParameter> parameters, Settings settings, NDManager parent) {
    this.parameters = List.copyOf(parameters);
    this.settings = settings;
    this.state = parent.newSubManager();
    for (TrainableParameter p : this.parameters) {
      expAvg.add(state.zeros(p.array().getShape(), p.array().getDataType()));
      expAvgSq.add(state.zeros(p.array().getShape(), p.array().getDataType()));
    }
  }

  public List<TrainableParameter> parameters() {
    return parameters;
  }

  public Settings settings() {
    return settings;
  }

  /** The number of updates made so far (PyTorch's {@code state["step"]}). */
  public long step() {
    return step;
  }

  /**
   * Updates every parameter with its gradient at rate {@code lr}.
   *
   * @param gradients parallel to {@link #parameters()}; a null entry skips its parameter (as
   *     PyTorch skips parameters without a gradient) but the step count still advances
   */
  public void update(float lr, List<NDArray> gradients) {
    if (gradients.size() != parameters.size()) {
      throw new IllegalArgumentException(
          gradients.size() + " gradients for " + parameters.size() + " parameters");
    }
    step++;
    double bias1 = 1 - Math.pow(settings.beta1(), step);
    double bias2Sqrt = Math.sqrt(1 - Math.pow(settings.beta2(), step));
    float stepSize = (float) (lr / bias1);
    try (GradMode off = GradMode.off()) {
      for (int i = 0; i < parameters.size(); i++) {
        NDArray grad = gradients.get(i);
        if (grad != null) {
          update(parameters.get(i), grad, expAvg.get(i), expAvgSq.get(i), lr, stepSize, bias2Sqrt);
        }
      }
    }
  }

  private void update(
      TrainableParameter param,
      NDArray grad,
      NDArray m,
      NDArray v,
      float lr,
      float stepSize,
      double bias2Sqrt) {
    NDArray p = param.array();
    boolean decay = param.decay() && settings.weightDecay() != 0;
    // every new array below is attached to this scope, closed at the end of the update
    try (NDManager scope = state.newSubManager()) {
      NDArray g = grad;
      if (decay && settings.kind() == OptimizerKind.ADAMW) {
        p.muli(1 - lr * settings.weightDecay());
      } else if (decay) {
        g = scoped(scope, p.mul(settings.weightDecay())).addi(grad);
      }
      m.muli(settings.beta1()).addi(scoped(scope, g.mul(1 - settings.beta1())));
      v.muli(settings.beta2()).addi(scoped(scope, g.square()).muli(1 - settings.beta2()));
      NDArray denom = scoped(scope, v.sqrt()).divi((float) bias2Sqrt).addi(settings.epsilon());
      p.subi(scoped(scope, m.div(denom)).muli(stepSize));
    }
  }

  private static NDArray scoped(NDManager scope, NDArray array) {
    array.attach(scope);
    return array;
  }

  /** The moments as {@code exp_avg.<name>} and {@code exp_avg_sq.<name>} float32 tensors. */
  public TensorMap stateDict() {
    TensorMap out = new TensorMap();
    for (int i = 0; i < parameters.size(); i++) {
      String name = parameters.get(i).name();
      out.put(EXP_AVG + name, toTensor(expAvg.get(i)));
      out.put(EXP_AVG_SQ + name, toTensor(expAvgSq.get(i)));
    }
    return out;
  }

  /** Restores the moments written by {@link #stateDict()} and the step count. */
  public void load(TensorMap moments, long step) {
    try (GradMode off = GradMode.off()) {
      for (int i = 0; i < parameters.size(); i++) {
        String name = parameters.get(i).name();
        copy(moments, EXP_AVG + name, expAvg.get(i));
        copy(moments, EXP_AVG_SQ + name, expAvgSq.get(i));
      }
    }
    this.step = step;
  }

  private static Tensor toTensor(NDArray array) {
    return Tensor.ofFloats(array.getShape().getShape(), array.toFloatArray());
  }

  private static void copy(TensorMap moments, String name, NDArray target) {
    if (!moments.contains(name)) {
      throw new IllegalArgumentException("optimizer state lacks " + name);
    }
    Tensor t = moments.get(name);
    if (!Arrays.equals(t.shape(), target.getShape().getShape())) {
      throw new IllegalArgumentException(
          name + " has shape " + Arrays.toString(t.shape()) + ", expected " + target.getShape());
    }
    target.set(FloatBuffer.wrap(t.toFloats()));
  }

  @Override
  public void close() {
    state.close();
  }
}

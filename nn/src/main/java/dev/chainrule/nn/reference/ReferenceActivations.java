package dev.chainrule.nn.reference;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;

/**
 * Activation values and derivatives written out by hand on tensors, independently of the autograd
 * versions, for the delta rule.
 */
final class ReferenceActivations {
  private static final double INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);
  private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
  private static final double GELU_CUBIC = 0.044715;

  private ReferenceActivations() {}

  static Tensor value(Activation.BuiltIn f, Tensor z) {
    double p = f.parameter();
    return switch (f.kind()) {
      case IDENTITY -> z;
      case LINEAR -> z.mul(p);
      case SIGMOID -> z.sigmoid();
      case TANH -> z.tanh();
      case RELU -> z.relu();
      case LEAKY_RELU -> z.map(v -> v > 0 ? v : p * v);
      case ELU -> z.map(v -> v > 0 ? v : p * Math.expm1(v));
      case GELU -> z.mul(normalCdf(z));
      case GELU_TANH -> z.mul(geluTanhInner(z).tanh().add(1)).mul(0.5);
      case SOFTPLUS -> z.softplus();
      case SOFTMAX -> z.sub(z.logSumExp(-1, true)).exp();
      case LOG_SOFTMAX -> z.sub(z.logSumExp(-1, true));
      case THRESHOLD -> throw notSmooth();
    };
  }

  /**
   * ∂J/∂z given ∂J/∂a, a = f(z): upstream ⊙ f′(z) for elementwise f, the Jacobian-transpose
   * product for the row-wise softmax and log-softmax.
   */
  static Tensor backward(Activation.BuiltIn f, Tensor z, Tensor a, Tensor upstream) {
    double p = f.parameter();
    return switch (f.kind()) {
      case IDENTITY -> upstream;
      case LINEAR -> upstream.mul(p);
      case SIGMOID -> upstream.mul(a.mul(a.neg().add(1)));
      case TANH -> upstream.mul(a.square().neg().add(1));
      case RELU -> upstream.mul(z.gt(0));
      case LEAKY_RELU -> upstream.mul(z.map(v -> v > 0 ? 1 : p));
      case ELU -> upstream.mul(z.map(v -> v > 0 ? 1 : p * Math.exp(v)));
      case GELU -> upstream.mul(normalCdf(z).add(z.mul(normalPdf(z))));
      case GELU_TANH -> upstream.mul(geluTanhDerivative(z));
      case SOFTPLUS -> upstream.mul(z.sigmoid());
      // ∂aᵢ/∂zⱼ = aᵢ(δᵢⱼ − aⱼ)  ⇒  (Jᵀu)ⱼ = aⱼ(uⱼ − Σᵢ uᵢaᵢ)
      case SOFTMAX -> a.mul(upstream.sub(upstream.mul(a).sum(-1, true)));
      // ∂aᵢ/∂zⱼ = δᵢⱼ − softmaxⱼ  ⇒  (Jᵀu)ⱼ = uⱼ − softmaxⱼ·Σᵢ uᵢ
      case LOG_SOFTMAX -> upstream.sub(a.exp().mul(upstream.sum(-1, true)));
      case THRESHOLD -> throw notSmooth();
    };
  }

  /** Φ(z) = ½·erfc(−z/√2). */
  private static Tensor normalCdf(Tensor z) {
    return z.mul(-Math.sqrt(0.5)).erfc().mul(0.5);
  }

  /** φ(z) = e^(−z²/2)/√(2π). */
  private static Tensor normalPdf(Tensor z) {
    return z.square().mul(-0.5).exp().mul(INV_SQRT_TWO_PI);
  }

  private static Tensor geluTanhInner(Tensor z) {
    return z.add(z.pow(3).mul(GELU_CUBIC)).mul(SQRT_TWO_OVER_PI);
  }

  /** d/dz ½z(1 + tanh u) = ½(1 + tanh u) + ½z(1 − tanh²u)·√(2/π)(1 + 3·0.044715z²). */
  private static Tensor geluTanhDerivative(Tensor z) {
    Tensor t = geluTanhInner(z).tanh();
    Tensor du = z.square().mul(3 * GELU_CUBIC).add(1).mul(SQRT_TWO_OVER_PI);
    return t.add(1).mul(0.5).add(z.mul(0.5).mul(t.square().neg().add(1)).mul(du));
  }

  private static IllegalArgumentException notSmooth() {
    return new IllegalArgumentException("delta rule: the threshold unit has zero derivative almost"
        + " everywhere, so backpropagation cannot train through it; use a smooth activation");
  }
}

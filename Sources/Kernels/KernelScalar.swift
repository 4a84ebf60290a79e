/// The element types the kernels compute in: `Float` for a network's activations and
/// weights, `Double` where a solve needs the headroom.
///
/// `Vector` is the lane group a kernel accumulates in. Each lane holds its own chain of
/// additions in a fixed order, so the vector width changes the speed and never the result:
/// a plain scalar loop written in the same order gives the same bits (the tests do exactly
/// that). No operation is fused: a product is rounded, then added, on every machine.
public protocol KernelScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable {
  associatedtype Vector: SIMD where Vector.Scalar == Self
}

extension Float: KernelScalar {
  public typealias Vector = SIMD8<Float>
}

extension Double: KernelScalar {
  public typealias Vector = SIMD4<Double>
}

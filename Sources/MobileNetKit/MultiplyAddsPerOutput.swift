extension Layer {
  /// The multiply-adds behind one output value: a k×k window over the input channels of
  /// its group (one channel for a depthwise conv), the whole input for the classifier, and
  /// none for the pool, which only averages. Times the output's elements, it is the layer's
  /// count: how the Block view explains a layer a click picks.
  public var multiplyAddsPerOutput: Int {
    switch kind {
    case .pool: return 0
    case .classifier: return input.channels
    case .conv, .expand, .depthwise, .project, .pointwise:
      return input.channels / max(1, groups) * kernel * kernel
    }
  }
}

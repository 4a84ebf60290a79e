/// The shortcut of an inverted-residual block: the block's input added to its projection,
/// entry by entry. Its backward pass hands the same gradient to both branches.
public enum ResidualAdd {
  public static func forward(_ block: Tensor, shortcut: Tensor) -> Tensor {
    precondition(block.shape == shortcut.shape, "residual add of \(block.shape) and \(shortcut.shape)")
    var y = block
    y.values.withUnsafeMutableBufferPointer { out in
      shortcut.values.withUnsafeBufferPointer { s in
        VectorOps.axpy(1, s.baseAddress!, out.baseAddress!, count: out.count)
      }
    }
    return y
  }

  /// The gradient of each branch: dy, unchanged.
  public static func backward(_ dy: Tensor) -> (block: Tensor, shortcut: Tensor) { (dy, dy) }
}

/// Below how much work an op stays on one thread.
enum ParallelWork {
  /// 2²⁰ multiply-adds, about 0.1 ms here: the matrix product's own threshold is 2²¹.
  static let minimumMultiplyAdds = 1 << 20
}

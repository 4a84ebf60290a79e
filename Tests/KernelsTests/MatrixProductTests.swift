import Testing

@testable import Kernels

/// The blocked, threaded products against the naive triple loop they promise to equal.
@Suite struct MatrixProductTests {
  /// Entries in [−0.5, 0.5) from an integer hash of the index (a MurmurHash3 finaliser): no
  /// shared generator with the code under test.
  static func matrix<S: KernelScalar>(_ rows: Int, _ columns: Int, salt: Int, _: S.Type = S.self) -> Matrix<S>
  {
    Matrix(
      rows: rows, columns: columns,
      values: (0..<rows * columns).map { index in
        var h = UInt64(index) &+ UInt64(salt) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        h = (h ^ (h >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return S(h >> 40) / S(1 << 24) - 0.5
      })
  }

  /// c = 0; c = c + a·b in index order: the definition, written out.
  static func naive<S: KernelScalar>(_ a: Matrix<S>, _ b: Matrix<S>) -> Matrix<S> {
    var c = Matrix<S>(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
      for j in 0..<b.columns {
        var sum: S = 0
        for q in 0..<a.columns { sum = sum + a[i, q] * b[q, j] }
        c[i, j] = sum
      }
    }
    return c
  }

  @Test(arguments: [(1, 1, 1), (4, 16, 16), (7, 130, 37), (33, 300, 24), (5, 3, 2), (9, 0, 5), (70, 9, 130)])
  func singlePrecisionEqualsTheNaiveLoopBitForBit(n: Int, p: Int, m: Int) {
    let a = Self.matrix(n, p, salt: 1, Float.self), b = Self.matrix(p, m, salt: 2, Float.self)
    #expect(a.times(b) == Self.naive(a, b))
    #expect(a.transposed.transposedTimes(b) == Self.naive(a, b))
  }

  @Test(arguments: [(9, 140, 13), (65, 70, 3), (2, 2, 2)])
  func doublePrecisionEqualsTheNaiveLoopBitForBit(n: Int, p: Int, m: Int) {
    let a = Self.matrix(n, p, salt: 3, Double.self), b = Self.matrix(p, m, salt: 4, Double.self)
    #expect(a.times(b) == Self.naive(a, b))
  }

  /// Large enough to be split into chunks on several threads: still the naive loop's bits.
  @Test func threadedProductEqualsTheNaiveLoop() {
    let a = Self.matrix(300, 200, salt: 5, Float.self), b = Self.matrix(200, 90, salt: 6, Float.self)
    #expect(300 * 200 * 90 >= ProductKernel<Float>.parallelWork)
    #expect(a.times(b) == Self.naive(a, b))
  }

  /// Few rows (a 7×7 feature map is 49) and many columns: one chunk of rows, its column
  /// panels shared among threads; 130 rows make three chunks, also split. Packed weights
  /// and the row epilogue (here ReLU6 after a bias) give the naive loop's bits too.
  @Test(arguments: [49, 130])
  func splitPanelsAndTheEpilogueEqualTheNaiveLoop(rows: Int) {
    let a = Self.matrix(rows, 300, salt: 8, Float.self), b = Self.matrix(300, 150, salt: 9, Float.self)
    #expect(rows * 300 * 150 >= ProductKernel<Float>.parallelWork)
    let expected = Self.naive(a, b)
    for threads in [1, 2, 3] {
      #expect(a.times(b, threads: threads) == expected)
      #expect(a.times(PackedOperand(b), threads: threads) == expected)
    }
    let bias = (0..<150).map { Float($0) / 50 - 1 }
    let withEpilogue = a.times(PackedOperand(b), threads: 2) { rows, count in
      bias.withUnsafeBufferPointer {
        Nonlinearity.relu6.applyWithBias(rows, bias: $0.baseAddress!, pixels: count, channels: 150)
      }
    }
    let reference = expected.values.enumerated().map {
      Nonlinearity.relu6.apply($0.element + bias[$0.offset % 150])
    }
    #expect(withEpilogue.values == reference)
  }

  @Test func gramIsSymmetricAndEqualsTheNaiveProduct() {
    let x = Self.matrix(150, 37, salt: 7, Double.self)
    let gram = x.gram()
    #expect(gram == Self.naive(x.transposed, x))
    for a in 0..<37 { for b in 0..<37 { #expect(gram[a, b] == gram[b, a]) } }
  }

  @Test func rowSelectionAndTransposeKeepEveryEntry() {
    let x = Self.matrix(7, 3, salt: 8, Float.self)
    let even = x.rows(from: 0, by: 2)
    #expect(even.rows == 4 && even.columns == 3)
    for r in 0..<4 { #expect(Array(even.row(r)) == Array(x.row(2 * r))) }
    #expect(x.transposed.transposed == x)
    #expect(x.transposed[2, 5] == x[5, 2])
  }

  /// The same inputs give these bits on every machine: a change of compiler, instruction
  /// set or core count that altered one rounding would change the hash. The value was
  /// recorded on the development machine (x86-64); the naive-loop tests above are what
  /// make the product right, this one makes it stay put.
  @Test func productChecksumIsPinned() {
    let a = Self.matrix(120, 96, salt: 11, Float.self), b = Self.matrix(96, 40, salt: 12, Float.self)
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for value in a.times(b).values {
      hash = (hash ^ UInt64(value.bitPattern)) &* 0x100_0000_01b3
    }
    #expect(hash == Self.pinnedProductHash, "hash \(String(hash, radix: 16))")
  }

  static let pinnedProductHash: UInt64 = 0xf131_34fd_bb17_315b
}

import Testing

@testable import ManifoldKit

@Suite struct EmbeddingTests {
  @Test(arguments: [2, 3, 5, 15, 30, 257])
  func pseudoInverseIsALeftInverse(n: Int) {
    let embedding = RandomEmbedding(dimension: n, seed: 11)
    #expect(embedding.rank == 2)
    // T⁺T = I₂.
    var product = [[0.0, 0.0], [0.0, 0.0]]
    for i in 0..<n {
      product[0][0] += embedding.inverseRow0[i] * embedding.column0[i]
      product[0][1] += embedding.inverseRow0[i] * embedding.column1[i]
      product[1][0] += embedding.inverseRow1[i] * embedding.column0[i]
      product[1][1] += embedding.inverseRow1[i] * embedding.column1[i]
    }
    #expect(abs(product[0][0] - 1) < 1e-12 && abs(product[1][1] - 1) < 1e-12)
    #expect(abs(product[0][1]) < 1e-12 && abs(product[1][0]) < 1e-12)
  }

  @Test func rankOneIsDetectedAndPseudoInverted() {
    // Columns (1, 2, 2) and (2, 4, 4): T = u σ vᵀ with u = (1,2,2)/3, σ = 3√5, v = (1,2)/√5,
    // so T⁺ = v uᵀ/σ = (1,2)ᵀ(1,2,2)/45.
    let embedding = RandomEmbedding(column0: [1, 2, 2], column1: [2, 4, 4])
    #expect(embedding.rank == 1)
    for (value, expected) in zip(embedding.inverseRow0, [1.0 / 45, 2.0 / 45, 2.0 / 45]) {
      #expect(abs(value - expected) < 1e-15)
    }
    for (value, expected) in zip(embedding.inverseRow1, [2.0 / 45, 4.0 / 45, 4.0 / 45]) {
      #expect(abs(value - expected) < 1e-15)
    }
  }

  @Test func sameSeedSameMatrix() {
    #expect(RandomEmbedding(dimension: 30, seed: 5) == RandomEmbedding(dimension: 30, seed: 5))
    #expect(RandomEmbedding(dimension: 30, seed: 5) != RandomEmbedding(dimension: 30, seed: 6))
  }
}

import Testing

@testable import MobileNetKit

@Suite struct ConfigValidationTests {
  @Test(arguments: [0.0, -1.0, .nan, .infinity, -.infinity, 1e9, 0.01])
  func rejectsBadWidths(width: Double) {
    #expect(throws: ConfigError.self) { try NetworkConfig(width: width).validate() }
  }

  @Test(arguments: [0, -224, 31, 2049, 100_000])
  func rejectsBadResolutions(resolution: Int) {
    #expect(throws: ConfigError.self) { try NetworkConfig(resolution: resolution).validate() }
  }

  @Test func rejectsZeroClasses() {
    #expect(throws: ConfigError.self) { try NetworkConfig(classes: 0).validate() }
  }

  @Test(arguments: NetworkConfig.standardWidths)
  func acceptsThePapersWidths(width: Double) throws {
    try NetworkConfig(width: width).validate()
  }

  @Test func extremesBuild() throws {
    for (width, resolution) in [(0.05, 32), (8.0, 2048)] {
      let config = NetworkConfig(width: width, resolution: resolution)
      try config.validate()
      #expect(Network.mobileNetV2(config).multiplyAdds > 0)
    }
  }
}

@Suite struct TypedConfigErrorTests {
  /// The error carries the value and the range it missed, so the CLI can word it.
  @Test func errorsCarryTheValueAndTheRange() {
    #expect(throws: ConfigError.width(9, valid: NetworkConfig.widthRange)) {
      try NetworkConfig(width: 9).validate()
    }
    #expect(throws: ConfigError.resolution(31, valid: NetworkConfig.resolutionRange)) {
      try NetworkConfig(resolution: 31).validate()
    }
    #expect(throws: ConfigError.classes(0, valid: NetworkConfig.classesRange)) {
      try NetworkConfig(classes: 0).validate()
    }
  }
}

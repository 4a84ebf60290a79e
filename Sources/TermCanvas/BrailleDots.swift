/// The Unicode Braille dot numbering. A cell's dots are
///
///     1 4
///     2 5
///     3 6
///     7 8
///
/// and dot k sets bit k − 1 of the offset from U+2800. Dots 7 and 8 were added later, which
/// is why the bottom row does not continue the column pattern.
public enum BrailleDots {
  /// bit[row][column] for row 0…3 and column 0…1.
  public static let bit: [[UInt8]] = [
    [0x01, 0x08],
    [0x02, 0x10],
    [0x04, 0x20],
    [0x40, 0x80],
  ]

  public static func scalar(_ bits: UInt8) -> Unicode.Scalar {
    Unicode.Scalar(0x2800 + UInt32(bits))!
  }
}

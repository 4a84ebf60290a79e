import TermCanvas

/// What follows an Esc byte: nothing (the Esc key itself), or a sequence the terminal sent,
/// read to its end so that none of its bytes reach the explorer as typed keys.
///
/// ncurses translates the function keys its terminfo entry knows; everything else arrives
/// here byte by byte. Mouse reports are the ones that matter: SGR 1006 (`ESC [ < b ; x ; y`
/// then `M` for a press, `m` for a release), which has no column limit, and the X10 form
/// (`ESC [ M` and three bytes) that a terminal without 1006 sends instead. Any other CSI or
/// SS3 sequence (a function key this terminfo lacks, such as F13) is read whole and dropped:
/// before, its "25~" was typed into the lesson as a step number.
public struct EscapeSequenceReader: Sendable {
  public enum Outcome: Equatable, Sendable {
    /// The sequence is not finished: feed the next byte.
    case needsMore
    /// The Esc stood alone: it is the Esc key, and the byte just fed (if any) is not part of
    /// a sequence and must be read as input of its own.
    case escapeKey
    /// A complete mouse report; nil for one the explorer has no use for (a release, a drag,
    /// another button, a cell outside the screen).
    case mouse(MouseEvent?)
    /// A complete sequence that is no key the explorer uses.
    case ignored
  }

  /// The longest sequence read: a real one is a dozen bytes; past this it is noise, which is
  /// dropped up to its final byte.
  public static let maximumLength = 32

  private var bytes: [UInt8] = []
  private var x10Bytes: [UInt8]?
  private var tooLong = false

  public init() {}

  public mutating func feed(_ byte: UInt8) -> Outcome {
    if var x10 = x10Bytes {
      x10.append(byte)
      x10Bytes = x10
      return x10.count == 3 ? .mouse(Self.x10Report(x10)) : .needsMore
    }
    guard let introducer = bytes.first else {
      guard byte == UInt8(ascii: "[") || byte == UInt8(ascii: "O") else { return .escapeKey }
      bytes.append(byte)
      return .needsMore
    }
    // SS3 (ESC O x): one byte and done, whatever it is.
    if introducer == UInt8(ascii: "O") { return .ignored }
    switch byte {
    case 0x20...0x3F:
      // Parameter and intermediate bytes.
      if bytes.count < Self.maximumLength { bytes.append(byte) } else { tooLong = true }
      return .needsMore
    case 0x40...0x7E:
      if tooLong { return .ignored }
      if bytes == [UInt8(ascii: "[")] && byte == UInt8(ascii: "M") {
        x10Bytes = []
        return .needsMore
      }
      if bytes.count > 1 && bytes[1] == UInt8(ascii: "<")
        && (byte == UInt8(ascii: "M") || byte == UInt8(ascii: "m"))
      {
        return .mouse(Self.sgrReport(bytes.dropFirst(2), pressed: byte == UInt8(ascii: "M")))
      }
      return .ignored
    default:
      // A control byte or a non-ASCII byte cannot be inside a sequence: it was cut short.
      return .ignored
    }
  }

  /// Input paused before anything followed the Esc (the Esc key), or mid-sequence (dropped).
  public mutating func timedOut() -> Outcome { bytes.isEmpty && x10Bytes == nil ? .escapeKey : .ignored }

  /// "b;x;y" with 1-based cells. Bits of b: 0–1 the button (3: released), 2–4 Shift, Meta and
  /// Ctrl (ignored: a Ctrl-click is still a click), 5 motion, 6 the wheel, 7 buttons 8–11.
  static func sgrReport(_ parameters: ArraySlice<UInt8>, pressed: Bool) -> MouseEvent? {
    let fields = parameters.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
    guard fields.count == 3 else { return nil }
    var numbers: [Int] = []
    for field in fields {
      guard (1...6).contains(field.count), field.allSatisfy({ (0x30...0x39).contains($0) }) else {
        return nil
      }
      numbers.append(field.reduce(0) { $0 * 10 + Int($1 - 0x30) })
    }
    return report(button: numbers[0], column: numbers[1], row: numbers[2], pressed: pressed)
  }

  /// X10: three bytes, each the value plus 32; cells beyond 223 cannot be said.
  static func x10Report(_ bytes: [UInt8]) -> MouseEvent? {
    guard bytes.allSatisfy({ $0 >= 32 }) else { return nil }
    let button = Int(bytes[0]) - 32
    // X10 says "released" with button 3 and has no separate final byte.
    return report(
      button: button, column: Int(bytes[1]) - 32, row: Int(bytes[2]) - 32, pressed: button & 3 != 3)
  }

  static func report(button: Int, column: Int, row: Int, pressed: Bool) -> MouseEvent? {
    guard pressed, column >= 1, row >= 1, button & 32 == 0, button & 128 == 0 else { return nil }
    let kind: MouseEvent.Kind
    if button & 64 != 0 {
      switch button & 3 {
      case 0: kind = .wheelUp
      case 1: kind = .wheelDown
      default: return nil  // the horizontal wheel
      }
    } else {
      guard button & 3 == 0 else { return nil }  // middle, right, or a release
      kind = .click
    }
    return MouseEvent(kind, x: column - 1, y: row - 1)
  }
}

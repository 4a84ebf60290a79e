import AblationKit
import ManifoldKit

/// A finished Figure 6 board as bytes, so a second handout, export or lesson shows it at
/// once instead of retraining 100 networks (21 s of CPU). Pure: the file I/O is the edge's
/// (`BoardCache` in ExplorerApp).
///
/// A board is a pure function of its study, the spirals' seed and the training code, so the
/// archive is keyed by all three: `key(for:)` hashes every run's settings together with a
/// fingerprint of a tiny run trained by this very build. A build whose training or maps
/// differ in a single bit has another key, and its old files are foreign, never trusted.
/// The bytes end in a checksum, so a truncated or damaged file is refused too.
///
/// Layout (little-endian): "MNV2FIG6", version (u32), key (u64), run count (u32); per run:
/// variant index and seed index (u32 each), the curve (u32 count, then i64 step and f64
/// accuracy), parameters and running statistics (u32 count, then f32 each), a map flag (u8)
/// and, when set, columns, rows (u32), extent (f64) and the probabilities (f32); then the
/// FNV-1a hash (u64) of everything before it.
public enum BoardArchive {
  static let magic = Array("MNV2FIG6".utf8)
  static let version: UInt32 = 2

  public enum Failure: Error, Equatable {
    /// Written for another board, or by a build that trains differently.
    case foreign
    /// Damaged, truncated, or not an archive at all; the words say where.
    case corrupt(String)
  }

  /// Everything the board's result depends on, hashed.
  public static func key(for study: AblationStudy) -> UInt64 {
    var hash = FNV1a()
    hash.add("mnv2 Figure 6 board v\(version); data seed \(study.seed); map \(TrainingJob.mapSide)\n")
    for spec in study.variants {
      for r in 0..<study.seeds {
        let run = study.run(spec, seedIndex: r)
        hash.add(
          "\(spec.width) \(spec.expansion) \(spec.stages) \(spec.blocksPerStage) \(spec.projection) "
            + "\(spec.shortcut) seed \(run.seed) steps \(run.steps) batch \(run.batchSize) "
            + "lr \(run.learningRate.bitPattern) eval \(run.evaluationInterval)\n")
      }
    }
    hash.add(trainingFingerprint)
    return hash.value
  }

  /// The bits of a 20-step run and its 4×4 map, as this build computes them.
  static let trainingFingerprint: UInt64 = {
    let data = TwoSpirals(seed: 7)
    let run = TrainingRun(
      spec: MiniNetSpec(width: 2, projection: .linear), seed: 7, steps: 20, evaluationInterval: 10)
    let result = run.run(data: data, training: data.training, test: data.test)
    var hash = FNV1a()
    for point in result.curve { hash.add(UInt64(point.step)); hash.add(point.accuracy.bitPattern) }
    for value in result.net.parameters + result.net.running { hash.add(UInt64(value.bitPattern)) }
    for value in DecisionMap(result.net, columns: 4, rows: 4).probabilities {
      hash.add(UInt64(value.bitPattern))
    }
    return hash.value
  }()

  /// The finished board's bytes; nil until every run is trained.
  public static func encode(_ board: AblationBoard) -> [UInt8]? {
    guard board.isComplete else { return nil }
    let study = board.study
    var out = ByteWriter()
    out.bytes += magic
    out.u32(version)
    out.u64(key(for: study))
    out.u32(UInt32(board.runCount))
    for (index, spec) in study.variants.enumerated() {
      for r in 0..<study.seeds {
        guard let run = board.finished[RunKey(spec: spec, seedIndex: r)] else { return nil }
        out.u32(UInt32(index))
        out.u32(UInt32(r))
        out.u32(UInt32(run.result.curve.count))
        for point in run.result.curve {
          out.u64(UInt64(bitPattern: Int64(point.step)))
          out.u64(point.accuracy.bitPattern)
        }
        out.floats(run.result.net.parameters)
        out.floats(run.result.net.running)
        if let map = run.map {
          out.bytes.append(1)
          out.u32(UInt32(map.columns))
          out.u32(UInt32(map.rows))
          out.u64(map.extent.bitPattern)
          for value in map.probabilities { out.u32(value.bitPattern) }
        } else {
          out.bytes.append(0)
        }
      }
    }
    var hash = FNV1a()
    hash.add(out.bytes)
    out.u64(hash.value)
    return out.bytes
  }

  /// Every run of `study`'s board, read back; throws for anything but an intact archive of
  /// exactly this board.
  public static func decode(_ bytes: [UInt8], for study: AblationStudy) throws(Failure) -> [RunKey:
    FinishedRun]
  {
    guard bytes.count >= magic.count + 4 + 8 + 4 + 8, Array(bytes.prefix(magic.count)) == magic else {
      throw .corrupt("not a Figure 6 board")
    }
    var hash = FNV1a()
    hash.add(Array(bytes.dropLast(8)))
    var tail = ByteReader(Array(bytes.suffix(8)))
    guard (try? tail.u64()) == hash.value else {
      throw .corrupt("its checksum does not match (truncated or damaged)")
    }
    var reader = ByteReader(Array(bytes.dropLast(8)))
    reader.offset = magic.count
    do {
      guard try reader.u32() == version, try reader.u64() == key(for: study) else { throw Failure.foreign }
      let variants = study.variants
      let count = Int(try reader.u32())
      guard count == variants.count * study.seeds else { throw Failure.corrupt("it holds \(count) runs") }
      var runs: [RunKey: FinishedRun] = [:]
      for _ in 0..<count {
        let index = Int(try reader.u32()), r = Int(try reader.u32())
        guard variants.indices.contains(index), (0..<study.seeds).contains(r) else {
          throw Failure.corrupt("a run names no variant of this board")
        }
        let spec = variants[index]
        let run = study.run(spec, seedIndex: r)
        let points = Int(try reader.u32())
        guard points <= run.steps / run.evaluationInterval + 2 else {
          throw Failure.corrupt("a curve is too long")
        }
        var curve: [CurvePoint] = []
        for _ in 0..<points {
          let step = Int(Int64(bitPattern: try reader.u64()))
          let accuracy = Double(bitPattern: try reader.u64())
          guard (0...run.steps).contains(step), (0...1).contains(accuracy) else {
            throw Failure.corrupt("a curve point is out of range")
          }
          curve.append(CurvePoint(step: step, accuracy: accuracy))
        }
        var net = InvertedResidualNet(spec: spec, seed: run.seed)
        let parameters = try reader.floats(), running = try reader.floats()
        guard parameters.count == net.parameters.count, running.count == net.running.count else {
          throw Failure.corrupt("a network has the wrong number of weights")
        }
        net.parameters = parameters
        net.running = running
        var map: DecisionMap?
        switch try reader.byte() {
        case 0: break
        case 1:
          let columns = Int(try reader.u32()), rows = Int(try reader.u32())
          let extent = Double(bitPattern: try reader.u64())
          guard (1...512).contains(columns), (1...512).contains(rows) else {
            throw Failure.corrupt("a map is too big")
          }
          var values: [Float] = []
          for _ in 0..<(columns * rows) { values.append(Float(bitPattern: try reader.u32())) }
          guard let decoded = DecisionMap(columns: columns, rows: rows, extent: extent, probabilities: values)
          else {
            throw Failure.corrupt("a map's values are out of range")
          }
          map = decoded
        default: throw Failure.corrupt("a map flag is neither 0 nor 1")
        }
        let key = RunKey(spec: spec, seedIndex: r)
        guard runs[key] == nil else { throw Failure.corrupt("a run appears twice") }
        runs[key] = FinishedRun(result: TrainingResult(run: run, curve: curve, net: net), map: map)
      }
      guard reader.offset == reader.bytes.count else { throw Failure.corrupt("bytes follow the last run") }
      return runs
    } catch let failure as Failure {
      throw failure
    } catch {
      throw .corrupt("it ends early")
    }
  }
}

/// The 64-bit FNV-1a hash: tiny, portable, and the same on every machine.
struct FNV1a {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func add(_ bytes: [UInt8]) {
    for byte in bytes {
      value ^= UInt64(byte)
      value = value &* 0x0000_0100_0000_01B3
    }
  }

  mutating func add(_ text: String) { add(Array(text.utf8)) }

  mutating func add(_ word: UInt64) { add((0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }) }
}

struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func u32(_ value: UInt32) { integer(value) }
  mutating func u64(_ value: UInt64) { integer(value) }

  /// Little-endian, the type's width.
  private mutating func integer<T: FixedWidthInteger>(_ value: T) {
    for shift in 0..<(T.bitWidth / 8) { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * shift))) }
  }

  mutating func floats(_ values: [Float]) {
    u32(UInt32(values.count))
    for value in values { u32(value.bitPattern) }
  }
}

struct ByteReader {
  struct End: Error {}

  let bytes: [UInt8]
  var offset = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func byte() throws -> UInt8 {
    guard offset < bytes.count else { throw End() }
    offset += 1
    return bytes[offset - 1]
  }

  mutating func u32() throws -> UInt32 { try integer() }
  mutating func u64() throws -> UInt64 { try integer() }

  /// A little-endian unsigned integer of the type's width.
  private mutating func integer<T: FixedWidthInteger & UnsignedInteger>() throws -> T {
    let size = T.bitWidth / 8
    guard bytes.count - offset >= size else { throw End() }
    var value: T = 0
    for shift in 0..<size { value |= T(bytes[offset + shift]) << (8 * shift) }
    offset += size
    return value
  }

  /// A count, then that many f32; the count is checked against what is left first, so a
  /// damaged count cannot ask for gigabytes.
  mutating func floats() throws -> [Float] {
    let count = Int(try u32())
    guard count <= (bytes.count - offset) / 4 else { throw End() }
    var values: [Float] = []
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(Float(bitPattern: try u32())) }
    return values
  }
}

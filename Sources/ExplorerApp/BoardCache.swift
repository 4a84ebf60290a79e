import AblationKit
import AtomicFile
import Explorer
import Foundation

/// Finished Figure 6 boards on disk, under `$XDG_CACHE_HOME/mnv2` (else `~/.cache/mnv2`),
/// one file per board named by its `BoardArchive.key`. A file is only ever trusted whole:
/// a foreign or damaged one is ignored with a one-line notice, and the board retrains (and
/// replaces it). Files are written by `AtomicWriter`, as every export is: a temporary file
/// beside the target, then rename(2), so a reader never sees half a board, and a signal
/// that ends the process removes the temporary file first.
public struct BoardCache: Sendable {
  public let folder: String

  public init(folder: String) { self.folder = folder }

  /// The user's cache folder, or nil when neither XDG_CACHE_HOME nor HOME says where.
  public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> BoardCache?
  {
    // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      return BoardCache(folder: xdg + "/mnv2")
    }
    guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
    return BoardCache(folder: home + "/.cache/mnv2")
  }

  public func path(for study: AblationStudy) -> String {
    folder + "/figure6-" + String(BoardArchive.key(for: study), radix: 16) + ".board"
  }

  /// The board's runs from disk; nil when there is no file. A file that cannot be used
  /// gives nil and one line for `notice`, naming the file and why.
  public func load(_ study: AblationStudy, notice: (String) -> Void) -> [RunKey: FinishedRun]? {
    let path = path(for: study)
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    do {
      return try BoardArchive.decode(Array(data), for: study)
    } catch {
      switch error {
      case .foreign: notice("ignoring the cached board \(path): it was written for another board or build")
      case .corrupt(let why): notice("ignoring the cached board \(path): \(why)")
      }
      return nil
    }
  }

  /// Writes a finished board; failures are reported, never fatal (the cache is a convenience).
  public func save(_ board: AblationBoard, notice: (String) -> Void) {
    guard let bytes = BoardArchive.encode(board) else { return }
    let target = path(for: board.study)
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      notice("could not cache the trained board in \(folder): cannot create the folder")
      return
    }
    do {
      try AtomicWriter.write(bytes: bytes, to: target, overwrite: true)
    } catch let error as CannotCreateError {
      notice("could not cache the trained board: \(error.message)")
    } catch {
      notice("could not cache the trained board in \(folder): \(error)")
    }
  }
}

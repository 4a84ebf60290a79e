import ArgumentParser
import CNCurses
import Explorer
import Foundation
import MobileNetKit
import TermCanvas

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write exactly what a screen of the explorer shows, as text, ANSI, SVG or HTML.",
    discussion: """
      For slides and handouts. The screen is rendered at --size (default 100x30) with colour; \
      txt drops the colour, ansi keeps it as escape codes, svg and html keep it with a monospace \
      font. The file is written atomically (a temporary file, then a rename) and an existing file \
      is kept unless --force is given.

      --keys presses keys after the screen opens, as a user would: characters stand for \
      themselves, named keys go in angle brackets (<Enter> <Esc> <Tab> <Space> <BkSp> <Up> <Down> \
      <Left> <Right> <PgUp> <PgDn> <Home> <End>, and <lt> for "<"). For a slide, --no-chrome \
      leaves out the title bar, the status bar and the key hints. SVG and HTML draw a white page, \
      and in every theme each colour is mapped to 4.5:1 or more on it (WCAG AA), dim text to grey; \
      --theme light does the same for txt and ansi. The Network view's selected row is not \
      highlighted unless --selection is given.

        mnv2 export --view block --block 7 --format svg --output block7.svg
        mnv2 export --view lesson --step 3 --format html --output step3.html
        mnv2 export --view manifold --keys b --no-chrome --theme light --format svg --output fig1.svg
        mnv2 export --view ablation --size 120x40 --format html --output fig6.html
        mnv2 export --view network --keys '?' --size 80x24 --format txt --output help.txt
      """)

  enum Screen: String, ExpressibleByArgument, CaseIterable {
    case network, block, manifold, ablation, lesson
  }

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case txt, ansi, svg, html
  }

  @Option(help: ArgumentHelp("The screen to export.", valueName: "network|block|manifold|ablation|lesson"))
  var view: Screen

  @Option(
    help: ArgumentHelp(
      "Row to select: 0 is the stem, then the bottlenecks (1–17 for MobileNetV2), then the head.",
      valueName: "n"))
  var block: Int?

  @Option(help: ArgumentHelp("Lesson step, from 1 (with --view lesson; default 1).", valueName: "n"))
  var step: Int?

  @Option(
    help: ArgumentHelp(
      "File format; without it, the --output name's extension (.txt .ansi .svg .html .htm) says.",
      valueName: "txt|ansi|svg|html"))
  var format: Format?

  @Option(help: ArgumentHelp("The file to write; - is standard output.", valueName: "file"))
  var output: String

  @Flag(help: "Replace the file if it exists.")
  var force = false

  @Option(help: ArgumentHelp("Screen size in columns x rows, at least 80x24.", valueName: "WxH"))
  var size: String = "100x30"

  @Option(
    help: ArgumentHelp(
      "Keys pressed before the screen is captured, e.g. 'b' or 'jj<Enter>'.", valueName: "keys"))
  var keys: String = ""

  @Flag(name: .customLong("no-chrome"), help: "Leave out the title bar, status bar and key hints.")
  var noChrome = false

  @Flag(help: "Highlight the selected row of the Network view as the explorer does (exports show none).")
  var selection = false

  @OptionGroup var options: ExplorerOptions

  func parsedSize() throws -> (Int, Int) {
    let parts = size.lowercased().split(separator: "x")
    guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else {
      throw ValidationError("--size must look like 100x30, got '\(size)'")
    }
    guard (80...400).contains(width), (24...200).contains(height) else {
      throw ValidationError("--size must be from 80x24 to 400x200, got \(size)")
    }
    return (width, height)
  }

  /// The format named by --format, else by the output's extension.
  func resolvedFormat() throws -> Format {
    if let format { return format }
    let name = output.split(separator: "/").last.map(String.init) ?? ""
    let dot = name.lastIndex(of: ".")
    let ext = dot.map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
    let formats = Format.allCases.map(\.rawValue).joined(separator: ", ")
    switch ext {
    case "txt", "text": return .txt
    case "ansi", "ans": return .ansi
    case "svg": return .svg
    case "html", "htm": return .html
    default:
      let what = output == "-" ? "standard output has no extension" : "cannot tell the format from its name"
      throw ValidationError(
        "--output \(TerminalSafe.escape(output)): \(what); add --format (\(formats))")
    }
  }

  func validate() throws {
    _ = try parsedSize()
    _ = try resolvedFormat()
    // An option taken and then ignored would mislead: each belongs to its view.
    if step != nil && view != .lesson { throw ValidationError("--step goes with --view lesson") }
    if block != nil && view == .lesson {
      throw ValidationError("--block does not apply to --view lesson: each step sets its own block")
    }
    do {
      _ = try KeySequence.parse(keys)
    } catch {
      throw ValidationError("--keys: \(error.message)")
    }
  }

  func run() throws {
    let network = try options.network()
    let block = self.block ?? 0, step = self.step ?? 1
    try BlockRange.check(block, in: network, flag: "--block")
    let steps = try LessonLoader.load(
      directory: options.lessons, rows: network.groups.count, checkingStep: step)
    // The export reaches what its keys can: W and R step up through the paper's sizes, and
    // a lesson (its view, or L) reaches every step's.
    let pressed = (try? KeySequence.parse(keys)) ?? []
    let widens = pressed.contains(.character("W")) || pressed.contains(.character("R"))
    let lesson = view == .lesson || pressed.contains(.character("L"))
    try options.checkReach(steps: lesson ? steps : [], keys: widens || lesson)
    let (width, height) = try parsedSize()
    let format = try resolvedFormat()
    let unicode = !options.ascii
    let explorerView: ExplorerView =
      switch view {
      case .network, .lesson: .network
      case .block: .block
      case .manifold: .manifold
      case .ablation: .ablation
      }
    var state = ExplorerState(
      spec: network.spec, config: options.config, view: explorerView, selectedGroup: block,
      seed: options.seed,
      plotStyle: unicode ? .braille : .ascii, convention: options.framework.convention, lessonSteps: steps,
      lessonStep: view == .lesson ? step - 1 : nil
    )
    for key in (try? KeySequence.parse(keys)) ?? [] {
      _ = ExplorerReducer.reduce(&state, key: key)
    }
    BoardTraining.settle(&state, cache: options.boardCache, label: "export")
    var theme = Theme(
      colored: format != .txt && !options.noColor, unicode: unicode, classroom: options.theme == .classroom,
      light: options.theme == .light, formatting: format != .txt)
    theme.showsSelection = selection
    var canvas = ExplorerRenderer.render(state, width: width, height: height, theme: theme, chrome: !noChrome)
    // SVG and HTML draw their own white page: every theme's colours are mapped to reach
    // 4.5:1 on it (the terminal palette's #d7d700 was 1.5:1), and dim text becomes grey.
    if format == .svg || format == .html { canvas.adaptForLightBackground() }
    let contents: String
    switch format {
    case .txt: contents = canvas.plainText()
    case .ansi: contents = ANSIRenderer.render(canvas)
    case .svg: contents = MarkupRenderer.svg(canvas)
    case .html: contents = MarkupRenderer.html(canvas, title: "mnv2 \(view.rawValue)")
    }
    try AtomicWriter.write(contents, to: output, overwrite: force)
  }
}

/// Writes a whole file or nothing: a temporary file beside the target, then rename(2).
/// A target that is a device or a pipe (/dev/stdout, /dev/null), or anything reached
/// through /dev or /proc, is written into directly: renaming over it would replace the
/// node itself (as root, /dev/stdout became a regular file when stdout was one). A
/// symlink is followed, so the link stays and its target gets the contents.
enum AtomicWriter {
  static func write(_ contents: String, to requested: String, overwrite: Bool) throws {
    // "-" is standard output, as for every Unix tool that takes a file name.
    if requested == "-" {
      if let code = writeAll(STDOUT_FILENO, contents) {
        throw CannotCreateError(message: "cannot write to standard output: \(InputFile.reason(code))")
      }
      return
    }
    // A descriptor we were given (/dev/stdout, /dev/fd/N, /proc/self/fd/N) is written through
    // that descriptor, whatever it leads to: a pipe (whose "pipe:[…]" realpath cannot
    // resolve), a terminal, or the file a shell redirect opened (already truncated, or opened
    // to append). Only names of regular files get the no-overwrite rule.
    if let inherited = inheritedDescriptor(named: requested) {
      guard fcntl(inherited, F_GETFD) >= 0 else {
        throw CannotCreateError(message: "cannot write \(requested): descriptor \(inherited) is not open")
      }
      if let code = writeAll(inherited, contents) {
        throw CannotCreateError(message: "cannot write \(requested): \(InputFile.reason(code))")
      }
      return
    }
    guard !requested.isEmpty else { throw CannotCreateError(message: "--output is empty; give a file name") }
    if requested.hasSuffix("/") && requested.contains(where: { $0 != "/" }) {
      throw CannotCreateError(message: "cannot write \(requested): it names a folder; give a file name")
    }
    // Every system call gets the path's own bytes (ArgumentBytes), in any encoding.
    let bytes = ArgumentBytes.bytes(of:)
    var path = requested
    var linkStatus = stat()
    if lstat(bytes(requested), &linkStatus) == 0, linkStatus.st_mode & S_IFMT == S_IFLNK {
      if let resolved = realpath(bytes(requested), nil) {
        path = ArgumentBytes.name(resolved)
        free(resolved)
      } else if !overwrite {
        // A dangling link or a loop still names something that exists; --force replaces it.
        throw CannotCreateError(message: "\(requested) exists; use --force to replace it")
      }
    }
    var status = stat()
    let special = ["/dev/", "/proc/"].contains { requested.hasPrefix($0) || path.hasPrefix($0) }
    if stat(bytes(path), &status) == 0,
      special || status.st_mode & S_IFMT == S_IFCHR || status.st_mode & S_IFMT == S_IFIFO
    {
      if status.st_mode & S_IFMT == S_IFREG && !overwrite {
        throw CannotCreateError(message: "\(requested) exists; use --force to replace it")
      }
      try writeInto(stream: requested, contents)
      return
    }
    if FileKind.of(path) == .directory {
      throw CannotCreateError(message: "cannot write \(path): it is a folder; give a file name")
    }
    if FileKind.of(path, followingLinks: false) != nil && !overwrite {
      throw CannotCreateError(message: "\(path) exists; use --force to replace it")
    }
    let folder = folder(of: path)
    guard FileKind.of(folder) == .directory else {
      throw CannotCreateError(message: "cannot write \(path): no such folder \(folder)")
    }
    // A short name of our own, so a target name near the 255-byte limit still has room.
    let temporary =
      (folder.hasSuffix("/") ? folder : folder + "/")
      + ".mnv2-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
    try writeTemporary(temporary, contents, for: path)
    defer {
      unlink(bytes(temporary))
      mnv2_forget_on_signal()
    }
    // Without --force the file is published with link(2), which fails if the name exists:
    // of several exports racing to one path exactly one wins, where a check then a rename
    // let every one of them report success.
    if !overwrite {
      if link(bytes(temporary), bytes(path)) == 0 { return }
      var code = errno
      // FAT and exFAT sticks, and many FUSE and SMB mounts, have no hard links: there the
      // atomic no-replace rename does the same job.
      if code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EMLINK {
        if mnv2_rename_no_replace(bytes(temporary), bytes(path)) == 0 { return }
        code = errno
      }
      if code == EEXIST { throw CannotCreateError(message: "\(path) exists; use --force to replace it") }
      throw CannotCreateError(message: "cannot write \(path): \(InputFile.reason(code))")
    }
    guard rename(bytes(temporary), bytes(path)) == 0 else {
      throw CannotCreateError(message: "cannot write \(path): \(InputFile.reason(errno))")
    }
  }

  /// The folder that holds `path`, by plain string rules (NSString's
  /// `deletingLastPathComponent` trapped on one-character names on Linux): "." for a bare
  /// name, "/" for a file at the root, else everything before the last slash.
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = path[..<slash].reversed().drop { $0 == "/" }.reversed()
    return folder.isEmpty ? "/" : String(folder)
  }

  /// Our own temporary file (O_EXCL, so never someone else's), removed by any signal that
  /// ends the process while it exists; the caller publishes it, then forgets it.
  private static func writeTemporary(_ temporary: String, _ contents: String, for path: String) throws {
    // Signals are held off from before the file exists until it is registered for removal.
    let bytes = ArgumentBytes.bytes(of: temporary)
    guard mnv2_begin_temporary(bytes) == 0 else {
      throw CannotCreateError(message: "cannot write \(path): the path is too long")
    }
    let descriptor = open(bytes, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      let reason = InputFile.reason(errno)
      mnv2_forget_on_signal()
      throw CannotCreateError(message: "cannot write \(path): \(reason)")
    }
    mnv2_temporary_created()
    let failure = writeAll(descriptor, contents)
    let closed = close(descriptor) == 0 ? nil : errno
    if let code = failure ?? closed {
      unlink(bytes)
      mnv2_forget_on_signal()
      throw CannotCreateError(message: "cannot write \(path): \(InputFile.reason(code))")
    }
  }

  /// Writes every byte, retrying short writes and EINTR; the errno of a failure, or nil.
  static func writeAll(_ descriptor: Int32, _ contents: String) -> Int32? {
    var bytes = Array(contents.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes {
        Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += written
    }
    return nil
  }
}

extension AtomicWriter {
  /// The descriptor a path names: /dev/stdout, /dev/stderr, /dev/fd/N, and
  /// /proc/self/fd/N or /proc/<our pid>/fd/N. Opening one of these anew would start at
  /// offset 0 without O_APPEND (so `>> log` would be overwritten from the top), and cannot
  /// be done at all for a socket.
  static func inheritedDescriptor(named path: String) -> Int32? {
    let named: [String: Int32] = ["/dev/stdout": STDOUT_FILENO, "/dev/stderr": STDERR_FILENO]
    if let descriptor = named[path] { return descriptor }
    for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
      let number = path.dropFirst(prefix.count)
      guard (1...9).contains(number.count), number.allSatisfy(\.isASCII), let value = Int32(number) else {
        return nil
      }
      return value
    }
    return nil
  }

  private static func writeInto(stream path: String, _ contents: String) throws {
    let descriptor = open(ArgumentBytes.bytes(of: path), O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw CannotCreateError(message: "cannot write \(path): \(InputFile.reason(errno))")
    }
    defer { close(descriptor) }
    // A regular file reached through /dev or /proc starts empty, unless it was opened to append.
    if fcntl(descriptor, F_GETFL) & O_APPEND == 0 { ftruncate(descriptor, 0) }
    if let code = writeAll(descriptor, contents) {
      throw CannotCreateError(message: "cannot write \(path): \(InputFile.reason(code))")
    }
  }
}

/// The output file cannot be created (exit 73, EX_CANTCREAT).
struct CannotCreateError: Error {
  var message: String
}

import Foundation
import ManifoldKit

/// What `ulimit -v` (RLIMIT_AS) leaves this process: the limit less what is mapped already.
/// Nil when there is no limit. A run planned over it would abort on a failed allocation
/// (Swift traps), so the work limits use it (`WorkEstimate.memoryLimit`).
enum AddressSpace {
  static var left: Double? {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else {
      return nil
    }
    return Double(limit.rlim_cur) - mapped
  }

  /// The process's mapped size, from /proc/self/statm (its first field, in pages).
  static var mapped: Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
      let pages = text.split(separator: " ").first.flatMap({ Double($0) })
    else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// The memory a run may plan here, and the words for it when it is not the usual 2 GB.
  static var memoryLimit: Double { WorkEstimate.memoryLimit(addressSpaceLeft: left) }
}

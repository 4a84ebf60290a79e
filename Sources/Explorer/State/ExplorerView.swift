/// The screens of the explorer, in Tab order.
public enum ExplorerView: String, CaseIterable, Sendable {
  case network
  case block
  case manifold
  case ablation

  public var title: String {
    switch self {
    case .network: return "Network"
    case .block: return "Block"
    case .manifold: return "Manifold"
    case .ablation: return "Ablation"
    }
  }
}

import ArgumentParser
import Reports

extension OutputFormat: ExpressibleByArgument {}
extension LayerReport.Depth: ExpressibleByArgument {}

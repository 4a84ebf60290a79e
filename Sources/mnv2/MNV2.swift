import ArgumentParser

/// The root command. With no subcommand it opens the full-screen explorer.
struct MNV2: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mnv2",
    abstract: "Explore MobileNetV2 (Sandler et al., CVPR 2018) layer by layer, with exact shapes and costs.",
    discussion: """
      Every number is exact and names its convention, so it can be checked against PyTorch \
      (torchvision), Keras, TF-slim or the paper. MAdds are multiply-adds; FLOPs are 2 × MAdds.
      """,
    subcommands: [
      ExploreCommand.self, LessonCommand.self, ExportCommand.self, LayersCommand.self, VariantsCommand.self,
      MemoryCommand.self, ManifoldCommand.self, LabCommand.self, AblationCommand.self, QuizCommand.self,
      ProfileCommand.self,
    ],
    defaultSubcommand: ExploreCommand.self
  )
}

/// The seeded generators and the deterministic `log`, `exp`, `sin` and `cos` live in the
/// numeric core (Kernels), which every numeric module shares. Figure 1 is where students
/// first meet them, so ManifoldKit passes them on to its users unchanged.
@_exported import Kernels

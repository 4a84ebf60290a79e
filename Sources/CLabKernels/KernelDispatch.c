// Swift compiles for the baseline CPU of its target (SSE2 on x86-64) and has no way to
// pick an instruction set per function at run time. The lab's heavy loops therefore live in
// this C target: each has an AVX2+FMA version, chosen here from the CPU at run time, and a
// portable version with the same arithmetic (see LabKernels.h).
#include "LabKernels.h"

#include <stdatomic.h>

static atomic_int force_portable = 0;

void lab_kernels_force_portable(int force) { atomic_store(&force_portable, force); }

static int cpu_has_avx2_fma(void) {
#if defined(__x86_64__)
  static atomic_int cached = -1;
  if (cached < 0) {
    __builtin_cpu_init();
    cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }
  return cached;
#else
  return 0;
#endif
}

int lab_kernels_vectorised(void) { return !atomic_load(&force_portable) && cpu_has_avx2_fma(); }

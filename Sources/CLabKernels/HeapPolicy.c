// Keeping the lab's freed memory in the heap (glibc).
#include "LabKernels.h"

#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void lab_keep_freed_memory(void) {
#if defined(__GLIBC__)
  // glibc hands blocks above 128 KB back to the kernel on free, so every lab run faults its
  // megabytes of temporaries in again. Keeping them in the heap makes the next run reuse them.
  // 32 MB is the largest threshold glibc accepts on 64-bit (half its heap size); the lab's
  // largest temporary at 2000 points is about 5 MB.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
}

// The largest row norm, for rounding allowances.
#include "LabKernels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#define LARGEST_NORM_BODY                                                                           \
  float largest = 0;                                                                                \
  for (long i = 0; i < n; i++) {                                                                    \
    const float *restrict row = y + i * p;                                                          \
    /* Eight partial sums, so the loop vectorises without reassociation flags. */                   \
    float lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};                                                      \
    long a = 0;                                                                                     \
    for (; a + 8 <= p; a += 8)                                                                      \
      for (int l = 0; l < 8; l++) lanes[l] += row[a + l] * row[a + l];                              \
    for (; a < p; a++) lanes[0] += row[a] * row[a];                                                 \
    const float squares = ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) +                        \
                          ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));                          \
    if (squares > largest) largest = squares;                                                       \
  }                                                                                                 \
  return sqrtf(largest);

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static float largest_norm_avx2(long n, long p, const float *restrict y) {
  LARGEST_NORM_BODY
}
#endif

float lab_largest_row_norm(long n, long p, const float *restrict y) {
#if defined(__x86_64__)
  if (lab_kernels_vectorised()) return largest_norm_avx2(n, p, y);
#endif
  LARGEST_NORM_BODY
}

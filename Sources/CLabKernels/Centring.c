// The decoder's centred features in double precision.
#include "LabKernels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#define CENTRE_BODY                                                                                 \
  const long train = (n + 1) / 2;                                                                   \
  for (long a = 0; a < p; a++) mean[a] = 0;                                                         \
  for (long i = 0; i < n; i += 2) {                                                                 \
    const float *restrict row = y + i * p;                                                          \
    for (long a = 0; a < p; a++) mean[a] += (double)row[a];                                         \
  }                                                                                                 \
  for (long a = 0; a < p; a++) mean[a] /= (double)train;                                            \
  for (long i = 0; i < n; i++) {                                                                    \
    const float *restrict row = y + i * p;                                                          \
    double *restrict out = x + i * p;                                                               \
    for (long a = 0; a < p; a++) out[a] = (double)row[a] - mean[a];                                 \
  }

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void centre_avx2(long n, long p, const float *restrict y,
                                                           double *restrict x, double *restrict mean) {
  CENTRE_BODY
}
#endif

void lab_centre(long n, long p, const float *restrict y, double *restrict x, double *restrict mean) {
#if defined(__x86_64__)
  if (lab_kernels_vectorised()) {
    centre_avx2(n, p, y, x, mean);
    return;
  }
#endif
  CENTRE_BODY
}

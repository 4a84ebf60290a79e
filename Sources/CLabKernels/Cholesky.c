// Cholesky factorisation for the decoder's normal equations.
#include "LabKernels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

static double reduce16(const double lanes[16]) {
  double v[4];
  for (int l = 0; l < 4; l++) v[l] = (lanes[l] + lanes[4 + l]) + (lanes[8 + l] + lanes[12 + l]);
  return (v[0] + v[2]) + (v[1] + v[3]);
}

static double dot16_portable(const double *x, const double *y, long length) {
  double lanes[16] = {0};
  for (long q = 0; q < length; q++) lanes[q % 16] = fma(x[q], y[q], lanes[q % 16]);
  return reduce16(lanes);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static double dot16_avx2(const double *x, const double *y,
                                                              long length) {
  __m256d acc[4] = {_mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd(),
                    _mm256_setzero_pd()};
  long q = 0;
  for (; q + 16 <= length; q += 16) {
    acc[0] = _mm256_fmadd_pd(_mm256_loadu_pd(x + q), _mm256_loadu_pd(y + q), acc[0]);
    acc[1] = _mm256_fmadd_pd(_mm256_loadu_pd(x + q + 4), _mm256_loadu_pd(y + q + 4), acc[1]);
    acc[2] = _mm256_fmadd_pd(_mm256_loadu_pd(x + q + 8), _mm256_loadu_pd(y + q + 8), acc[2]);
    acc[3] = _mm256_fmadd_pd(_mm256_loadu_pd(x + q + 12), _mm256_loadu_pd(y + q + 12), acc[3]);
  }
  double lanes[16];
  for (int v = 0; v < 4; v++) _mm256_storeu_pd(lanes + 4 * v, acc[v]);
  for (; q < length; q++) lanes[q % 16] = fma(x[q], y[q], lanes[q % 16]);
  return reduce16(lanes);
}
#endif

int lab_dcholesky(long n, double *a, long lda) {
  double (*dot)(const double *, const double *, long) = dot16_portable;
#if defined(__x86_64__)
  if (lab_kernels_vectorised()) dot = dot16_avx2;
#endif
  for (long j = 0; j < n; j++) {
    double *rowJ = a + j * lda;
    const double diagonal = a[j * lda + j] - dot(rowJ, rowJ, j);
    if (!(diagonal > 0)) return 0;
    const double pivot = sqrt(diagonal);
    rowJ[j] = pivot;
    for (long i = j + 1; i < n; i++) {
      double *rowI = a + i * lda;
      // Lower triangle of row i is L so far; A(i, j) is read from the untouched upper part.
      rowI[j] = (a[j * lda + i] - dot(rowI, rowJ, j)) / pivot;
    }
  }
  return 1;
}

// C = A·B: one fused multiply-add chain per entry, in q order (LabKernels.h).
#include "LabKernels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// Portable: the same fma chain per element, row by row, so the compiler can vectorise
// the inner loop wherever the target has a fused multiply-add.
#define PORTABLE_GEMM(NAME, T, FMA)                                                                  \
  static void NAME(long n, long p, long m, const T *restrict a, long rs, long cs, const T *restrict b,      \
                   long ldb, T *restrict c, long ldc) {                                             \
    for (long i = 0; i < n; i++) {                                                                  \
      T *restrict row = c + i * ldc;                                                                \
      for (long j = 0; j < m; j++) row[j] = 0;                                                      \
      for (long q = 0; q < p; q++) {                                                                \
        const T x = a[i * rs + q * cs];                                                                 \
        const T *restrict bq = b + q * ldb;                                                         \
        for (long j = 0; j < m; j++) row[j] = FMA(x, bq[j], row[j]);                                \
      }                                                                                             \
    }                                                                                               \
  }

PORTABLE_GEMM(sgemm_portable, float, fmaf)
PORTABLE_GEMM(dgemm_portable, double, fma)

#if defined(__x86_64__)
// Register blocks: 6 rows × 2 vectors of C stay in twelve accumulators across a block of
// q (two FMA pipes with four-cycle latency need at least eight chains in flight; twelve
// also spread the two loads of B further). q runs in blocks of KB so the rows of A and the
// packed panel of B stay in L1; between blocks each chain is stored and reloaded, which
// continues it unchanged.
#define KB 128
#define AVX_GEMM(NAME, T, V, W, ZERO, LOAD, STORE, BCAST, FMADD, FMA)                                 \
  __attribute__((target("avx2,fma"))) static void NAME(long n, long p, long m, const T *a, long rs, long cs, \
                                                       const T *b, long ldb, T *c, long ldc) {      \
    if (p == 0) {                                                                                   \
      for (long i = 0; i < n; i++)                                                                  \
        for (long j = 0; j < m; j++) c[i * ldc + j] = 0;                                            \
      return;                                                                                       \
    }                                                                                               \
    for (long q0 = 0; q0 < p; q0 += KB) {                                                           \
      const long q1 = q0 + KB < p ? q0 + KB : p;                                                    \
      const int first = q0 == 0;                                                                    \
      long j = 0;                                                                                   \
      for (; j + 2 * W <= m; j += 2 * W) {                                                          \
        /* This panel of B, packed contiguously: one stream instead of q1 − q0 rows. */            \
        T packed[KB * 2 * W] __attribute__((aligned(32)));                                          \
        for (long q = q0; q < q1; q++)                                                              \
          for (long w = 0; w < 2 * W; w++) packed[(q - q0) * 2 * W + w] = b[q * ldb + j + w];      \
        long i = 0;                                                                                 \
        for (; i + 6 <= n; i += 6) {                                                                \
          T *r = c + i * ldc + j;                                                                   \
          V c00 = first ? ZERO() : LOAD(r), c01 = first ? ZERO() : LOAD(r + W);                     \
          V c10 = first ? ZERO() : LOAD(r + ldc), c11 = first ? ZERO() : LOAD(r + ldc + W);         \
          V c20 = first ? ZERO() : LOAD(r + 2 * ldc), c21 = first ? ZERO() : LOAD(r + 2 * ldc + W); \
          V c30 = first ? ZERO() : LOAD(r + 3 * ldc), c31 = first ? ZERO() : LOAD(r + 3 * ldc + W); \
          V c40 = first ? ZERO() : LOAD(r + 4 * ldc), c41 = first ? ZERO() : LOAD(r + 4 * ldc + W); \
          V c50 = first ? ZERO() : LOAD(r + 5 * ldc), c51 = first ? ZERO() : LOAD(r + 5 * ldc + W); \
          const T *a0 = a + i * rs, *a1 = a0 + rs, *a2 = a1 + rs, *a3 = a2 + rs, *a4 = a3 + rs,      \
                  *a5 = a4 + rs;                                                                    \
          const T *bq = packed;                                                                     \
          for (long q = q0; q < q1; q++, bq += 2 * W) {                                             \
            const V b0 = LOAD(bq), b1 = LOAD(bq + W);                                               \
            const long o = q * cs;                                                                  \
            V x = BCAST(a0 + o);                                                                    \
            c00 = FMADD(x, b0, c00);                                                                \
            c01 = FMADD(x, b1, c01);                                                                \
            x = BCAST(a1 + o);                                                                      \
            c10 = FMADD(x, b0, c10);                                                                \
            c11 = FMADD(x, b1, c11);                                                                \
            x = BCAST(a2 + o);                                                                      \
            c20 = FMADD(x, b0, c20);                                                                \
            c21 = FMADD(x, b1, c21);                                                                \
            x = BCAST(a3 + o);                                                                      \
            c30 = FMADD(x, b0, c30);                                                                \
            c31 = FMADD(x, b1, c31);                                                                \
            x = BCAST(a4 + o);                                                                      \
            c40 = FMADD(x, b0, c40);                                                                \
            c41 = FMADD(x, b1, c41);                                                                \
            x = BCAST(a5 + o);                                                                      \
            c50 = FMADD(x, b0, c50);                                                                \
            c51 = FMADD(x, b1, c51);                                                                \
          }                                                                                         \
          STORE(r, c00);                                                                            \
          STORE(r + W, c01);                                                                        \
          STORE(r + ldc, c10);                                                                      \
          STORE(r + ldc + W, c11);                                                                  \
          STORE(r + 2 * ldc, c20);                                                                  \
          STORE(r + 2 * ldc + W, c21);                                                              \
          STORE(r + 3 * ldc, c30);                                                                  \
          STORE(r + 3 * ldc + W, c31);                                                              \
          STORE(r + 4 * ldc, c40);                                                                  \
          STORE(r + 4 * ldc + W, c41);                                                              \
          STORE(r + 5 * ldc, c50);                                                                  \
          STORE(r + 5 * ldc + W, c51);                                                              \
        }                                                                                           \
        for (; i < n; i++) {                                                                        \
          T *r = c + i * ldc + j;                                                                   \
          V c0 = first ? ZERO() : LOAD(r), c1 = first ? ZERO() : LOAD(r + W);                       \
          const T *bq = b + q0 * ldb + j;                                                           \
          for (long q = q0; q < q1; q++, bq += ldb) {                                               \
            const V x = BCAST(a + i * rs + q * cs);                                                     \
            c0 = FMADD(x, LOAD(bq), c0);                                                            \
            c1 = FMADD(x, LOAD(bq + W), c1);                                                        \
          }                                                                                         \
          STORE(r, c0);                                                                             \
          STORE(r + W, c1);                                                                         \
        }                                                                                           \
      }                                                                                             \
      for (; j + W <= m; j += W) {                                                                  \
        long i = 0;                                                                                 \
        /* Four rows at a time: four independent chains hide the FMA latency. */                  \
        for (; i + 4 <= n; i += 4) {                                                                \
          T *r = c + i * ldc + j;                                                                   \
          V c0 = first ? ZERO() : LOAD(r), c1 = first ? ZERO() : LOAD(r + ldc);                     \
          V c2 = first ? ZERO() : LOAD(r + 2 * ldc), c3 = first ? ZERO() : LOAD(r + 3 * ldc);       \
          const T *bq = b + q0 * ldb + j;                                                           \
          for (long q = q0; q < q1; q++, bq += ldb) {                                               \
            const V y = LOAD(bq);                                                                   \
            c0 = FMADD(BCAST(a + i * rs + q * cs), y, c0);                                              \
            c1 = FMADD(BCAST(a + (i + 1) * rs + q * cs), y, c1);                                        \
            c2 = FMADD(BCAST(a + (i + 2) * rs + q * cs), y, c2);                                        \
            c3 = FMADD(BCAST(a + (i + 3) * rs + q * cs), y, c3);                                        \
          }                                                                                         \
          STORE(r, c0);                                                                             \
          STORE(r + ldc, c1);                                                                       \
          STORE(r + 2 * ldc, c2);                                                                   \
          STORE(r + 3 * ldc, c3);                                                                   \
        }                                                                                           \
        for (; i < n; i++) {                                                                        \
          T *r = c + i * ldc + j;                                                                   \
          V c0 = first ? ZERO() : LOAD(r);                                                          \
          const T *bq = b + q0 * ldb + j;                                                           \
          for (long q = q0; q < q1; q++, bq += ldb) c0 = FMADD(BCAST(a + i * rs + q * cs), LOAD(bq), c0); \
          STORE(r, c0);                                                                             \
        }                                                                                           \
      }                                                                                             \
      for (; j < m; j++) {                                                                          \
        long i = 0;                                                                                 \
        for (; i + 4 <= n; i += 4) {                                                                \
          T s0 = first ? 0 : c[i * ldc + j], s1 = first ? 0 : c[(i + 1) * ldc + j];                 \
          T s2 = first ? 0 : c[(i + 2) * ldc + j], s3 = first ? 0 : c[(i + 3) * ldc + j];          \
          for (long q = q0; q < q1; q++) {                                                          \
            const T y = b[q * ldb + j];                                                             \
            s0 = FMA(a[i * rs + q * cs], y, s0);                                                        \
            s1 = FMA(a[(i + 1) * rs + q * cs], y, s1);                                                  \
            s2 = FMA(a[(i + 2) * rs + q * cs], y, s2);                                                  \
            s3 = FMA(a[(i + 3) * rs + q * cs], y, s3);                                                  \
          }                                                                                         \
          c[i * ldc + j] = s0;                                                                      \
          c[(i + 1) * ldc + j] = s1;                                                                \
          c[(i + 2) * ldc + j] = s2;                                                                \
          c[(i + 3) * ldc + j] = s3;                                                                \
        }                                                                                           \
        for (; i < n; i++) {                                                                        \
          T s = first ? 0 : c[i * ldc + j];                                                         \
          for (long q = q0; q < q1; q++) s = FMA(a[i * rs + q * cs], b[q * ldb + j], s);                \
          c[i * ldc + j] = s;                                                                       \
        }                                                                                           \
      }                                                                                             \
    }                                                                                               \
  }

AVX_GEMM(sgemm_avx2, float, __m256, 8, _mm256_setzero_ps, _mm256_loadu_ps, _mm256_storeu_ps,
         _mm256_broadcast_ss, _mm256_fmadd_ps, fmaf)
AVX_GEMM(dgemm_avx2, double, __m256d, 4, _mm256_setzero_pd, _mm256_loadu_pd, _mm256_storeu_pd,
         _mm256_broadcast_sd, _mm256_fmadd_pd, fma)
#endif

void lab_sgemm_strided(long n, long p, long m, const float *a, long rowStride, long columnStride,
                       const float *b, long ldb, float *c, long ldc) {
#if defined(__x86_64__)
  if (lab_kernels_vectorised()) {
    sgemm_avx2(n, p, m, a, rowStride, columnStride, b, ldb, c, ldc);
    return;
  }
#endif
  sgemm_portable(n, p, m, a, rowStride, columnStride, b, ldb, c, ldc);
}

void lab_dgemm_strided(long n, long p, long m, const double *a, long rowStride, long columnStride,
                       const double *b, long ldb, double *c, long ldc) {
#if defined(__x86_64__)
  if (lab_kernels_vectorised()) {
    dgemm_avx2(n, p, m, a, rowStride, columnStride, b, ldb, c, ldc);
    return;
  }
#endif
  dgemm_portable(n, p, m, a, rowStride, columnStride, b, ldb, c, ldc);
}

void lab_sgemm(long n, long p, long m, const float *a, long lda, const float *b, long ldb, float *c,
               long ldc) {
  lab_sgemm_strided(n, p, m, a, lda, 1, b, ldb, c, ldc);
}

void lab_dgemm(long n, long p, long m, const double *a, long lda, const double *b, long ldb, double *c,
               long ldc) {
  lab_dgemm_strided(n, p, m, a, lda, 1, b, ldb, c, ldc);
}

// Swift compiles for the baseline CPU of its target (SSE2 on x86-64) and has no way to
// pick an instruction set per function at run time. These two products are where the
// bottleneck lab spends its time, so they live here: an AVX2+FMA version chosen from the
// CPU at run time, and a portable version with the same arithmetic (see LabKernels.h).
#include "LabKernels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdatomic.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

// ---- Cholesky -----------------------------------------------------------------------------

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

// ---- Nearest neighbours -------------------------------------------------------------------

static float reduce8(const float lanes[8]) {
  return ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));
}

typedef struct {
  long count, filled;
  float *distance;
  long *index;
} Nearest;

/// True when (value, index) would not enter a full list: the list is ordered by
/// (distance, index) and a candidate enters only if it sorts before the last entry.
static int nearest_rejects(const Nearest *list, float value, long index) {
  if (list->filled < list->count) return 0;
  const float last = list->distance[list->count - 1];
  return value > last || (value == last && index > list->index[list->count - 1]);
}

static void nearest_insert(Nearest *list, float value, long index) {
  if (nearest_rejects(list, value, index)) return;
  long position = list->filled < list->count ? list->filled++ : list->count - 1;
  while (position > 0 && (list->distance[position - 1] > value ||
                          (list->distance[position - 1] == value && list->index[position - 1] > index))) {
    list->distance[position] = list->distance[position - 1];
    list->index[position] = list->index[position - 1];
    position--;
  }
  list->distance[position] = value;
  list->index[position] = index;
}

/// Candidates visited first, as a multiple of the neighbours wanted.
#define SEEDS 1

/// How often (in dimensions) the partial sum is checked against the list: the check costs a
/// horizontal sum, and candidates that reach the full distance are near ones anyway.
#define CHECK_EVERY 64

// A squared distance is summed in 32 lanes (term l in lane l mod 32: four vectors of eight,
// so the fused multiply-adds are not one serial chain), folded to eight lanes as
// (a[l] + a[8 + l]) + (a[16 + l] + a[24 + l]) and then summed by reduce8.
static float reduce32(const float lanes[32]) {
  float folded[8];
  for (int l = 0; l < 8; l++) folded[l] = (lanes[l] + lanes[8 + l]) + (lanes[16 + l] + lanes[24 + l]);
  return reduce8(folded);
}

static void nearest_portable(long n, long d, const float *points, long query, const long *order,
                             Nearest *list) {
  const float *q = points + query * d;
  for (long o = 0; o < n; o++) {
    const long j = order[o];
    if (j == query) continue;
    const float *y = points + j * d;
    float lanes[32] = {0};
    int dropped = 0;
    for (long l = 0; l < d; l++) {
      const float diff = y[l] - q[l];
      lanes[l % 32] = fmaf(diff, diff, lanes[l % 32]);
      if ((l + 1) % CHECK_EVERY == 0 && l + 1 < d && nearest_rejects(list, reduce32(lanes), j)) {
        dropped = 1;
        break;
      }
    }
    if (!dropped) nearest_insert(list, reduce32(lanes), j);
  }
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static float reduce8_avx2(__m256 v) {
  // Lanes (a0+a4, a1+a5, a2+a6, a3+a7), then ((a0+a4)+(a2+a6), (a1+a5)+(a3+a7)), then the sum:
  // the same tree as reduce8.
  const __m128 half = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  const __m128 quarter = _mm_add_ps(half, _mm_movehl_ps(half, half));
  return _mm_cvtss_f32(_mm_add_ss(quarter, _mm_shuffle_ps(quarter, quarter, 1)));
}

__attribute__((target("avx2,fma"))) static float reduce32_avx2(__m256 a0, __m256 a1, __m256 a2,
                                                              __m256 a3) {
  return reduce8_avx2(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
}

__attribute__((target("avx2,fma"))) static void nearest_avx2(long n, long d, const float *points,
                                                            long query, const long *order,
                                                            Nearest *list) {
  const float *q = points + query * d;
  const long full = d - d % 8;
  int32_t maskBits[8];
  for (int l = 0; l < 8; l++) maskBits[l] = l < d % 8 ? -1 : 0;
  const __m256i tailMask = _mm256_loadu_si256((const __m256i *)maskBits);
  for (long o = 0; o < n; o++) {
    const long j = order[o];
    if (j == query) continue;
    const float *y = points + j * d;
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    int dropped = 0;
    long l = 0;
    for (; l + 32 <= full; l += 32) {
      for (int v = 0; v < 4; v++) {
        const __m256 diff = _mm256_sub_ps(_mm256_loadu_ps(y + l + 8 * v), _mm256_loadu_ps(q + l + 8 * v));
        acc[v] = _mm256_fmadd_ps(diff, diff, acc[v]);
      }
      if ((l + 32) % CHECK_EVERY == 0 && l + 32 < d &&
          nearest_rejects(list, reduce32_avx2(acc[0], acc[1], acc[2], acc[3]), j)) {
        dropped = 1;
        break;
      }
    }
    if (dropped) continue;
    // The remaining whole vectors continue lanes l mod 32 in order; a partial last vector is
    // zero-filled (fma(0, 0, lane) = lane), as in the portable loop.
    int v = 0;
    for (; l < full; l += 8, v++) {
      const __m256 diff = _mm256_sub_ps(_mm256_loadu_ps(y + l), _mm256_loadu_ps(q + l));
      acc[v] = _mm256_fmadd_ps(diff, diff, acc[v]);
    }
    if (full < d) {
      const __m256 diff =
          _mm256_sub_ps(_mm256_maskload_ps(y + full, tailMask), _mm256_maskload_ps(q + full, tailMask));
      acc[v] = _mm256_fmadd_ps(diff, diff, acc[v]);
    }
    nearest_insert(list, reduce32_avx2(acc[0], acc[1], acc[2], acc[3]), j);
  }
}
#endif

typedef struct {
  float lower;
  long index;
} Candidate;

// The filter pass: lower[j] = Σ_dim (F[dim][j] − F[dim][query])² for every j.
static void bounds_portable(long n, long r, const float *filter, long query, float *lower) {
  for (long j = 0; j < n; j++) lower[j] = 0;
  for (long dim = 0; dim < r; dim++) {
    const float *row = filter + dim * n;
    const float centre = row[query];
    for (long j = 0; j < n; j++) {
      const float diff = row[j] - centre;
      lower[j] = fmaf(diff, diff, lower[j]);
    }
  }
}

static void bounds_group_portable(long n, long r, const float *filter, const long *queries, long m,
                                  float *lower) {
  for (long g = 0; g < m; g++) bounds_portable(n, r, filter, queries[g], lower + g * n);
}

// Indices j, ascending, with lower[j] ≤ limit.
static long collect_portable(long n, const float *lower, float limit, long *out) {
  long found = 0;
  for (long j = 0; j < n; j++)
    if (lower[j] <= limit) out[found++] = j;
  return found;
}

// The `count` smallest entries of lower, smallest first (ties in any order).
static long smallest_portable(long n, const float *lower, long count, long near, Candidate *best);

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void bounds_avx2(long n, long r, const float *filter,
                                                           long query, float *lower) {
  long j0 = 0;
  for (; j0 + 8 <= n; j0 += 8) {
    __m256 acc = _mm256_setzero_ps();
    for (long dim = 0; dim < r; dim++) {
      const __m256 diff = _mm256_sub_ps(_mm256_loadu_ps(filter + dim * n + j0),
                                        _mm256_set1_ps(filter[dim * n + query]));
      acc = _mm256_fmadd_ps(diff, diff, acc);
    }
    _mm256_storeu_ps(lower + j0, acc);
  }
  for (long j = j0; j < n; j++) {
    float sum = 0;
    for (long dim = 0; dim < r; dim++) {
      const float diff = filter[dim * n + j] - filter[dim * n + query];
      sum = fmaf(diff, diff, sum);
    }
    lower[j] = sum;
  }
}

// Bounds for up to four queries in one pass over the filter: each filter vector is loaded
// once for all of them.
__attribute__((target("avx2,fma"))) static void bounds_group_avx2(long n, long r, const float *filter,
                                                                 const long *queries, long m,
                                                                 float *lower) {
  if (m < 4) {
    for (long g = 0; g < m; g++) bounds_avx2(n, r, filter, queries[g], lower + g * n);
    return;
  }
  long j0 = 0;
  for (; j0 + 8 <= n; j0 += 8) {
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps(), acc2 = _mm256_setzero_ps(),
           acc3 = _mm256_setzero_ps();
    for (long dim = 0; dim < r; dim++) {
      const float *row = filter + dim * n;
      const __m256 v = _mm256_loadu_ps(row + j0);
      __m256 diff = _mm256_sub_ps(v, _mm256_set1_ps(row[queries[0]]));
      acc0 = _mm256_fmadd_ps(diff, diff, acc0);
      diff = _mm256_sub_ps(v, _mm256_set1_ps(row[queries[1]]));
      acc1 = _mm256_fmadd_ps(diff, diff, acc1);
      diff = _mm256_sub_ps(v, _mm256_set1_ps(row[queries[2]]));
      acc2 = _mm256_fmadd_ps(diff, diff, acc2);
      diff = _mm256_sub_ps(v, _mm256_set1_ps(row[queries[3]]));
      acc3 = _mm256_fmadd_ps(diff, diff, acc3);
    }
    _mm256_storeu_ps(lower + j0, acc0);
    _mm256_storeu_ps(lower + n + j0, acc1);
    _mm256_storeu_ps(lower + 2 * n + j0, acc2);
    _mm256_storeu_ps(lower + 3 * n + j0, acc3);
  }
  for (long g = 0; g < 4; g++) {
    for (long j = j0; j < n; j++) {
      float sum = 0;
      for (long dim = 0; dim < r; dim++) {
        const float diff = filter[dim * n + j] - filter[dim * n + queries[g]];
        sum = fmaf(diff, diff, sum);
      }
      lower[g * n + j] = sum;
    }
  }
}

__attribute__((target("avx2,fma"))) static long collect_avx2(long n, const float *lower, float limit,
                                                            long *out) {
  long found = 0, j0 = 0;
  const __m256 bound = _mm256_set1_ps(limit);
  for (; j0 + 8 <= n; j0 += 8) {
    unsigned mask =
        (unsigned)_mm256_movemask_ps(_mm256_cmp_ps(_mm256_loadu_ps(lower + j0), bound, _CMP_LE_OQ));
    while (mask) {
      out[found++] = j0 + __builtin_ctz(mask);
      mask &= mask - 1;
    }
  }
  for (long j = j0; j < n; j++)
    if (lower[j] <= limit) out[found++] = j;
  return found;
}
#endif

/// Inserts (value, index) into best (filled entries, at most count, ascending by value).
static void smallest_insert(Candidate *best, long *filled, long count, float value, long index) {
  if (*filled == count && !(value < best[count - 1].lower)) return;
  long position = *filled < count ? (*filled)++ : count - 1;
  while (position > 0 && best[position - 1].lower > value) {
    best[position] = best[position - 1];
    position--;
  }
  best[position] = (Candidate){value, index};
}

// The `count` smallest entries of lower, smallest first (ties in any order). Entries near
// index `near` go first: on a manifold sampled in order they are usually the smallest, so
// the running worst drops at once and later entries rarely get in.
static long smallest_portable(long n, const float *lower, long count, long near, Candidate *best) {
  long filled = 0;
  const long lo = near - count > 0 ? near - count : 0, hi = near + count < n ? near + count : n;
  for (long j = lo; j < hi; j++) smallest_insert(best, &filled, count, lower[j], j);
  for (long j = 0; j < lo; j++) smallest_insert(best, &filled, count, lower[j], j);
  for (long j = hi; j < n; j++) smallest_insert(best, &filled, count, lower[j], j);
  return filled;
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void smallest_range_avx2(const float *lower, long from, long to,
                                                                   long count, Candidate *best,
                                                                   long *filled) {
  long j = from;
  for (; j < to && *filled < count; j++) smallest_insert(best, filled, count, lower[j], j);
  // Eight at a time against the current worst: most blocks hold nothing smaller.
  for (; j + 8 <= to; j += 8) {
    unsigned mask = (unsigned)_mm256_movemask_ps(
        _mm256_cmp_ps(_mm256_loadu_ps(lower + j), _mm256_set1_ps(best[count - 1].lower), _CMP_LT_OQ));
    while (mask) {
      const long index = j + __builtin_ctz(mask);
      mask &= mask - 1;
      smallest_insert(best, filled, count, lower[index], index);
    }
  }
  for (; j < to; j++) smallest_insert(best, filled, count, lower[j], j);
}

__attribute__((target("avx2,fma"))) static long smallest_avx2(long n, const float *lower, long count,
                                                             long near, Candidate *best) {
  long filled = 0;
  const long lo = near - count > 0 ? near - count : 0, hi = near + count < n ? near + count : n;
  for (long j = lo; j < hi; j++) smallest_insert(best, &filled, count, lower[j], j);
  smallest_range_avx2(lower, 0, lo, count, best, &filled);
  smallest_range_avx2(lower, hi, n, count, best, &filled);
  return filled;
}
#endif

void lab_nearest(long n, long d, const float *points, long nq, const long *queries, long count,
                 const long *hints, long hintCount, const float *filter, long r, float slack, long *out) {
  void (*visit)(long, long, const float *, long, const long *, Nearest *) = nearest_portable;
  void (*bounds)(long, long, const float *, const long *, long, float *) = bounds_group_portable;
  long (*collect)(long, const float *, float, long *) = collect_portable;
  long (*smallest)(long, const float *, long, long, Candidate *) = smallest_portable;
#if defined(__x86_64__)
  if (lab_kernels_vectorised()) {
    visit = nearest_avx2;
    bounds = bounds_group_avx2;
    collect = collect_avx2;
    smallest = smallest_avx2;
  }
#endif
  // On the heap: worker threads have small stacks and n can be 10⁵.
  float *distance = malloc(sizeof(float) * (count > 0 ? count : 1));
  long *order = malloc(sizeof(long) * (2 * n + 1));
  unsigned char *hinted = calloc(n > 0 ? n : 1, 1);
  float *lowerGroup = malloc(sizeof(float) * 4 * (n > 0 ? n : 1));
  Candidate *candidates = malloc(sizeof(Candidate) * (n > 0 ? n : 1));
  if (!distance || !order || !hinted || !lowerGroup || !candidates) abort();
  for (long k = 0; k < nq; k++) {
    const long query = queries[k];
    Nearest list = {count, 0, distance, out + k * count};
    for (long c = 0; c < count; c++) out[k * count + c] = -1;
    // The hints first: they make the bound tight before the other points are visited.
    // Any visiting order gives the same answer, since the list is ordered by
    // (distance, index).
    long hinted_count = 0;
    for (long h = 0; h < (filter && r > 0 ? 0 : hintCount); h++) {
      const long j = hints[k * hintCount + h];
      if (j >= 0 && j < n && j != query && !hinted[j]) {
        hinted[j] = 1;
        order[hinted_count++] = j;
      }
    }
    visit(hinted_count, d, points, query, order, &list);
    long others = 0;
    long seeded = 0;
    if (filter && r > 0) {
      // Every point's filter distance, a lower bound of its distance up to rounding
      // (allowed for by the 10⁻³ factor and the slack), four queries per pass.
      if (k % 4 == 0) bounds(n, r, filter, queries + k, nq - k < 4 ? nq - k : 4, lowerGroup);
      float *lower = lowerGroup + (k % 4) * n;
      lower[query] = INFINITY;
      // The `count` smallest bounds are usually the neighbours themselves: visiting them
      // first makes the list's last distance nearly final...
      seeded = smallest(n, lower, SEEDS * count, query, candidates);
      long *seeds = order + n;  // order holds 2n + 1 entries
      for (long c = 0; c < seeded; c++) {
        seeds[c] = candidates[c].index;
        hinted[seeds[c]] = 1;
      }
      visit(seeded, d, points, query, seeds, &list);
      // ...so only the few points whose bound is within reach of it are visited after.
      float bound = INFINITY;
      if (list.filled == count) {
        const float reach = sqrtf(distance[count - 1]) * 1.001f + slack;
        bound = reach * reach;
      }
      const long within = collect(n, lower, bound, order);
      for (long o = 0; o < within; o++) {
        if (hinted[order[o]]) continue;
        order[others++] = order[o];
      }
      for (long c = 0; c < seeded; c++) hinted[seeds[c]] = 0;
    } else {
      // Outward from the query's index: neighbours on the manifold tend to have nearby
      // indices.
      for (long step = 1; step < n; step++) {
        const long below = query - step, above = query + step;
        if (above < n && !hinted[above]) order[others++] = above;
        if (below >= 0 && !hinted[below]) order[others++] = below;
        if (above >= n && below < 0) break;
      }
    }
    visit(others, d, points, query, order, &list);
    for (long h = 0; h < (filter && r > 0 ? 0 : hintCount); h++) {
      const long j = hints[k * hintCount + h];
      if (j >= 0 && j < n) hinted[j] = 0;
    }
  }
  free(distance);
  free(order);
  free(hinted);
  free(lowerGroup);
  free(candidates);
}

// ---- Activations --------------------------------------------------------------------------

static inline float clip6(float x) { return x < 0 ? 0 : (x > 6 ? 6 : x); }

#define HIDDEN_BODY                                                                                 \
  for (long i = 0; i < n; i++) {                                                                    \
    float *row = z + i * live;                                                                      \
    long count = 0;                                                                                 \
    for (long c = 0; c < live; c++) {                                                               \
      const float z1 = row[c];                                                                      \
      const float first = clipFirst ? clip6(z1) : z1;                                               \
      const int firstActive = !clipFirst || (z1 > 0 && z1 < 6);                                     \
      const float z2 = taps[c] * first;                                                             \
      row[c] = clip ? clip6(z2) : z2;                                                               \
      count += firstActive && (!clip || (z2 > 0 && z2 < 6));                                        \
    }                                                                                               \
    active[i] = count;                                                                              \
  }

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void hidden_avx2(long n, long live, float *z, const float *taps,
                                                           int clipFirst, int clip, long *active) {
  HIDDEN_BODY
}
#endif

void lab_hidden(long n, long live, float *z, const float *taps, int clipFirst, int clip, long *active) {
#if defined(__x86_64__)
  if (lab_kernels_vectorised()) {
    hidden_avx2(n, live, z, taps, clipFirst, clip, active);
    return;
  }
#endif
  HIDDEN_BODY
}

#define ACTIVATE_BODY                                                                               \
  for (long i = 0; i < n; i++) {                                                                    \
    float *row = y + i * m;                                                                         \
    long count = 0;                                                                                 \
    if (kind == 1) {                                                                                \
      for (long o = 0; o < m; o++) {                                                                \
        const float z = row[o];                                                                     \
        row[o] = z > 0 ? z : 0;                                                                     \
        count += z > 0;                                                                             \
      }                                                                                             \
    } else if (kind == 2) {                                                                         \
      for (long o = 0; o < m; o++) {                                                                \
        const float z = row[o];                                                                     \
        row[o] = clip6(z);                                                                          \
        count += z > 0 && z < 6;                                                                    \
      }                                                                                             \
    } else {                                                                                        \
      count = m;                                                                                    \
    }                                                                                               \
    if (shortcut) {                                                                                 \
      const float *x = shortcut + i * shortcutColumns;                                              \
      for (long o = 0; o < shortcutColumns; o++) row[o] += x[o];                                    \
    }                                                                                               \
    active[i] = count;                                                                              \
  }

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void activate_avx2(long n, long m, float *y, int kind,
                                                             const float *shortcut,
                                                             long shortcutColumns, long *active) {
  ACTIVATE_BODY
}
#endif

void lab_activate(long n, long m, float *y, int kind, const float *shortcut, long shortcutColumns,
                  long *active) {
#if defined(__x86_64__)
  if (lab_kernels_vectorised()) {
    activate_avx2(n, m, y, kind, shortcut, shortcutColumns, active);
    return;
  }
#endif
  ACTIVATE_BODY
}

// ---- Centring -----------------------------------------------------------------------------

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

// ---- Norms --------------------------------------------------------------------------------

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

// ---- Heap policy --------------------------------------------------------------------------

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

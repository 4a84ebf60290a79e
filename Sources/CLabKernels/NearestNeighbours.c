// Exact k-nearest neighbours with a lower-bound filter.
#include "LabKernels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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
                 const float *filter, long r, float slack, long *out) {
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
  const int filtered = filter && r > 0;
  // On the heap: worker threads have small stacks and n can be 10⁵.
  float *distance = malloc(sizeof(float) * (count > 0 ? count : 1));
  long *order = malloc(sizeof(long) * (2 * n + 1));
  unsigned char *seen = calloc(n > 0 ? n : 1, 1);
  float *lowerGroup = malloc(sizeof(float) * 4 * (n > 0 ? n : 1));
  Candidate *candidates = malloc(sizeof(Candidate) * (n > 0 ? n : 1));
  if (!distance || !order || !seen || !lowerGroup || !candidates) abort();
  for (long k = 0; k < nq; k++) {
    const long query = queries[k];
    Nearest list = {count, 0, distance, out + k * count};
    for (long c = 0; c < count; c++) out[k * count + c] = -1;
    // Any visiting order gives the same answer, since the list is ordered by
    // (distance, index); the filter only decides which points need visiting at all.
    long others = 0;
    if (filtered) {
      // Every point's filter distance, a lower bound of its distance up to rounding
      // (allowed for by the 10⁻³ factor and the slack), four queries per pass.
      if (k % 4 == 0) bounds(n, r, filter, queries + k, nq - k < 4 ? nq - k : 4, lowerGroup);
      float *lower = lowerGroup + (k % 4) * n;
      lower[query] = INFINITY;
      // The `count` smallest bounds are usually the neighbours themselves: visiting them
      // first makes the list's last distance nearly final...
      const long seeded = smallest(n, lower, count, query, candidates);
      long *seeds = order + n;  // order holds 2n + 1 entries
      for (long c = 0; c < seeded; c++) {
        seeds[c] = candidates[c].index;
        seen[seeds[c]] = 1;
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
        if (!seen[order[o]]) order[others++] = order[o];
      }
      for (long c = 0; c < seeded; c++) seen[seeds[c]] = 0;
    } else {
      for (long j = 0; j < n; j++) order[others++] = j;
    }
    visit(others, d, points, query, order, &list);
  }
  free(distance);
  free(order);
  free(seen);
  free(lowerGroup);
  free(candidates);
}

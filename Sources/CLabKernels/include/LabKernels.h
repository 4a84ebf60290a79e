#ifndef LAB_KERNELS_H
#define LAB_KERNELS_H

/// Matrix products for the bottleneck lab, C = A·B with row-major operands and leading
/// dimensions (elements between rows).
///
/// Every element of C is the fused multiply-add chain c = fma(a[i][q], b[q][j], c) for
/// q = 0, 1, …, p − 1, starting from 0. fma rounds once, so that chain has one exact IEEE
/// result: the AVX2 path and the portable path agree bit for bit, and a seed gives the
/// same numbers on every machine. Only the speed differs.
void lab_sgemm(long n, long p, long m, const float *a, long lda, const float *b, long ldb, float *c,
               long ldc);
void lab_dgemm(long n, long p, long m, const double *a, long lda, const double *b, long ldb, double *c,
               long ldc);

/// The same with A given by strides: A(i, q) = a[i·rowStride + q·columnStride], so Aᵀ of a
/// row-major matrix (rowStride 1) needs no transposed copy.
void lab_sgemm_strided(long n, long p, long m, const float *a, long rowStride, long columnStride,
                       const float *b, long ldb, float *c, long ldc);
void lab_dgemm_strided(long n, long p, long m, const double *a, long rowStride, long columnStride,
                       const double *b, long ldb, double *c, long ldc);

/// In place: the lower triangle of the n × n matrix a becomes L with L·Lᵀ = A (the upper
/// triangle is read, never written). Returns 0 when A is not positive definite.
///
/// Each entry subtracts a dot product of two row prefixes accumulated in 16 interleaved
/// fma chains (term q in chain q mod 16) and then summed in a fixed tree, on both paths.
int lab_dcholesky(long n, double *a, long lda);

/// For each of the nq query rows, the `count` nearest other rows of points (n × d), by
/// squared distance, ties to the lower index; written to out (nq × count), nearest first.
/// filter (r × n, column j = point j, may be NULL when r is 0) holds coordinates whose
/// squared distances are lower bounds of the points' squared distances (an orthonormal
/// projection), up to rounding covered by a factor 1.001 on the distance and `slack`:
/// points the bound rules out are never visited. The filter changes the speed, never the
/// answer.
///
/// A squared distance is 32 interleaved fma chains of (y − q)² (term l in chain l mod 32)
/// summed in a fixed tree, on both paths. A candidate is dropped as soon as a partial sum
/// reaches the current `count`-th best distance: the terms are non-negative and rounding is
/// monotone, so the partial sum never exceeds the full one and the result is exact.
void lab_nearest(long n, long d, const float *points, long nq, const long *queries, long count,
                 const float *filter, long r, float slack, long *out);

/// The hidden stage in place on z (n × live, the expansion's pre-activations):
/// h = ReLU6(tap · ReLU6(z)), each ReLU6 optional; active[i] counts row i's channels in the
/// linear part of every ReLU6 applied (zero derivative elsewhere).
void lab_hidden(long n, long live, float *z, const float *taps, int clipFirst, int clip, long *active);

/// The projection's activation in place on y (n × m): kind 0 linear, 1 ReLU, 2 ReLU6; then
/// adds the shortcut (n × shortcutColumns, may be NULL) to the first columns. active[i]
/// counts row i's outputs with non-zero derivative.
void lab_activate(long n, long m, float *y, int kind, const float *shortcut, long shortcutColumns,
                  long *active);

/// mean = the mean of the even rows of y (n × p), the decoder's training rows, summed in
/// row order in double precision; x = every row of y minus that mean, in double precision.
void lab_centre(long n, long p, const float *y, double *x, double *mean);

/// The largest Euclidean norm of the n rows of y (n × p), for rounding allowances only (its
/// own rounding is far below what it is used to bound).
float lab_largest_row_norm(long n, long p, const float *y);

/// Asks the C library to keep freed memory for reuse instead of returning it to the kernel
/// (glibc only; a no-op elsewhere). For processes that run the lab repeatedly.
void lab_keep_freed_memory(void);

/// 1 when the products run on the AVX2+FMA path (chosen at run time from the CPU).
int lab_kernels_vectorised(void);

/// Tests: force the portable path (1) or return to the automatic choice (0).
void lab_kernels_force_portable(int force);

#endif

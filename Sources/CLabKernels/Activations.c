// The block's activations, in place, with the counts the collapse rank needs.
#include "LabKernels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

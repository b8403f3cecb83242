#include "atomic_swap.h"

#if defined(__GLIBC__)
#include <malloc.h>

/// glibc starts with a 128 KB mmap threshold but raises it (up to 32 MB on 64 bits) each time a large block
/// made by mmap is freed, and its trim threshold with it: after the first large temporary buffer, later ones
/// come from the heap and stay resident once freed. Fixed values keep large buffers in their own mappings
/// (unmapped when freed) and return free heap tops past `trim_threshold`.
int gazette_fix_malloc_thresholds(long mmap_threshold, long trim_threshold) {
    int mmap_set = mallopt(M_MMAP_THRESHOLD, (int)mmap_threshold);
    int trim_set = mallopt(M_TRIM_THRESHOLD, (int)trim_threshold);
    return mmap_set == 1 && trim_set == 1;
}

void gazette_release_free_memory(void) { malloc_trim(0); }
#else
int gazette_fix_malloc_thresholds(long mmap_threshold, long trim_threshold) {
    (void)mmap_threshold;
    (void)trim_threshold;
    return 0;
}

void gazette_release_free_memory(void) {}
#endif

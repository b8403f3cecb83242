import CAtomicSwap

/// How the process gives the memory it frees back to the system (glibc's malloc; nothing elsewhere).
public enum ProcessMemory {
    /// Called once at start-up. A build makes large temporary buffers (a workbook, the search index, a data
    /// file's gzip copy); by default glibc raises its mmap threshold after the first such buffer is freed, so
    /// that the later ones come from the heap and their pages stay resident once freed: the province build's
    /// peak was 80 MB higher. Buffers of 128 KB and more get their own mappings (unmapped when freed), and a
    /// heap's free top past 1 MB goes back. The same as `MALLOC_MMAP_THRESHOLD_=131072
    /// MALLOC_TRIM_THRESHOLD_=1048576`, which a user's environment cannot be relied on to set.
    public static func returnLargeFreedBlocks() {
        _ = gazette_fix_malloc_thresholds(128 * 1024, 1024 * 1024)
    }

    /// Gives every free page of the heap back to the system now, between stages, so that the memory a stage
    /// freed (the loader's, the renderer's) is not counted on top of the next stage's.
    public static func releaseFreePages() {
        gazette_release_free_memory()
    }
}

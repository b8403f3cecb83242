#ifndef GAZETTE_ATOMIC_SWAP_H
#define GAZETTE_ATOMIC_SWAP_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): at every instant each path names
/// one complete folder. Returns 0, or -1 with errno set (ENOSYS or EINVAL where unsupported).
int gazette_exchange_paths(const char *first, const char *second);

/// Removes a folder and everything under it, without following symbolic links (nftw, depth first).
/// Returns 0, or -1 with errno set.
int gazette_remove_tree(const char *path);

/// Creates (or truncates) a file with mode 0644 and writes all the bytes. No fsync: the build's atomicity
/// comes from the folder swap, not from each file. Returns 0, or -1 with errno set.
int gazette_write_file(const char *path, const void *bytes, long count);

/// How many entries other than folders are under a folder (files and links, at any depth), or -1.
long gazette_count_files(const char *path);

/// Fixes glibc malloc's thresholds so that freed large blocks go back to the system (memory_return.c).
/// Returns 1 when both were set, 0 where the C library has no `mallopt` (nothing is changed).
int gazette_fix_malloc_thresholds(long mmap_threshold, long trim_threshold);

/// Gives the free pages of every malloc arena back to the system (glibc `malloc_trim(0)`); nothing elsewhere.
void gazette_release_free_memory(void);

#endif

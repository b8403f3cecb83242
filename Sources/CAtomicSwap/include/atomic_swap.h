#ifndef GAZETTE_ATOMIC_SWAP_H
#define GAZETTE_ATOMIC_SWAP_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): at every instant each path names
/// one complete folder. Returns 0, or -1 with errno set (ENOSYS or EINVAL where unsupported).
int gazette_exchange_paths(const char *first, const char *second);

#endif

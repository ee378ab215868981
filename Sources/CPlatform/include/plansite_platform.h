#ifndef PLANSITE_PLATFORM_H
#define PLANSITE_PLATFORM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): both must exist. Returns 0 on
/// success, -1 with errno set otherwise (ENOSYS/EINVAL where the kernel or file system cannot do it).
int plansite_exchange_paths(const char *first, const char *second);

#endif

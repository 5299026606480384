#ifndef CSPAWN_H
#define CSPAWN_H

#include <spawn.h>

/// `posix_spawn_file_actions_addchdir_np` (glibc 2.29, macOS 10.15), which Swift's Glibc
/// module does not declare: the child starts in `path`.
int cspawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// Closes every descriptor from `from` up in the child (`posix_spawn_file_actions_addclosefrom_np`,
/// glibc 2.34), so that it holds no pipe another thread opened meanwhile. Elsewhere a no-op
/// that returns 0 (macOS uses POSIX_SPAWN_CLOEXEC_DEFAULT instead).
int cspawn_addclosefrom(posix_spawn_file_actions_t *actions, int from);

#endif

"""The second safety layer: what the worker process does to itself before it reads
any learner code, once numpy and the course's code are imported.

In this order, each step where the platform allows it (``isolate`` reports which held):

1. a network namespace of its own, with no interface up: as root
   ``unshare(CLONE_NEWNET)``; otherwise inside a new user namespace
   (``CLONE_NEWUSER | CLONE_NEWNET``), which unprivileged users may create on most
   Linux hosts;
2. ``chroot`` into its empty temporary directory: no file of the machine is visible;
3. as root, a user id of its own (2**20 + its pid, in no group): no file of the
   machine is writable, and ``RLIMIT_NPROC`` holds (root ignores it); then death
   with its parent, the fork server (``PR_SET_PDEATHSIG``), so no worker outlives it;
4. resource limits: CPU time, address space (what is mapped now + 256 MB), file size
   0, no new processes, no core dumps, few file descriptors;
5. an empty environment;
6. Landlock (Linux 5.13+): no file may be opened at all, for reading or writing, and
   (ABI 4+) no TCP connection made, (ABI 6+) no signal sent outside the worker; this
   holds for an unprivileged process, where the chroot may not;
7. a seccomp filter (x86-64) refusing the system calls that make sockets, processes,
   namespaces, signals to other processes, and files changed on disk; this holds on an
   unprivileged host too, where 1-3 may not.

The worker then arms a 2 s CPU timer (``start_cpu_timer``) when the code arrives; the
parent kills it after 3 s of wall time whatever it is doing.
"""

import ctypes
import ctypes.util
import errno
import math
import os
import platform
import resource
import signal
import struct

CPU_SECONDS = 2.0
MEMORY_BYTES = 256 * 1024 * 1024
WALL_SECONDS = 3.0
MAX_OUTPUT_CHARS = 10_000
MAX_OPEN_FILES = 16
UID_BASE = 1 << 20

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_PR_GET_SECCOMP = 21
_PR_SET_PDEATHSIG = 1
_SECCOMP_MODE_FILTER = 2

_libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def isolate(workdir):
    """Limit this process as far as the platform allows; return what held.

    Call it once, after every import the code will need and before reading the code:
    from the chroot on, no module can be imported.

    Parameters
    ----------
    workdir : str, an empty directory, made by the parent for this process alone

    Returns
    -------
    dict with keys ``network_namespace`` ("root", "user namespace" or "no"),
    ``chroot`` (bool), ``uid`` (int), ``uid_dropped`` (bool), ``dies_with_parent``
    (bool), ``rlimits`` (dict), ``landlock`` (its ABI version, 0 when unavailable),
    ``seccomp`` (bool), ``environment_empty`` (bool)
    """
    address_space = _mapped_bytes() + MEMORY_BYTES  # /proc is out of sight after chroot
    parent = os.getppid()
    os.chdir(workdir)
    network = _new_network_namespace()
    chrooted = _chroot()
    uid_dropped = _drop_to_own_uid() if os.geteuid() == 0 else False
    dies_with_parent = _die_with_parent(parent)  # after the uid change, which clears it
    limits = _set_rlimits(address_space)
    os.environ.clear()
    return {
        "network_namespace": network,
        "chroot": chrooted,
        "uid": os.getuid(),
        "uid_dropped": uid_dropped,
        "dies_with_parent": dies_with_parent,
        "rlimits": limits,
        "landlock": install_landlock(),
        "seccomp": install_seccomp_filter(),
        "environment_empty": not os.environ,
    }


def start_cpu_timer(seconds=CPU_SECONDS):
    """Kill this process (SIGPROF, no handler installed) once it has used ``seconds``
    of CPU time from now, user and system time together."""
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    signal.setitimer(signal.ITIMER_PROF, seconds)


def _new_network_namespace():
    if _libc.unshare(_CLONE_NEWNET) == 0:
        return "root"
    # Unprivileged: a user namespace gives the capabilities to make a network namespace
    # (and to chroot) inside it, and none outside it.
    if _libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0:
        return "user namespace"
    return "no"


def _chroot():
    """chroot into the current directory (the empty workdir, which the parent made
    execute-only, so nobody can list it or create anything in it)."""
    try:
        os.chroot(".")
    except OSError:
        return False
    return True


def _drop_to_own_uid():
    """A user id no other process has: nothing on the machine belongs to it."""
    uid = UID_BASE + os.getpid()
    try:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    except OSError:
        return False
    return os.getuid() == uid and os.geteuid() == uid


def _die_with_parent(parent):
    """SIGKILL this process when its parent (the fork server) dies, so that no worker
    outlives it; exit at once if it has died already."""
    if _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return False
    if os.getppid() != parent:
        os._exit(1)
    return True


def _set_rlimits(address_space):
    used_cpu = sum(os.times()[:2])
    cpu_cap = math.ceil(used_cpu + CPU_SECONDS) + 1  # a backstop: the timer is finer
    limits = {
        "RLIMIT_CPU": cpu_cap,
        "RLIMIT_AS": address_space,
        "RLIMIT_FSIZE": 0,
        "RLIMIT_NPROC": 0,
        "RLIMIT_CORE": 0,
        "RLIMIT_NOFILE": MAX_OPEN_FILES,
        "RLIMIT_MEMLOCK": 0,
        "RLIMIT_MSGQUEUE": 0,
    }
    held = {}
    for name, value in limits.items():
        try:
            resource.setrlimit(getattr(resource, name), (value, value))
        except (OSError, ValueError):
            held[name] = None
        else:
            held[name] = value
    return held


def _mapped_bytes():
    """This process's address space now (VmSize)."""
    with open(f"/proc/{os.getpid()}/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * resource.getpagesize()


# -- Landlock ---------------------------------------------------------------------------

# The same numbers on every architecture (system calls added after 403 are unified).
_SYS_LANDLOCK_CREATE_RULESET, _SYS_LANDLOCK_RESTRICT_SELF = 444, 446
_LANDLOCK_CREATE_RULESET_VERSION = 1
# Filesystem rights by ABI: 13 in ABI 1, then REFER (2), TRUNCATE (3), IOCTL_DEV (5).
_FS_RIGHTS_BITS = {1: 13, 2: 14, 3: 15, 4: 15, 5: 16}
_NET_BIND_AND_CONNECT_TCP = 0b11  # ABI 4+
_SCOPE_ABSTRACT_UNIX_AND_SIGNAL = 0b11  # ABI 6+


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64),
                ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


def install_landlock():
    """Forbid this process every filesystem right Landlock knows (a ruleset that
    handles them all and allows none), TCP bind and connect, and signals or abstract
    Unix sockets outside it, where the ABI has them. Descriptors open already keep
    working (the pipes to the server).

    Returns the Landlock ABI version enforced, or 0 where the kernel has none.
    """
    abi = _libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, None, 0,
                        _LANDLOCK_CREATE_RULESET_VERSION)
    if abi < 1:
        return 0
    attr = _RulesetAttr((1 << _FS_RIGHTS_BITS.get(abi, 16)) - 1,
                        _NET_BIND_AND_CONNECT_TCP if abi >= 4 else 0,
                        _SCOPE_ABSTRACT_UNIX_AND_SIGNAL if abi >= 6 else 0)
    size = 8 if abi < 4 else 16 if abi < 6 else 24  # the struct as this ABI knows it
    ruleset = _libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(attr), size, 0)
    if ruleset < 0:
        return 0
    try:
        if _libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return 0
        if _libc.syscall(_SYS_LANDLOCK_RESTRICT_SELF, ruleset, 0) != 0:
            return 0
    finally:
        os.close(ruleset)
    return abi


# -- seccomp ----------------------------------------------------------------------------

# x86-64 system call numbers refused with EPERM.
_X86_64_REFUSED = {
    # sockets: no network even where no network namespace could be made
    "socket": 41, "connect": 42, "accept": 43, "bind": 49, "listen": 50,
    "socketpair": 53, "accept4": 288,
    # new processes and programs
    "clone": 56, "fork": 57, "vfork": 58, "execve": 59, "execveat": 322,
    # signals to other processes, tracing, reading other processes' memory
    "kill": 62, "tkill": 200, "tgkill": 234, "ptrace": 101, "process_vm_readv": 310,
    "process_vm_writev": 311, "pidfd_open": 434, "pidfd_send_signal": 424,
    "pidfd_getfd": 438,
    # undoing the isolation
    "chroot": 161, "mount": 165, "umount2": 166, "pivot_root": 155, "unshare": 272,
    "setns": 308, "setuid": 105, "setgid": 106, "setreuid": 113, "setregid": 114,
    "setresuid": 117, "setresgid": 119, "setgroups": 116,
    # files changed on disk
    "creat": 85, "truncate": 76, "ftruncate": 77, "rename": 82, "renameat": 264,
    "renameat2": 316, "mkdir": 83, "mkdirat": 258, "rmdir": 84, "link": 86,
    "linkat": 265, "unlink": 87, "unlinkat": 263, "symlink": 88, "symlinkat": 266,
    "chmod": 90, "fchmod": 91, "fchmodat": 268, "chown": 92, "fchown": 93, "lchown": 94,
    "fchownat": 260, "mknod": 133, "mknodat": 259,
    # kernel interfaces no numpy code needs
    "bpf": 321, "perf_event_open": 298, "userfaultfd": 323, "keyctl": 250,
    "add_key": 248, "request_key": 249, "io_uring_setup": 425, "io_uring_enter": 426,
    "io_uring_register": 427, "open_by_handle_at": 304, "name_to_handle_at": 303,
    "personality": 135,
}  # fmt: skip
# Refused with ENOSYS, so that libc falls back to the older call the filter checks.
_X86_64_MISSING = {"clone3": 435, "openat2": 437}
_X86_64_OPEN, _X86_64_OPENAT = 2, 257
_AUDIT_ARCH_X86_64 = 0xC000003E
_X32_SYSCALL_BIT = 0x40000000
# open flags that write or create: O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, O_TMPFILE
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND | 0o20000000

_BPF_LD_W_ABS = 0x20
_BPF_JEQ_K = 0x15
_BPF_JGE_K = 0x35
_BPF_JSET_K = 0x45
_BPF_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_RET_KILL_PROCESS = 0x80000000
_NR_OFFSET, _ARCH_OFFSET, _ARGS_OFFSET = 0, 4, 16


def _statement(code, k, jt=0, jf=0):
    return struct.pack("HBBI", code, jt, jf, k)


def _seccomp_program():
    """A classic-BPF program: kill foreign architectures, refuse the listed calls and
    opens for writing, allow the rest."""
    errno_perm = _RET_ERRNO | errno.EPERM
    program = [
        _statement(_BPF_LD_W_ABS, _ARCH_OFFSET),
        _statement(_BPF_JEQ_K, _AUDIT_ARCH_X86_64, jt=1),
        _statement(_BPF_RET_K, _RET_KILL_PROCESS),
        _statement(_BPF_LD_W_ABS, _NR_OFFSET),
        _statement(_BPF_JGE_K, _X32_SYSCALL_BIT, jt=0, jf=1),
        _statement(_BPF_RET_K, errno_perm),
    ]
    for number in _X86_64_REFUSED.values():
        program += [_statement(_BPF_JEQ_K, number, jf=1), _statement(_BPF_RET_K, errno_perm)]
    for number in _X86_64_MISSING.values():
        program += [_statement(_BPF_JEQ_K, number, jf=1),
                    _statement(_BPF_RET_K, _RET_ERRNO | errno.ENOSYS)]
    # open(path, flags): flags are argument 1; openat(dirfd, path, flags): argument 2.
    # The low 32 bits of argument i sit at offset 16 + 8 * i (little-endian).
    for number, flags_arg in ((_X86_64_OPEN, 1), (_X86_64_OPENAT, 2)):
        program += [
            _statement(_BPF_JEQ_K, number, jf=4),
            _statement(_BPF_LD_W_ABS, _ARGS_OFFSET + 8 * flags_arg),
            _statement(_BPF_JSET_K, _WRITE_FLAGS, jf=1),
            _statement(_BPF_RET_K, errno_perm),
            _statement(_BPF_RET_K, _RET_ALLOW),
        ]
    program.append(_statement(_BPF_RET_K, _RET_ALLOW))
    return b"".join(program)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install_seccomp_filter():
    """Install the filter on this process (and any thread or child it could make).

    Returns False where it cannot hold: another architecture than x86-64, or a kernel
    or container that refuses seccomp.
    """
    if platform.machine() != "x86_64":
        return False
    program = _seccomp_program()
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.addressof(buffer))
    if _libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    if _libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        return False
    return seccomp_mode() == _SECCOMP_MODE_FILTER


def seccomp_mode():
    """0 without seccomp, 2 under a filter (prctl(PR_GET_SECCOMP) is not refused)."""
    return _libc.prctl(_PR_GET_SECCOMP, 0, 0, 0, 0)

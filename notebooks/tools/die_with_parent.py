"""Runs a command (the kernel's JVM) in this process, set to be killed when its parent process ends (Linux).

  python die_with_parent.py COMMAND [ARGS...]

JJava's JVM never exits by itself (a non-daemon thread stays), so a kernel whose server was stopped, killed or
restarted would live on. prctl(PR_SET_PDEATHSIG, SIGKILL) makes the kernel die with the process that started it,
however that process ends (SIGKILL included); exec keeps the pid, so the server still manages the kernel as its
child. Written into the kernelspec by kernel.py.
"""
import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: die_with_parent.py COMMAND [ARGS...]")
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        sys.exit(f"die_with_parent.py: prctl(PR_SET_PDEATHSIG) failed: {os.strerror(ctypes.get_errno())}")
    if os.getppid() != parent:  # the parent ended before the signal was set: nobody would receive this kernel
        sys.exit("die_with_parent.py: the parent process ended before the kernel started")
    os.execv(sys.argv[1], sys.argv[1:])


if __name__ == "__main__":
    main()

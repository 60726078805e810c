"""Runs a command and prints the peak resident memory of its whole process tree (parent plus parse workers)."""
import os, subprocess, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from proctree import tree_rss  # noqa: E402


def main():
    proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, text=True)
    peak, start = 0, time.time()
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.05)
    out = proc.stdout.read()
    pages = next((l for l in out.splitlines() if l.startswith('pages:')), '')
    print(f'peak memory of `{" ".join(os.path.basename(a) for a in sys.argv[1:3])} {os.path.basename(sys.argv[3])}`: '
          f'{peak / 2**20:.0f} MiB (whole process tree), {time.time() - start:.1f} s; {pages}')
    sys.exit(proc.returncode)


if __name__ == '__main__':
    main()

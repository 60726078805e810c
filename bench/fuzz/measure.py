"""Runs a command; prints its exit code, wall time and the peak resident memory of its whole process tree
(`curate run` plus its parse workers), sampled every 50 ms from /proc. Output of the command goes to the file named
by --log. Usage: measure.py --log FILE -- command args..."""
import os, subprocess, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'throughput'))
from peak_rss import tree_rss  # noqa: E402

args = sys.argv[1:]
log = args[args.index('--log') + 1]
cmd = args[args.index('--') + 1:]
with open(log, 'w') as out:
    start = time.time()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.05)
print(f'exit {proc.returncode}  {time.time() - start:7.1f} s  peak {peak / 2**20:7.0f} MiB (process tree)')

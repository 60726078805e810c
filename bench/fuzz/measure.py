"""Runs a command and reports its exit code, wall time and memory, measured on the whole process tree (`curate run`
plus its parse workers) from /proc every 50 ms:
  tree peak   the largest sum of resident memory of all live processes in the tree seen at a sample;
  main        the main process's own high-water mark (VmHWM, exact: the kernel keeps it);
  worker      the largest high-water mark of any one child process (exact), and how many ran at most at once.
main + workers-at-once x worker is an upper bound of the tree that no sampling gap can miss.
Output of the command goes to the file named by --log; with --json FILE the figures are written there too.
Usage: measure.py --log FILE [--json FILE] -- command args..."""
import json, os, subprocess, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from proctree import memory, tree  # noqa: E402

args = sys.argv[1:]
log = args[args.index('--log') + 1]
report = args[args.index('--json') + 1] if '--json' in args else None
cmd = args[args.index('--') + 1:]
with open(log, 'w') as out:
    start = time.time()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    peak = main_hwm = worker_hwm = at_once = 0
    workers = set()
    while proc.poll() is None:
        pids = tree(proc.pid)
        total = live = 0
        for pid in pids:
            s = memory(pid)
            total += s.get('VmRSS', 0)
            if pid == proc.pid:
                main_hwm = max(main_hwm, s.get('VmHWM', 0))
            elif s:
                live += 1
                workers.add(pid)
                worker_hwm = max(worker_hwm, s.get('VmHWM', 0))
        peak, at_once = max(peak, total), max(at_once, live)
        time.sleep(0.05)
wall = time.time() - start
mib = lambda b: b / 2**20
figures = {'exit': proc.returncode, 'seconds': round(wall, 1), 'tree_peak_mib': round(mib(peak)), 'main_hwm_mib': round(mib(main_hwm)),
           'worker_hwm_mib': round(mib(worker_hwm)), 'workers_at_once': at_once, 'workers_started': len(workers),
           'tree_bound_mib': round(mib(main_hwm + at_once * worker_hwm))}
print(f"exit {proc.returncode}  {wall:7.1f} s  tree peak {mib(peak):6.0f} MiB (sampled)  main {mib(main_hwm):5.0f} MiB  "
      f"worker max {mib(worker_hwm):5.0f} MiB x {at_once} at once ({len(workers)} started)  bound {figures['tree_bound_mib']} MiB")
if report:
    with open(report, 'w') as f:
        json.dump(figures, f)

"""Checks a fuzz run against the bounds stated in docs/hostile-input.md and prints each with the measured figure:
  memory  main process <= MAIN_MIB; each parse worker <= Run:WorkerMemoryMegabytes + RUNTIME_MIB;
          the process tree <= main + workers at once x worker bound (its measured counterpart: main + at once x worker max)
  time    each web record's extraction (parse included) <= Web:PageTimeoutSeconds + 5 s abandon grace;
          each PDF document's parse <= Run:DocumentTimeoutSeconds + 5 s kill grace
Exit code 1 if any is broken. Usage: bounds.py MEASURE_JSON OUT_DIR REPO"""
import json, os, re, sys

MAIN_MIB = 1536      # the main process: web batch, two pages' DOMs, PDF documents being assembled
RUNTIME_MIB = 128    # a worker's resident memory beyond its managed-heap cap (runtime, JIT code, stacks)
GRACE_S = 5

m = json.load(open(sys.argv[1]))
out, repo = sys.argv[2], sys.argv[3]
config = json.load(open(os.path.join(repo, 'configs', 'curate.json')))
env = lambda k, d: int(os.environ.get('CURATE__' + k.replace(':', '__'), d))
worker_cap = env('Run:WorkerMemoryMegabytes', config['Run']['WorkerMemoryMegabytes']) + RUNTIME_MIB
page_s = env('Web:PageTimeoutSeconds', config['Web']['PageTimeoutSeconds']) + GRACE_S
doc_s = env('Run:DocumentTimeoutSeconds', config['Run']['DocumentTimeoutSeconds']) + GRACE_S
tree_cap = MAIN_MIB + m['workers_at_once'] * worker_cap

def slowest(title):
    lines = open(os.path.join(os.path.dirname(sys.argv[1]), 'report.txt')).read().splitlines()
    for i, line in enumerate(lines):
        if line.startswith(title) and i + 1 < len(lines) and (x := re.match(r'\s+([\d.]+) ms (.*)', lines[i + 1])):
            return float(x.group(1)) / 1000, x.group(2)
    return 0.0, 'none'

web_s, web_what = slowest('slowest web records')
pdf_s, pdf_what = slowest('slowest pdf documents')
checks = [
    ('run exits 0', m['exit'] == 0, f"exit {m['exit']}, {m['seconds']} s"),
    (f'main process <= {MAIN_MIB} MiB', m['main_hwm_mib'] <= MAIN_MIB, f"{m['main_hwm_mib']} MiB"),
    (f'each worker <= {worker_cap} MiB', m['worker_hwm_mib'] <= worker_cap, f"{m['worker_hwm_mib']} MiB ({m['workers_started']} started)"),
    (f"tree <= {MAIN_MIB} + {m['workers_at_once']} x {worker_cap} = {tree_cap} MiB", m['tree_bound_mib'] <= tree_cap,
     f"sampled peak {m['tree_peak_mib']} MiB, main + at once x worker max {m['tree_bound_mib']} MiB"),
    (f'web record extraction <= {page_s} s', web_s <= page_s, f'{web_s:.1f} s: {web_what}'),
    # parse_ms of a document is its worker parse time (summed over its chunks and a crash retry), what the budget bounds;
    # time queued behind other documents is not counted.
    (f'PDF document parse time in workers <= {doc_s} s', pdf_s <= doc_s, f'{pdf_s:.1f} s: {pdf_what}'),
]
print('bounds (docs/hostile-input.md):')
for name, ok, figure in checks:
    print(f"  {'met   ' if ok else 'BROKEN'} {name:55s} {figure}")
sys.exit(0 if all(ok for _, ok, _ in checks) else 1)

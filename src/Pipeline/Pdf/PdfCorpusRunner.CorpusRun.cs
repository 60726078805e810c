using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using SciCurate.DomainFilter.Web.Intake;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Pdf;

public sealed partial class PdfCorpusRunner
{
    /// <summary>A document between its first chunk and its merge.</summary>
    private sealed class DocState
    {
        public required string Path;
        public required string DocId;
        public required long Size;
        public required DateTime Modified;
        public required TimeBudget Budget;
        public int PageCount = -1;
        public int Outstanding;
        public string? Failure;
        public readonly SortedDictionary<int, PageResult> Pages = [];
    }

    /// <summary>
    /// One run's loop: a producer hashes and admits documents and sends their first chunk; the consumer takes chunk
    /// outcomes, asks for a document's further chunks once its page count is known, and hands a complete document to
    /// <see cref="FinishAsync"/>, which may wait for the VLM while parsing goes on.
    /// </summary>
    private sealed class CorpusRun(PdfCorpusRunner runner, WorkerPool pool, PdfShardSink sink, RunPlan plan, IReadOnlyList<string> inputs, RunProgress progress) : IDisposable
    {
        private readonly Channel<ChunkOutcome> _outcomes = Channel.CreateUnbounded<ChunkOutcome>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Dictionary<string, DocState> _active = new(StringComparer.Ordinal);
        private readonly Dictionary<long, DocState> _byRequest = [];
        private readonly SemaphoreSlim _admission = new(pool.Workers * 2);
        private readonly SemaphoreSlim _sinkLock = new(1, 1);
        private readonly List<Task<Finished>> _finishing = [];
        private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
        private readonly object _gate = new();
        private long _nextId;
        private bool _producerDone;
        private int _activeCount;
        private int _ok, _failed, _duplicates;
        private long _pages, _hard, _pending;

        private ChunkRequest Chunk(DocState state, int first, int last)
        {
            var id = Interlocked.Increment(ref _nextId);
            lock (_gate)
            {
                _byRequest[id] = state;
            }

            return new ChunkRequest(id, state.Path, first, last);
        }

        public async Task ExecuteAsync(CancellationToken ct)
        {
            var producer = Task.Run(() => ProduceAsync(ct), ct);
            var lastLog = Stopwatch.StartNew();
            await foreach (var outcome in _outcomes.Reader.ReadAllAsync(ct))
            {
                await TakeAsync(outcome, ct);
                if (lastLog.Elapsed.TotalSeconds >= 30)
                {
                    lastLog.Restart();
                    runner.Logger.LogDebug("{Done}/{Total} documents, {Pages} pages", progress.Done, progress.TotalDocuments, progress.Pages);
                }

                lock (_gate)
                {
                    if (_producerDone && _activeCount == 0)
                    {
                        break;
                    }
                }
            }

            await producer;
            await Task.WhenAll(_finishing);
            await CollectFinishedAsync(ct);
        }

        /// <summary>Hashes each file, admits it when a slot is free, sends its first chunk.</summary>
        private async Task ProduceAsync(CancellationToken ct)
        {
            try
            {
                foreach (var (path, info) in plan.Todo)
                {
                    ct.ThrowIfCancellationRequested();
                    // Only regular files are opened (a FIFO would block, /dev/zero never end); a file gone since the
                    // listing or unreadable fails at once. The document is registered before its failure is posted.
                    var problem = info.Problem;
                    var docId = "";
                    if (problem is null)
                    {
                        try
                        {
                            docId = await HashAsync(path, info.Length, ct);
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                        {
                            problem = "cannot read file: " + e.Message;
                        }
                    }

                    if (problem is not null)
                    {
                        docId = "unreadable:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)));
                        lock (_gate)
                        {
                            _activeCount++;
                            _active[path] = new DocState { Path = path, DocId = docId, Size = info.Length, Modified = info.ModifiedUtc, Budget = TimeBudget.Unlimited, Outstanding = 1 };
                        }

                        await _outcomes.Writer.WriteAsync(new ChunkOutcome(new ChunkRequest(-1, path, 0, 0), null, problem), ct);
                        continue;
                    }

                    await _admission.WaitAsync(ct);
                    var state = new DocState
                    {
                        Path = path,
                        DocId = docId,
                        Size = info.Length,
                        Modified = info.ModifiedUtc,
                        Budget = new TimeBudget(TimeSpan.FromSeconds(runner.Options.DocumentTimeoutSeconds)),
                        Outstanding = 1,
                    };
                    lock (_gate)
                    {
                        _activeCount++;
                        _active[path] = state;
                    }

                    await pool.EnqueueAsync(Chunk(state, 1, runner.Options.ChunkPages), state.Budget, _outcomes.Writer, ct);
                }
            }
            finally
            {
                lock (_gate)
                {
                    _producerDone = true;
                }

                // Wake the consumer if nothing is in flight.
                _outcomes.Writer.TryWrite(new ChunkOutcome(new ChunkRequest(0, "", 0, 0), null, null));
            }
        }

        /// <summary>Files one chunk's outcome with its document; a complete document goes to be finished.</summary>
        private async Task TakeAsync(ChunkOutcome outcome, CancellationToken ct)
        {
            DocState? state = null;
            lock (_gate)
            {
                if (outcome.Request.Id > 0)
                {
                    _byRequest.Remove(outcome.Request.Id, out state);
                }
                else if (outcome.Request.Id < 0)
                {
                    _active.TryGetValue(outcome.Request.Path, out state);
                }
            }

            if (state is null)
            {
                return;
            }

            state.Outstanding--;
            if (outcome.Failure is not null || outcome.Response?.Error is not null)
            {
                state.Failure ??= outcome.Failure ?? outcome.Response!.Error;
            }
            else if (outcome.Response is { } response && state.Failure is null)
            {
                foreach (var p in response.Pages)
                {
                    state.Pages[p.PageNo] = p;
                }

                progress.AddPages(response.Pages.Count);
                if (state.PageCount < 0)
                {
                    state.PageCount = response.PageCount;
                    var chunk = runner.Options.ChunkPages;
                    for (var first = chunk + 1; first <= response.PageCount; first += chunk)
                    {
                        state.Outstanding++;
                        await pool.EnqueueAsync(Chunk(state, first, Math.Min(response.PageCount, first + chunk - 1)), state.Budget, _outcomes.Writer, ct);
                    }
                }
            }

            if (state.Outstanding > 0)
            {
                return;
            }

            lock (_gate)
            {
                _active.Remove(state.Path);
                _activeCount--;
            }

            if (outcome.Request.Id >= 0)
            {
                _admission.Release();
            }

            // Hard pages may wait for a remote VLM: documents finish concurrently, so one slow page never stalls
            // parsing; completed ones are counted (and checkpointed) as they come in.
            _finishing.Add(runner.FinishAsync(state, pool, plan.KnownDocs, sink, _sinkLock, inputs, ct));
            if (_finishing.Count >= MaxFinishingDocuments)
            {
                await Task.WhenAny(_finishing);
            }

            await CollectFinishedAsync(ct);
        }

        private async Task CollectFinishedAsync(CancellationToken ct)
        {
            for (var i = _finishing.Count - 1; i >= 0; i--)
            {
                if (!_finishing[i].IsCompleted)
                {
                    continue;
                }

                var result = await _finishing[i];
                _finishing.RemoveAt(i);
                switch (result.Status)
                {
                    case InputStatus.Duplicate:
                        _duplicates++;
                        break;
                    case InputStatus.Failed:
                        _failed++;
                        var key = ReasonKey(result.Failure!);
                        _reasons[key] = _reasons.GetValueOrDefault(key) + 1;
                        break;
                    default:
                        _ok++;
                        _pages += result.Pages;
                        _hard += result.Hard;
                        _pending += result.Pending;
                        break;
                }

                progress.DocumentDone(result.Status == InputStatus.Failed);
                await _sinkLock.WaitAsync(ct);
                try
                {
                    await sink.MaybeCheckpointAsync(ct);
                }
                finally
                {
                    _sinkLock.Release();
                }
            }
        }

        /// <summary>After a cancellation: lets every document being finished either write its rows or give up.</summary>
        public async Task DrainAsync()
        {
            try
            {
                await Task.WhenAll(_finishing);
            }
            catch (OperationCanceledException)
            {
                // Documents cancelled while with the VLM have written nothing; they are redone by the next run.
            }
        }

        public void Dispose()
        {
            _admission.Dispose();
            _sinkLock.Dispose();
        }

        public RunSummary Summary(TimeSpan elapsed, int shards) => new()
        {
            DocumentsOk = _ok,
            DocumentsFailed = _failed,
            Skipped = plan.Skipped,
            Duplicates = _duplicates,
            Pages = _pages,
            HardPages = _hard,
            PendingPages = _pending,
            Shards = shards,
            Elapsed = elapsed,
            FailureReasons = _reasons,
        };
    }
}

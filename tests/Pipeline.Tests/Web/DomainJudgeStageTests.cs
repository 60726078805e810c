using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Web;
using SciCurate.TestSupport;
using static SciCurate.Pipeline.Tests.Web.JudgeTestCorpus;

namespace SciCurate.Pipeline.Tests.Web;

/// <summary>The judge stage end to end: web_documents in, LLM at a real chat-completions server on 127.0.0.1, Parquet out read by DuckDB.</summary>
public sealed class DomainJudgeStageTests : IAsyncLifetime
{
    private FakeChatServer _server = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeChatServer.StartAsync();
        _dir = Directory.CreateTempSubdirectory("judge-test-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(OutputStore Store, JudgeSummary Summary)> RunAsync(string name, Pipeline.Configuration.CurateConfig config,
        JudgeMode mode = JudgeMode.Judge, bool rejudge = false, bool write = true)
    {
        var store = new OutputStore(Path.Combine(_dir, name));
        if (write)
        {
            await WriteAsync(store, Rows());
        }

        await using var handle = await JudgeStageFactory.CreateAsync(config, NullLoggerFactory.Instance, store.Root);
        var summary = await handle.Stage.RunAsync(store, mode, rejudge, CancellationToken.None);
        return (store, summary);
    }

    private string Db => Path.Combine(_dir, "decisions.sqlite");

    [Fact]
    public async Task Run_HoldsOneConversationPerDomain_AndAppliesVerdictToAllItsPages()
    {
        _server.Responder = GoodModel;
        var (store, summary) = await RunAsync("out", Config(_dir, _server, Db));

        // One judge request per registered domain, each showing min(k, pages) pages.
        var judgeRequests = _server.Requests.Where(IsJudgeRequest).ToList();
        Assert.Equal(PagesPerDomain.Keys.Order(), judgeRequests.Select(r => DomainOf(r)!).Order());
        foreach (var r in judgeRequests)
        {
            Assert.Equal(Math.Min(8, PagesPerDomain[DomainOf(r)!]), PagesShown(r));
            Assert.Equal("judge-model-7b", r.Model);
            Assert.Contains("json_schema", r.Body, StringComparison.Ordinal);
        }

        Assert.Equal(4, summary.DomainsJudged);
        Assert.Equal(4, summary.JudgeCalls);
        Assert.Equal(0, summary.OfflineFallbacks);

        // Every page of a domain carries its domain's verdict (DuckDB reads the shards).
        var docs = Glob(store, DomainJudgeStage.DocumentsTable);
        var byDomain = Query($"select domain, decision, status, judge, count(*) from read_parquet('{docs}') group by all order by all");
        Assert.Equal(
            [
                ["", null, "failed", null, 1L],
                ["example.co.uk", "keep", "kept", "judge-model-7b", 13L],
                ["example.com", "drop", "dropped", "judge-model-7b", 10L],
                ["x.github.io", "rewrite", "rewritten", "judge-model-7b", 3L],
                ["y.github.io", "keep", "kept", "judge-model-7b", 2L],
            ],
            byDomain);

        // Dropped rows stay, with the reason; rewritten rows carry the rewrite; kept rows keep their text.
        Assert.Equal(10L, Query($"select count(*) from read_parquet('{docs}') where status = 'dropped' and decision_reason = 'A shoe shop: off-topic.' and length(text) > 100")[0][0]);
        Assert.Equal(3L, Query($"select count(*) from read_parquet('{docs}') where status = 'rewritten' and rewritten_text like 'CLEAN: %' and rewritten_text like '%532 nm%'")[0][0]);
        Assert.Equal(0L, Query($"select count(*) from read_parquet('{docs}') where status <> 'rewritten' and rewritten_text is not null")[0][0]);
        Assert.Equal("line 99: invalid JSON", Query($"select error from read_parquet('{docs}') where status = 'failed'")[0][0]);
        Assert.Equal(3, _server.Requests.Count(r => !IsJudgeRequest(r)));

        // domain_decisions: one row per domain with sample and scores.
        var decisions = Query($"select domain, decision, judge, pages_seen, sample_size, len(sample_urls), science_score, quality_score, reason from read_parquet('{Glob(store, DomainJudgeStage.DecisionsTable)}') order by domain");
        Assert.Equal(4, decisions.Count);
        Assert.Equal(["example.co.uk", "keep", "judge-model-7b", 13, 8, 8L, 0.95, 0.9, "Clean mathematics."], decisions[0]);
        Assert.Equal(["y.github.io", "keep", "judge-model-7b", 2, 2, 2L, 0.95, 0.9, "Clean mathematics."], decisions[3]);

        // The new generation replaced the extraction's shards: no page twice, old files gone.
        Assert.Equal(29L, Query($"select count(distinct doc_id) from read_parquet('{docs}')")[0][0]);
        Assert.Equal(29L, Query($"select count(*) from read_parquet('{docs}')")[0][0]);
        var manifest = store.Read();
        Assert.DoesNotContain(manifest.Shards.Keys, k => k.Contains("part-web-", StringComparison.Ordinal));
        Assert.All(manifest.Shards.Values, s => Assert.Equal(2, s.Generation));
        Assert.False(File.Exists(Path.Combine(store.Root, "web_documents", "part-web-00000.parquet")));
    }

    [Fact]
    public async Task Run_RetriesInvalidJsonInTheSameConversation_ThenFallsBackToOffline()
    {
        var attempts = new Dictionary<string, int>();
        _server.Responder = r =>
        {
            if (!IsJudgeRequest(r))
            {
                return GoodModel(r);
            }

            var domain = DomainOf(r)!;
            lock (attempts)
            {
                attempts[domain] = attempts.GetValueOrDefault(domain) + 1;
                return domain switch
                {
                    // Prose first, then a valid answer.
                    "example.co.uk" when attempts[domain] == 1 => Reply.Answer("I think this site is great for science!"),
                    // Broken JSON, then a schema violation, then a valid answer in a code fence.
                    "y.github.io" when attempts[domain] == 1 => Reply.Answer("{\"decision\": \"keep\", \"science_score\": 0.9,"),
                    "y.github.io" when attempts[domain] == 2 => Reply.Answer(Verdict("maybe", 0.9, 0.9, "unsure")),
                    "y.github.io" => Reply.Answer("```json\n" + Verdict("keep", 0.9, 0.8, "Lecture notes.") + "\n```"),
                    // Never valid.
                    "example.com" => Reply.Answer("{ not json at all"),
                    _ => GoodModel(r),
                };
            }
        };

        var (store, summary) = await RunAsync("out", Config(_dir, _server, Db));

        var rows = Query($"select domain, decision, judge, reason from read_parquet('{Glob(store, DomainJudgeStage.DecisionsTable)}') order by domain")
            .ToDictionary(r => (string)r[0]!);
        Assert.Equal("judge-model-7b", rows["example.co.uk"][2]);
        Assert.Equal("judge-model-7b", rows["y.github.io"][2]);
        Assert.Equal("Lecture notes.", rows["y.github.io"][3]);

        // Three answers for example.com, none valid: the offline judge decided, and says why.
        Assert.Equal(3, attempts["example.com"]);
        Assert.Equal("offline", rows["example.com"][2]);
        Assert.Equal("drop", rows["example.com"][1]);
        Assert.StartsWith("LLM answer invalid after 3 attempts", (string)rows["example.com"][3]!, StringComparison.Ordinal);
        Assert.Contains("offline heuristic", (string)rows["example.com"][3]!, StringComparison.Ordinal);
        Assert.Equal(1, summary.OfflineFallbacks);

        // A retry continues the conversation: the model sees its bad answer and the error.
        var third = _server.Requests.Where(r => IsJudgeRequest(r) && DomainOf(r) == "y.github.io").Last();
        Assert.Equal(6, third.Json!["messages"]!.AsArray().Count);
        Assert.Contains(third.Texts, t => t.StartsWith("That answer is not valid (decision must be", StringComparison.Ordinal));

        // Every page of the fallback domain carries the offline verdict.
        Assert.Equal(10L, Query($"select count(*) from read_parquet('{Glob(store, DomainJudgeStage.DocumentsTable)}') where domain = 'example.com' and judge = 'offline' and status = 'dropped'")[0][0]);
    }

    [Fact]
    public async Task Run_SurvivesTooManyRequestsAndTimeouts()
    {
        // One request at a time so the scripted faults hit in order: a 429, a hang (time-out), then normal answers.
        _server.Enqueue(Reply.TooManyRequests(0), Reply.Hang(), Reply.TooManyRequests(0));
        _server.Responder = GoodModel;
        // A 3-second attempt limit: short enough for the hang to time out, long enough for a loaded machine.
        var (store, summary) = await RunAsync("out", Config(_dir, _server, Db, concurrency: 1, timeoutSeconds: 3, maxRetries: 5));

        var reasons = string.Join(" | ", Query($"select reason from read_parquet('{Glob(store, DomainJudgeStage.DecisionsTable)}') where judge = 'offline'").Select(r => r[0]));
        Assert.True(summary.OfflineFallbacks == 0, reasons);
        Assert.Equal(4, summary.DomainsJudged);
        Assert.True(_server.RequestCount >= 4 + 3 + 3, $"requests {_server.RequestCount}");
        Assert.Equal(4L, Query($"select count(*) from read_parquet('{Glob(store, DomainJudgeStage.DecisionsTable)}') where judge = 'judge-model-7b'")[0][0]);
    }

    [Fact]
    public async Task Run_FallsBackToOffline_WhenTheEndpointKeepsRefusing()
    {
        _server.Responder = _ => Reply.TooManyRequests(0);
        var (store, summary) = await RunAsync("out", Config(_dir, _server, Db, concurrency: 2, maxRetries: 1));

        Assert.Equal(4, summary.OfflineFallbacks);
        var reasons = Query($"select judge, reason from read_parquet('{Glob(store, DomainJudgeStage.DecisionsTable)}')");
        Assert.All(reasons, r =>
        {
            Assert.Equal("offline", r[0]);
            Assert.StartsWith("LLM call failed", (string)r[1]!, StringComparison.Ordinal);
        });

        // Offline verdicts stand for this run but are not stored under the LLM's version: the next run asks the LLM.
        _server.Responder = GoodModel;
        var second = await RunAsync("out", Config(_dir, _server, Db), write: false);
        Assert.Equal(4, second.Summary.DomainsJudged);
        Assert.Equal(0, second.Summary.OfflineFallbacks);
    }

    [Fact]
    public async Task SecondRun_ReusesStoredDecisions_AndRejudgeForcesNewOnes()
    {
        _server.Responder = GoodModel;
        var config = Config(_dir, _server, Db);
        var (store, first) = await RunAsync("out", config);
        var requestsAfterFirst = _server.RequestCount;
        var manifestAfterFirst = File.ReadAllText(store.ManifestPath);

        // Same output again: every verdict from the store, no call, nothing rewritten.
        var (_, again) = await RunAsync("out", config, write: false);
        Assert.Equal(requestsAfterFirst, _server.RequestCount);
        Assert.Equal(4, again.DomainsReused);
        Assert.Equal(0, again.DomainsJudged);
        Assert.False(again.Wrote);
        Assert.Equal(manifestAfterFirst, File.ReadAllText(store.ManifestPath));

        // A later crawl into another output sharing the store: no judge call; only the rewrite domain's pages cost calls.
        var (other, later) = await RunAsync("later-crawl", config);
        Assert.Equal(0, _server.Requests.Skip(requestsAfterFirst).Count(IsJudgeRequest));
        Assert.Equal(4, later.DomainsReused);
        Assert.Equal(13L, Query($"select count(*) from read_parquet('{Glob(other, DomainJudgeStage.DocumentsTable)}') where domain = 'example.co.uk' and status = 'kept'")[0][0]);
        Assert.Equal(4L, Query($"select count(*) from read_parquet('{Glob(other, DomainJudgeStage.DecisionsTable)}') where reused")[0][0]);

        // --rejudge asks again.
        var before = _server.Requests.Count(IsJudgeRequest);
        var (_, forced) = await RunAsync("out", config, rejudge: true, write: false);
        Assert.Equal(4, forced.DomainsJudged);
        Assert.Equal(before + 4, _server.Requests.Count(IsJudgeRequest));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task SecondRun_ReusesDecisions_FromPostgres_WhenServeStorageIsPostgres()
    {
        _server.Responder = GoodModel;
        var connection = DecisionStoreTests.PostgresConnection();
        var config = Config(_dir, _server, Db, extraJudge: $", \"PostgresConnection\": \"{connection}\"", serveStorage: "postgres");
        var (_, first) = await RunAsync($"pg-{Guid.NewGuid():N}", config, rejudge: true);
        Assert.Equal(4, first.DomainsJudged);
        Assert.False(File.Exists(Db));

        var (_, second) = await RunAsync($"pg-{Guid.NewGuid():N}", config);
        Assert.Equal(4, second.DomainsReused);
        Assert.Equal(4, _server.Requests.Count(IsJudgeRequest));
    }

    [Fact]
    public async Task WithoutEndpoint_OfflineJudgeLeavesRewritesPending_AndReprocessFillsThem()
    {
        // No endpoint: the offline judge decides and says so; rewrite pages wait.
        var (store, offline) = await RunAsync("out", Config(_dir, null, Db));
        Assert.Equal(0, _server.RequestCount);
        var docs = Glob(store, DomainJudgeStage.DocumentsTable);
        Assert.Equal(0L, Query($"select count(*) from read_parquet('{docs}') where judge is not null and judge <> 'offline'")[0][0]);
        Assert.Equal(
            [["example.co.uk", "keep", "kept"], ["example.com", "drop", "dropped"], ["x.github.io", "rewrite", "rewrite_pending"], ["y.github.io", "keep", "kept"]],
            Query($"select distinct domain, decision, status from read_parquet('{docs}') where domain <> '' order by domain"));
        Assert.Equal(3L, offline.PagesByStatus[WebPageStatus.RewritePending]);

        // reprocess --stage rewrite with an endpoint: only the pending pages are sent, verdicts unchanged.
        _server.Responder = GoodModel;
        var (_, rewrite) = await RunAsync("out", Config(_dir, _server, Db), JudgeMode.RewriteOnly, write: false);
        Assert.Equal(3, _server.RequestCount);
        Assert.DoesNotContain(_server.Requests, IsJudgeRequest);
        Assert.Equal(3L, rewrite.PagesByStatus[WebPageStatus.Rewritten]);
        Assert.Equal(
            [["x.github.io", "rewrite", "rewritten", "offline"]],
            Query($"select distinct domain, decision, status, judge from read_parquet('{docs}') where domain = 'x.github.io'"));
    }

    [Fact]
    public async Task RewriteWhileTheLlmIsDown_StaysPending_AndAMalformedAnswerNeverReplacesText()
    {
        var (store, _) = await RunAsync("out", Config(_dir, null, Db));
        var docs = Glob(store, DomainJudgeStage.DocumentsTable);

        // The LLM answers 503 to everything: the pages wait (issue 15), they are not failed.
        _server.Responder = _ => Reply.Status(503);
        var (_, down) = await RunAsync("out", Config(_dir, _server, Db, maxRetries: 1), JudgeMode.RewriteOnly, write: false);
        Assert.Equal(3L, down.PagesByStatus[WebPageStatus.RewritePending]);
        Assert.Equal(0L, Query($"select count(*) from read_parquet('{docs}') where domain = 'x.github.io' and status = 'failed'")[0][0]);
        Assert.All(Query($"select error from read_parquet('{docs}') where domain = 'x.github.io'"),
            r => Assert.StartsWith("endpoint trouble", (string)r[0]!, StringComparison.Ordinal));

        // A judge-shaped JSON answer to a rewrite request is rejected, not stored as the page's text.
        _server.Responder = r => IsJudgeRequest(r) ? GoodModel(r) : Reply.Answer("""{"decision": "maybe", "science_score": "high"}""");
        var (_, junk) = await RunAsync("out", Config(_dir, _server, Db), JudgeMode.RewriteOnly, write: false);
        Assert.Equal(3L, Query($"select count(*) from read_parquet('{docs}') where domain = 'x.github.io' and status = 'failed'")[0][0]);
        Assert.True(junk.RewriteCalls >= 3);
        Assert.All(Query($"select rewritten_text, error from read_parquet('{docs}') where domain = 'x.github.io'"), r =>
        {
            Assert.Null(r[0]);
            Assert.StartsWith("rewrite rejected: the answer is JSON", (string)r[1]!, StringComparison.Ordinal);
        });
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Stats_CountDecisionsPerDomainAndPage_AndJudgeCallsPer1000Pages()
    {
        // Example.co.uk answers invalid JSON once: 5 judge calls for 4 domains, 28 judged pages.
        var first = true;
        _server.Responder = r =>
        {
            if (IsJudgeRequest(r) && DomainOf(r) == "example.co.uk" && first)
            {
                first = false;
                return Reply.Answer("not json");
            }

            return GoodModel(r);
        };
        var (store, _) = await RunAsync("out", Config(_dir, _server, Db, concurrency: 1));

        var result = await new Pipeline.Stats.DomainJudgeStats().ComputeResultAsync(store, CancellationToken.None);
        Assert.NotNull(result);
        Assert.Equal(4, result.Domains);
        Assert.Equal(28, result.PagesJudged);
        Assert.Equal(5, result.JudgeCalls);
        Assert.Equal(5 * 1000.0 / 28, result.CallsPer1000Pages);
        Assert.Equal(
            [new(DomainDecision.Keep, 2, 15), new(DomainDecision.Rewrite, 1, 3), new(DomainDecision.Drop, 1, 10)],
            result.Decisions);
        Assert.Equal(1, result.PagesByStatus[WebPageStatus.Failed]);
        Assert.Equal(15, result.PagesByStatus[WebPageStatus.Kept]);

        var tables = await new Pipeline.Stats.DomainJudgeStats().ComputeAsync(store, Config(_dir, null, Db), CancellationToken.None);
        var calls = tables.Single(t => t.Title.StartsWith("LLM judge calls", StringComparison.Ordinal));
        Assert.Equal(178.57, calls.Values["calls_per_1000_pages"], 2);
        Assert.Equal(1000, calls.Values["every_page_calls_per_1000_pages"]);
        Assert.Equal(["per-domain judge (this corpus)", "5", "178.57"], calls.Rows[0]);
    }

    [Fact]
    public async Task Rewrite_ThatLosesNumbers_FailsThePage()
    {
        _server.Responder = r => IsJudgeRequest(r) ? GoodModel(r) : Reply.Answer("A page about mathematics.");
        var (store, summary) = await RunAsync("out", Config(_dir, _server, Db));

        Assert.Equal(3L, summary.PagesByStatus[WebPageStatus.Failed] - 1);
        var rows = Query($"select status, rewritten_text, error from read_parquet('{Glob(store, DomainJudgeStage.DocumentsTable)}') where domain = 'x.github.io'");
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("failed", r[0]);
            Assert.Null(r[1]);
            Assert.StartsWith("rewrite lost numbers: kept 0 of the source's", (string)r[2]!, StringComparison.Ordinal);
        });
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SciCurate.DomainFilter.Web;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Output;
using SciCurate.Pipeline.Web;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Web;

/// <summary>Builds small web_documents outputs for the judge tests and reads results back with DuckDB.</summary>
internal static partial class JudgeTestCorpus
{
    public const string MathText = """
        Theorem 2. Let f be a continuous function on [a, b] with derivative f'. Then the integral of f' over [a, b]
        equals f(b) − f(a). Proof. By the mean value theorem, for each partition of the interval there are points where
        the difference quotient equals the derivative; summing and passing to the limit gives the equation. The
        eigenvalues λ of a symmetric matrix are real, and the polynomial p(x) = x^2 + 3x + 2 has roots −1 and −2.
        In the experiment the measured wavelength was 532 nm and the pressure 3.2 kPa, as in [12] and Smith et al.
        """;

    public const string ShopText = """
        Big summer sale! Add to cart now and enjoy free shipping on all orders over 50 dollars. Use the discount code
        for 20% off. Our shoes come in many colours and sizes, and the new collection arrives next week. Buy now while
        stocks last, the best price guaranteed. Sign up now to our newsletter and never miss an offer. Shop now.
        """;

    /// <summary>(host, page count, text, failed rules per page).</summary>
    public static readonly (string Host, int Pages, string Text, int FailedRules)[] Hosts =
    [
        ("a.example.co.uk", 7, MathText, 0),
        ("b.example.co.uk", 6, MathText, 0),
        ("x.github.io", 3, MathText, 2),
        ("y.github.io", 2, MathText, 0),
        ("shop.example.com", 10, ShopText, 0),
    ];

    /// <summary>Registered domains of <see cref="Hosts"/>: example.co.uk (13 pages), x.github.io, y.github.io, example.com.</summary>
    public static readonly Dictionary<string, int> PagesPerDomain = new()
    {
        ["example.co.uk"] = 13,
        ["x.github.io"] = 3,
        ["y.github.io"] = 2,
        ["example.com"] = 10,
    };

    public static List<WebDocumentRow> Rows()
    {
        var rows = new List<WebDocumentRow>();
        var sections = new[] { "wiki", "questions", "blog" };
        foreach (var (host, pages, text, failed) in Hosts)
        {
            for (var i = 0; i < pages; i++)
            {
                var url = $"https://{host}/{sections[i % 3]}/page-{i}";
                rows.Add(new WebDocumentRow
                {
                    DocId = $"{host}#{i}",
                    Url = url,
                    Domain = RegisteredDomain.OfUrl(url),
                    Source = "test.jsonl",
                    Status = WebPageStatus.Ok,
                    Title = $"Page {i} of {host}",
                    Language = "en",
                    LanguageConfidence = 0.99,
                    Text = $"{text}\nPage number {i}, reference value {1000 + i}.",
                    Markdown = text,
                    GopherWords = 120 + i,
                    CharCount = text.Length,
                    FailedRules = Enumerable.Range(0, failed).Select(r => $"rule_{r}").ToList(),
                });
            }
        }

        rows.Add(new WebDocumentRow
        {
            DocId = "broken#0",
            Url = "",
            Source = "test.jsonl:99",
            Status = WebPageStatus.Failed,
            Error = "line 99: invalid JSON",
        });
        return rows;
    }

    /// <summary>Writes rows as web_documents in two shards (generation 1), like the extraction stage.</summary>
    public static async Task WriteAsync(OutputStore store, IReadOnlyList<WebDocumentRow> rows)
    {
        var shards = new List<PendingShard>();
        var half = rows.Count / 2;
        foreach (var (part, slice) in new[] { (0, rows.Take(half)), (1, rows.Skip(half)) })
        {
            var name = $"part-web-{part:D5}.parquet";
            var writer = new ShardWriter<WebDocumentRow>(DomainJudgeStage.DocumentsTable, store.NewTempPath(DomainJudgeStage.DocumentsTable, name), 5, r => r.Text.Length);
            foreach (var row in slice)
            {
                await writer.AddAsync(row, CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
            shards.Add(new PendingShard(DomainJudgeStage.DocumentsTable, writer.TempPath, name, writer.Rows, "web", 1));
        }

        store.Commit(shards, new Dictionary<string, InputEntry>());
    }

    /// <summary>A configuration file for tests: the LLM at the fake server (or none), decision store path.</summary>
    public static CurateConfig Config(string dir, FakeChatServer? server, string sqlitePath, int concurrency = 4, int timeoutSeconds = 20,
        int maxRetries = 3, string? extraJudge = null, string? serveStorage = null)
    {
        var llm = server is null ? "" : $$"""
            "Llm": { "Endpoint": "{{server.OpenAIBaseUrl}}", "Model": "judge-model-7b", "Kind": "openai", "MaxConcurrency": {{concurrency}},
                     "TimeoutSeconds": {{timeoutSeconds}}, "MaxRetries": {{maxRetries}}, "RetryBaseDelaySeconds": 0.01, "RetryMaxDelaySeconds": 2,
                     "CircuitBreakerFailures": 0 },
            """;
        var path = Path.Combine(dir, "curate.json");
        // The stage tests pin decisions on synthetic pages: they use the lexical scorer, whose outcome on them is
        // fixed; the trained classifier is tested on real pages in DomainFilter.Tests.
        File.WriteAllText(path, $$"""
            {
              {{llm}}
              "Run": { "RowGroupRows": 4, "ShardMaxRows": 20 },
              "Dedup": { "Enabled": false },
              {{(serveStorage is null ? "" : $"\"Serve\": {{ \"Storage\": \"{serveStorage}\" }},")}}
              "Judge": { "SampleSize": 8, "SqlitePath": "{{sqlitePath}}", "Offline": { "Scorer": "lexical" } {{extraJudge}} }
            }
            """);
        return CurateConfig.Load(path);
    }

    /// <summary>True for a judge request (as opposed to a rewrite request).</summary>
    public static bool IsJudgeRequest(RecordedRequest r) => r.Texts.Any(t => t.Contains("You judge web sites", StringComparison.Ordinal));

    /// <summary>The domain a judge request is about (from its "Domain: …" line).</summary>
    public static string? DomainOf(RecordedRequest r)
    {
        foreach (var t in r.Texts)
        {
            var m = DomainLine().Match(t);
            if (m.Success)
            {
                return m.Groups[1].Value;
            }
        }

        return null;
    }

    public static int PagesShown(RecordedRequest r) => r.Texts.Sum(t => PageHeader().Count(t));

    public static string Verdict(string decision, double science, double quality, string reason) =>
        new JsonObject { ["decision"] = decision, ["science_score"] = science, ["quality_score"] = quality, ["reason"] = reason }.ToJsonString();

    /// <summary>A well-behaved model: verdicts by domain, rewrites that keep the text (numbers included).</summary>
    public static Reply GoodModel(RecordedRequest r)
    {
        if (IsJudgeRequest(r))
        {
            return DomainOf(r) switch
            {
                "example.com" => Reply.Answer(Verdict("drop", 0.05, 0.8, "A shoe shop: off-topic."), promptTokens: 900, completionTokens: 40),
                "x.github.io" => Reply.Answer(Verdict("rewrite", 0.9, 0.4, "Mathematics with broken formatting."), promptTokens: 900, completionTokens: 40),
                _ => Reply.Answer(Verdict("keep", 0.95, 0.9, "Clean mathematics."), promptTokens: 900, completionTokens: 40),
            };
        }

        var user = r.Texts[^1];
        var body = user[(user.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        return Reply.Answer("CLEAN: " + body.Replace("\n", " ", StringComparison.Ordinal), promptTokens: 500, completionTokens: 300);
    }

    public static List<object?[]> Query(string sql) => DuckDb.Rows(sql);

    public static string Glob(OutputStore store, string table) => Path.Combine(store.Root, table, "*.parquet").Replace("'", "''", StringComparison.Ordinal);

    [GeneratedRegex(@"^Domain: (\S+)", RegexOptions.Multiline)]
    private static partial Regex DomainLine();

    [GeneratedRegex(@"^--- Page \d+:", RegexOptions.Multiline)]
    private static partial Regex PageHeader();
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SciCurate.DomainFilter.Text;
using SciCurate.TestSupport;
using static SciCurate.Pipeline.Tests.Corpus.PlantedCrawl;

namespace SciCurate.Pipeline.Tests.Corpus;

/// <summary>
/// `curate run` twice over a crawl of real pages with planted copies and a PDF whose text reappears as a web page,
/// then `curate export` and `curate stats`: every planted copy is marked with the kept doc_id, no other page is, the
/// export holds one copy of each, and the manifest and every Parquet file carry the run's provenance.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CorpusEssentialsTests : IDisposable
{
    private readonly TempDir _dir = TestData.NewTempDir();

    public void Dispose() => _dir.Dispose();

    private Dictionary<string, string> Env() => new()
    {
        // Keep every domain that has text, so planted copies on any domain are compared (the judge is tested elsewhere).
        ["CURATE__Judge__Offline__MinScience"] = "0",
        ["CURATE__Judge__Offline__ModelThreshold"] = "0",
        ["CURATE__Judge__Offline__MinQuality"] = "0",
        ["CURATE__Judge__Offline__KeepQuality"] = "0",
        ["CURATE__Judge__SqlitePath"] = _dir.File("decisions.sqlite"),
        ["CURATE__Llm__ApiKey"] = "sk-secret-never-written-7f3a",
        ["CURATE__Run__Workers"] = "1",
    };

    [Fact]
    public async Task RunTwice_MarksEveryPlantedCopy_NoFalseCluster_ExportHoldsOneCopy_ProvenanceEverywhere()
    {
        var pages = BenchmarkPages();
        Assert.Equal(88, pages.Count);
        var outDir = _dir.File("out");
        var pdfDir = Directory.CreateDirectory(_dir.File("pdfs")).FullName;
        File.Copy(TestData.Pdf("math_2503_04086.pdf"), Path.Combine(pdfDir, "math_2503_04086.pdf"));

        // Run 1: the PDF and the first 60 originals.
        var groups = new Dictionary<string, List<(string Url, bool Exact)>>(StringComparer.Ordinal);
        var run1 = new List<string>();
        var run2 = new List<string>();
        foreach (var p in pages)
        {
            (p.Index < 60 ? run1 : run2).Add(Line(p.Url, p.Html));
            groups[p.Url] = [];
        }

        // Run 2: near copies (2–4% of words changed) and exact copies on other domains, plus the last 28 originals.
        foreach (var p in pages)
        {
            if (p.Index % 3 == 0 || (p.Index >= 60 && p.Index % 2 == 0))
            {
                var url = $"https://mirror{p.Index}.copies-{p.Index % 7}.example.org/a/{p.Index}";
                run2.Add(Line(url, ChangeWords(p.Html, 0.02 + 0.01 * (p.Index % 3), p.Index)));
                groups[p.Url].Add((url, false));
            }

            if (p.Index % 4 == 1 || p.Index is 61 or 63)
            {
                var url = $"https://archive.example-{p.Index % 5}.net/saved/{p.Index}.html";
                run2.Add(Line(url, p.Html));
                groups[p.Url].Add((url, true));
            }
        }

        File.WriteAllText(_dir.File("crawl1.jsonl"), string.Join("\n", run1) + "\n");
        var (code, stdout, stderr) = await CurateProcess.RunAsync(["run", pdfDir, _dir.File("crawl1.jsonl"), "--out", outDir], Env(), TimeSpan.FromMinutes(5));
        Assert.True(code == 0, stdout + stderr);

        // The PDF's text published as a web page, with 2% of its words changed.
        var pdfDocs = DuckDb.Table(outDir, "pdf_documents");
        var pdf = DuckDb.Records($"select doc_id, markdown, source_relpath, tokens from {pdfDocs}").Single();
        Assert.Equal("math_2503_04086.pdf", pdf["source_relpath"]);
        Assert.True((long)pdf["tokens"]! > 200, $"{pdf["tokens"]} tokens");
        // Per page too: every page of the PDF has its own count.
        Assert.Equal(0L, DuckDb.Scalar<long>($"select count(*) from {DuckDb.Table(outDir, "pdf_pages")} where tokens <= 0 and length(markdown) > 20"));
        Assert.True(DuckDb.Scalar<long>($"select sum(tokens)::bigint from {DuckDb.Table(outDir, "pdf_pages")}") > 200);
        var mirrorUrl = "https://papers-mirror.example.org/math-2503-04086.html";
        run2.Add(Line(mirrorUrl, ChangeWords(AsHtml("A paper", (string)pdf["markdown"]!), 0.02, 7)));

        // A contact page: its e-mail, phone and IP are masked (Pii:Web is on by default), its DOI and arXiv id are not.
        const string contactUrl = "https://lab.physics.example.edu/contact";
        run2.Add(Line(contactUrl, AsHtml("Contact the lab",
            "Questions about the dataset go to Dr. Jane Roe at jane.roe@physics.example.edu or by phone on +44 20 7946 0958 during office hours.\n\n"
            + "The archive mirror runs at 93.184.216.34 and is described in doi:10.1103/PhysRevLett.116.061102 and arXiv:2301.12345v2, version 2.1.3.4 of the pipeline.")));
        File.WriteAllText(_dir.File("crawl2.jsonl"), string.Join("\n", run2) + "\n");
        (code, stdout, stderr) = await CurateProcess.RunAsync(["run", _dir.File("crawl2.jsonl"), "--out", outDir], Env(), TimeSpan.FromMinutes(5));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("duplicates:", stdout, StringComparison.Ordinal);

        var web = DuckDb.Table(outDir, "web_documents");
        var rows = DuckDb.Records($"select doc_id, url, status, duplicate_of, tokens, text from {web}")
            .ToDictionary(r => (string)r["url"]!, StringComparer.Ordinal);

        // The PDF's web copy, signed in run 2, is a near duplicate of the PDF signed in run 1 (whose text was not read again).
        Assert.Equal("near_duplicate", rows[mirrorUrl]["status"]);
        Assert.Equal(pdf["doc_id"], rows[mirrorUrl]["duplicate_of"]);

        var contact = DuckDb.Records($"select text, pii_emails, pii_ips, pii_phones from {web} where url = '{contactUrl}'").Single();
        var contactText = (string)contact["text"]!;
        Assert.Contains("<EMAIL_ADDRESS>", contactText, StringComparison.Ordinal);
        Assert.Contains("<PHONE_NUMBER>", contactText, StringComparison.Ordinal);
        Assert.Contains("<IP_ADDRESS>", contactText, StringComparison.Ordinal);
        Assert.Contains("doi:10.1103/PhysRevLett.116.061102", contactText, StringComparison.Ordinal);
        Assert.Contains("arXiv:2301.12345v2", contactText, StringComparison.Ordinal);
        Assert.Contains("version 2.1.3.4", contactText, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.roe@", contactText, StringComparison.Ordinal);
        Assert.Equal((1, 1, 1), ((int)contact["pii_emails"]!, (int)contact["pii_ips"]!, (int)contact["pii_phones"]!));

        var planted = new HashSet<string>(StringComparer.Ordinal) { mirrorUrl };
        var found = 0;
        var total = 0;
        foreach (var (originalUrl, copies) in groups.Where(g => g.Value.Count > 0))
        {
            var index = pages.First(p => p.Url == originalUrl).Index;
            var members = copies.Select(c => c.Url).Append(originalUrl).ToList();
            planted.UnionWith(members);
            var kept = members.Where(u => rows[u]["duplicate_of"] is null).ToList();
            var keptId = (string)rows[Assert.Single(kept)]["doc_id"]!;
            if (index < 60)
            {
                // An original kept by run 1 stays the kept copy.
                Assert.Equal(originalUrl, kept[0]);
            }

            Assert.Equal("kept", rows[kept[0]]["status"]);
            found += members.Count - 1;
            if (kept[0] != originalUrl)
            {
                Assert.Equal(keptId, rows[originalUrl]["duplicate_of"]);
            }

            foreach (var (url, exact) in copies)
            {
                total++;
                var row = rows[url];
                if (url == kept[0])
                {
                    continue;
                }

                Assert.True(keptId == (string?)row["duplicate_of"], $"{url} (copy of page {index}): {row["status"]}, duplicate_of {row["duplicate_of"]}");
                Assert.Equal(exact ? "duplicate" : "near_duplicate", row["status"]);
            }
        }

        Assert.True(total >= 50, $"{total} planted copies");

        // No false cluster: no page outside the planted groups is marked.
        var falseMarks = rows.Values.Where(r => !planted.Contains((string)r["url"]!) && r["duplicate_of"] is not null)
            .Select(r => $"{r["url"]} -> {r["duplicate_of"]}").ToList();
        Assert.Empty(falseMarks);
        Assert.Equal(0L, DuckDb.Scalar<long>($"select count(*) from {pdfDocs} where duplicate_of is not null"));

        // Tokens: the column matches the tokenizer on the stored text.
        var counter = new TiktokenCounter(new TokenizerOptions());
        Assert.All(rows.Values.Take(10), r => Assert.Equal((long)counter.Count((string)r["text"]!), (long)r["tokens"]!));

        // Export, read back line by line: one copy of each planted group, only kept documents.
        var export = _dir.File("corpus.jsonl.zst");
        (code, stdout, stderr) = await CurateProcess.RunAsync(["export", outDir, "--to", export, "--include-pending"], Env());
        Assert.True(code == 0, stdout + stderr);
        var ids = new List<string>();
        var sources = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var file = File.OpenRead(export))
        await using (var zstd = new ZstdSharp.DecompressionStream(file))
        using (var reader = new StreamReader(zstd, Encoding.UTF8))
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                ids.Add(root.GetProperty("id").GetString()!);
                Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("text").GetString()));
                Assert.True(DateTime.TryParse(root.GetProperty("added").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
                var source = root.GetProperty("source").GetString()!;
                sources[source] = sources.GetValueOrDefault(source) + 1;
                var metadata = root.GetProperty("metadata");
                Assert.True(metadata.GetProperty("tokens").GetInt64() > 0);
                if (source == "web")
                {
                    Assert.StartsWith("http", metadata.GetProperty("url").GetString(), StringComparison.Ordinal);
                    Assert.NotNull(metadata.GetProperty("domain").GetString());
                    Assert.True(metadata.TryGetProperty("language", out _));
                }
                else
                {
                    Assert.Equal("math_2503_04086.pdf", metadata.GetProperty("source_path").GetString());
                    Assert.True(metadata.GetProperty("page_count").GetInt32() > 0);
                }
            }
        }

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1, sources.GetValueOrDefault("pdf"));
        Assert.Equal(DuckDb.Scalar<long>($"select count(*) from {web} where status in ('kept', 'rewritten')"), sources["web"]);
        var exported = ids.ToHashSet(StringComparer.Ordinal);
        foreach (var (originalUrl, copies) in groups.Where(g => g.Value.Count > 0))
        {
            var members = copies.Select(c => c.Url).Append(originalUrl);
            Assert.Equal(1, members.Count(u => exported.Contains((string)rows[u]["doc_id"]!)));
        }

        Assert.DoesNotContain((string)rows[mirrorUrl]["doc_id"]!, exported);

        // Filters: --kind pdf writes the one PDF (without --include-pending only if no page waits for the VLM);
        // --min-tokens leaves out short pages.
        var pending = DuckDb.Scalar<long>($"select pending_pages from {pdfDocs}");
        (code, stdout, _) = await CurateProcess.RunAsync(["export", outDir, "--to", _dir.File("pdf.jsonl"), "--kind", "pdf"], Env());
        Assert.Equal(0, code);
        Assert.Equal(pending > 0 ? 0 : 1, File.ReadLines(_dir.File("pdf.jsonl")).Count());
        (code, _, _) = await CurateProcess.RunAsync(["export", outDir, "--to", _dir.File("long.jsonl.gz"), "--min-tokens", "1000"], Env());
        Assert.Equal(0, code);
        await using (var gz = new System.IO.Compression.GZipStream(File.OpenRead(_dir.File("long.jsonl.gz")), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            var n = 0;
            while (await reader.ReadLineAsync() is { } line)
            {
                using var doc = JsonDocument.Parse(line);
                Assert.True(doc.RootElement.GetProperty("metadata").GetProperty("tokens").GetInt64() >= 1000);
                n++;
            }

            Assert.InRange(n, 1, ids.Count - 1);
        }

        // Provenance: manifest.json and each Parquet file (DuckDB's parquet_kv_metadata), never the API key.
        var manifestText = File.ReadAllText(Path.Combine(outDir, "manifest.json"));
        Assert.DoesNotContain("sk-secret-never-written-7f3a", manifestText, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(manifestText);
        var runs = manifest.RootElement.GetProperty("runs");
        Assert.Equal(2, runs.GetArrayLength());
        var last = runs[1];
        var commit = last.GetProperty("commit").GetString()!;
        Assert.Matches("^[0-9a-f]{40}$", commit);
        var model = Path.Combine(AppContext.BaseDirectory, "configs", "models", "hard_page_detector.onnx");
        var modelHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model)));
        Assert.Equal(modelHash, last.GetProperty("detector_model_sha256").GetString());
        Assert.Equal("o200k_base", last.GetProperty("tokenizer").GetString());
        Assert.Equal("page-markdown-v1", last.GetProperty("vlm_prompt_version").GetString());
        Assert.Equal("0", last.GetProperty("config").GetProperty("Judge:Offline:MinScience").GetString());
        Assert.False(last.GetProperty("config").TryGetProperty("Llm:ApiKey", out _));

        foreach (var table in new[] { "pdf_documents", "pdf_pages", "web_documents", "domain_decisions", "doc_signatures" })
        {
            var kv = DuckDb.Rows($"select decode(key), decode(value) from parquet_kv_metadata('{Path.Combine(outDir, table)}/*.parquet') where decode(key) like 'scicurate.%'")
                .GroupBy(r => (string)r[0]!).ToDictionary(g => g.Key, g => g.Select(r => (string)r[1]!).ToList(), StringComparer.Ordinal);
            Assert.True(kv.ContainsKey("scicurate.commit"), $"{table}: {string.Join(", ", kv.Keys)}");
            Assert.All(kv["scicurate.commit"], c => Assert.Equal(commit, c));
            Assert.All(kv["scicurate.detector_model_sha256"], h => Assert.Equal(modelHash, h));
            Assert.All(kv["scicurate.config"], c => Assert.DoesNotContain("sk-secret", c, StringComparison.Ordinal));
        }

        // curate stats sums tokens of kept documents.
        (code, stdout, stderr) = await CurateProcess.RunAsync(["stats", outDir, "--json"], Env());
        Assert.True(code == 0, stdout + stderr);
        var keptTokens = DuckDb.Scalar<long>($"select sum(tokens)::bigint from {web} where status in ('kept', 'rewritten')") + (pending > 0 ? 0 : (long)pdf["tokens"]!);
        using var stats = JsonDocument.Parse(stdout);
        var tokensTable = stats.RootElement.EnumerateArray().Single(t => t.GetProperty("section").GetString() == "corpus");
        Assert.Equal(keptTokens, tokensTable.GetProperty("values").GetProperty("science_tokens_kept").GetDouble());
        Assert.Equal(found + 1, (int)tokensTable.GetProperty("values").GetProperty("duplicates").GetDouble());
    }
}

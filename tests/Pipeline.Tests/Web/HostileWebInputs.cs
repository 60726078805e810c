using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace SciCurate.Pipeline.Tests.Web;

/// <summary>
/// A seeded generator of hostile web inputs (the C# side of bench/fuzz/gen.py, same kinds, small sizes): WARC length
/// lies (absurd, short, long), garbage before a record, HTTP gzip bombs, truncated last records and gzip members,
/// corrupt gzip members, HTTP garbage; JSONL lone surrogates, invalid UTF-8, huge lines, a gzip bomb line, non-JSON,
/// deep nesting. For each input it records what a perfect reader accounts for (<see cref="Expectation"/>), written as
/// expect.json in gen.py's format so one checker serves both.
/// </summary>
public static class HostileWebInputs
{
    public sealed record Expectation(string Kind, List<string> Good, int FailedAtLeast, bool Exact);

    public static readonly string[] WarcKinds = ["length-huge", "length-short", "length-long", "garbage-before", "http-gzip-bomb", "truncated-end", "http-garbage", "corrupt-member"];

    public static readonly string[] JsonlKinds = ["lone-surrogate", "invalid-utf8", "huge-line", "gzip-bomb-line", "not-json", "deep-json"];

    /// <summary>Writes <paramref name="perKind"/> inputs of each kind under <paramref name="dir"/>; bombs inflate to <paramref name="bombBytes"/>, huge lines are <paramref name="hugeBytes"/>.</summary>
    public static Dictionary<string, Expectation> Generate(string dir, int seed, int perKind, long bombBytes, int hugeBytes)
    {
        var rng = new Random(seed);
        var expect = new Dictionary<string, Expectation>(StringComparer.Ordinal);
        Directory.CreateDirectory(Path.Combine(dir, "warc"));
        Directory.CreateDirectory(Path.Combine(dir, "jsonl"));
        var i = 0;
        foreach (var kind in WarcKinds)
        {
            for (var k = 0; k < perKind; k++, i++)
            {
                var (path, e) = Warc(dir, rng, kind, i, bombBytes);
                expect[path] = e;
            }
        }

        foreach (var kind in JsonlKinds)
        {
            for (var k = 0; k < perKind; k++, i++)
            {
                var (path, e) = Jsonl(dir, rng, kind, i, bombBytes, hugeBytes);
                expect[path] = e;
            }
        }

        File.WriteAllText(Path.Combine(dir, "expect.json"), JsonSerializer.Serialize(expect.ToDictionary(p => p.Key, p => new
        {
            kind = p.Value.Kind,
            good = p.Value.Good,
            failed_at_least = p.Value.FailedAtLeast,
            exact = p.Value.Exact,
        })));
        return expect;
    }

    public static Dictionary<string, Expectation> Load(string expectJson)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(expectJson));
        var result = new Dictionary<string, Expectation>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            var v = p.Value;
            var kind = v.GetProperty("kind").GetString()!;
            var failed = v.GetProperty("failed_at_least").GetInt32();
            var exact = v.TryGetProperty("exact", out var x) ? x.GetBoolean() : kind != "corrupt-member";
            result[p.Name] = new Expectation(kind, [.. v.GetProperty("good").EnumerateArray().Select(u => u.GetString()!)], failed, exact);
        }

        return result;
    }

    private static byte[] Page(Random rng, string url)
    {
        string[] words = ["the", "protein", "folding", "energy", "model", "data", "sample", "cell", "theory", "results"];
        var text = string.Join(' ', Enumerable.Range(0, 120).Select(_ => words[rng.Next(words.Length)]));
        return Encoding.UTF8.GetBytes($"<!doctype html><html><head><title>{url}</title></head><body><article><h1>Study {url}</h1><p>{text}.</p><p>{text}.</p></article></body></html>");
    }

    private static byte[] Http(byte[] body, string extra = "") =>
        [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{extra}Content-Length: {body.Length}\r\n\r\n"), .. body];

    private static byte[] Record(string url, byte[] payload, string? length = null) =>
        [.. Encoding.ASCII.GetBytes($"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n" +
            $"Content-Type: application/http; msgtype=response\r\nContent-Length: {length ?? payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}\r\n\r\n"),
            .. payload, .. "\r\n\r\n"u8];

    public static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    /// <summary>A gzip member of <paramref name="n"/> copies of one byte, compressed as it streams.</summary>
    public static byte[] Bomb(long n, byte value)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            Array.Fill(block, value);
            for (long left = n; left > 0; left -= block.Length)
            {
                gz.Write(block, 0, (int)Math.Min(left, block.Length));
            }
        }

        return ms.ToArray();
    }

    private static (string, Expectation) Warc(string dir, Random rng, string kind, int i, long bombBytes)
    {
        var n = rng.Next(3, 10);
        var urls = Enumerable.Range(0, n).Select(j => $"https://fuzz{i}.example.org/{kind}/{j}").ToList();
        var records = urls.Select(u => Record(u, Http(Page(rng, u)))).ToList();
        var good = new List<string>(urls);
        var k = rng.Next(n);
        var bad = $"https://fuzz{i}.example.org/{kind}/bad";
        var failed = 1;
        var exact = true;
        var gzip = kind == "corrupt-member" || rng.Next(2) == 0;
        switch (kind)
        {
            case "length-huge":
                records.Insert(k, Record(bad, Http(Page(rng, bad)), ((string[])["99999999999", "9223372036854775807", "1000000000000000000000000000000", "-5", "abc"])[rng.Next(5)]));
                break;
            case "length-short":
                {
                    var body = Http(Page(rng, bad));
                    records.Insert(k, Record(bad, body, (body.Length - rng.Next(1, 200)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                }

            case "length-long":
                {
                    var body = Http(Page(rng, bad));
                    records.Insert(k, Record(bad, body, (body.Length + rng.Next(1, 5000)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                }

            case "garbage-before":
                {
                    var junk = new byte[rng.Next(1, 300)];
                    rng.NextBytes(junk);
                    junk = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(junk).Replace("WARC/1.", "XXXXXXX", StringComparison.Ordinal));
                    records[k] = [.. junk, .. records[k]];
                    break;
                }

            case "http-gzip-bomb":
                records.Insert(k, Record(bad, Http(Bomb(bombBytes, (byte)' '), "Content-Encoding: gzip\r\n")));
                break;
            case "truncated-end":
                records[^1] = records[^1][..rng.Next(10, records[^1].Length - 10)];
                good.Remove(urls[^1]);
                break;
            case "http-garbage":
                {
                    var junk = new byte[rng.Next(0, 400)];
                    rng.NextBytes(junk);
                    records.Insert(k, Record(bad, junk));
                    break;
                }

            default:
                // corrupt-member: a few bytes of one record's gzip member flipped; that record may survive or not.
                failed = 0;
                exact = false;
                break;
        }

        var path = Path.Combine(dir, "warc", $"{i:D5}-{kind}.warc{(gzip ? ".gz" : "")}");
        using (var file = File.Create(path))
        {
            for (var r = 0; r < records.Count; r++)
            {
                var bytes = gzip ? Gzip(records[r]) : records[r];
                if (kind == "corrupt-member" && r == k)
                {
                    for (var f = rng.Next(1, 8); f > 0; f--)
                    {
                        bytes[rng.Next(10, bytes.Length)] ^= (byte)(1 + rng.Next(255));
                    }

                    good.Remove(urls[k]);
                }

                if (kind == "truncated-end" && gzip && r == records.Count - 1)
                {
                    // A gzip member cut short, as a clipped download leaves it.
                    bytes = Gzip([.. records[r], .. new byte[64]])[..rng.Next(12, 40)];
                }

                file.Write(bytes);
            }
        }

        return (path, new Expectation(kind, good, failed, exact));
    }

    private static (string, Expectation) Jsonl(string dir, Random rng, string kind, int i, long bombBytes, int hugeBytes)
    {
        var n = rng.Next(2, 8);
        var lines = Enumerable.Range(0, n).Select(j => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { url = $"https://j{i}.example.org/{j}", html = Encoding.UTF8.GetString(Page(rng, $"j{i}-{j}")) }))).ToList();
        var good = Enumerable.Range(0, n).Select(j => $"https://j{i}.example.org/{j}").ToList();
        var k = rng.Next(n + 1);
        var failed = 1;
        var name = $"{i:D5}-{kind}.jsonl";
        switch (kind)
        {
            case "lone-surrogate":
                lines.Insert(k, Encoding.UTF8.GetBytes($"{{\"url\": \"https://j{i}.example.org/s\", \"html\": \"<p>a \\ud800 b \\udc00 c \\\\ud800 d</p>\"}}"));
                good.Add($"https://j{i}.example.org/s");
                failed = 0;
                break;
            case "invalid-utf8":
                lines.Insert(k, [.. Encoding.UTF8.GetBytes($"{{\"url\": \"https://j{i}.example.org/u\", \"html\": \"<p>caf"), 0xE9, 0x20, 0xFF, 0xFE, .. "</p>\"}"u8]);
                good.Add($"https://j{i}.example.org/u");
                failed = 0;
                break;
            case "huge-line":
                lines.Insert(k, [.. Encoding.UTF8.GetBytes($"{{\"url\": \"https://j{i}.example.org/h\", \"html\": \""), .. Enumerable.Repeat((byte)'a', hugeBytes), .. "\"}"u8]);
                break;
            case "not-json":
                {
                    var junk = new byte[rng.Next(1, 200)];
                    rng.NextBytes(junk);
                    lines.Insert(k, [.. junk.Select(b => b == '\n' ? (byte)' ' : b)]);
                    break;
                }

            case "deep-json":
                {
                    var depth = rng.Next(70, 100_000);
                    lines.Insert(k, [.. Encoding.UTF8.GetBytes($"{{\"url\": \"https://j{i}.example.org/d\", \"html\": "), .. Enumerable.Repeat((byte)'[', depth), .. Enumerable.Repeat((byte)']', depth), .. "}"u8]);
                    break;
                }

            default:
                name += ".gz";
                break;
        }

        var path = Path.Combine(dir, "jsonl", name);
        using (var file = File.Create(path))
        {
            if (kind == "gzip-bomb-line")
            {
                // Lines before, one line of bombBytes 'a's with no newline, then the rest: each a gzip member.
                file.Write(Gzip([.. lines.Take(k).SelectMany(l => (byte[])[.. l, (byte)'\n'])]));
                file.Write(Bomb(bombBytes, (byte)'a'));
                file.Write(Gzip([(byte)'\n', .. lines.Skip(k).SelectMany(l => (byte[])[.. l, (byte)'\n'])]));
            }
            else
            {
                foreach (var l in lines)
                {
                    file.Write(l);
                    file.WriteByte((byte)'\n');
                }
            }
        }

        return (path, new Expectation(kind, good, failed, true));
    }

    /// <summary>
    /// Checks an output against the expectations, input by input: every good URL is a row that is not failed, no good
    /// URL is failed, at least the expected failed rows exist, and where the count is exact, the rows are exactly the
    /// good records plus the failed ones. Returns one line per input that does not hold (empty: all hold).
    /// </summary>
    public static List<string> Check(Dictionary<string, Expectation> expect, string outDir)
    {
        var rows = DuckDb.Records($"select url, status, error, source from read_parquet('{outDir}/web_documents/*.parquet')");
        var bySource = rows.GroupBy(r => SourceFile((string)r["source"]!)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (path, e) in expect)
        {
            var mine = bySource.GetValueOrDefault(path) ?? [];
            var failedRows = mine.Where(r => (string)r["status"]! == "failed").ToList();
            var okUrls = mine.Where(r => (string)r["status"]! != "failed").Select(r => (string)r["url"]!).ToHashSet(StringComparer.Ordinal);
            var missing = e.Good.Where(u => !okUrls.Contains(u)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{path} ({e.Kind}): good records missing or failed: {string.Join(", ", missing)}; failed rows: {string.Join(" | ", failedRows.Select(r => r["error"]))}");
            }

            if (failedRows.Count < e.FailedAtLeast)
            {
                problems.Add($"{path} ({e.Kind}): {failedRows.Count} failed rows, expected at least {e.FailedAtLeast}");
            }

            if (e.Exact && mine.Count != e.Good.Count + e.FailedAtLeast)
            {
                problems.Add($"{path} ({e.Kind}): {mine.Count} rows, a perfect reader accounts for {e.Good.Count} good + {e.FailedAtLeast} failed: " +
                    string.Join(" | ", mine.Select(r => $"{r["status"]} {r["url"]} {r["error"]}")));
            }
        }

        return problems;
    }

    /// <summary>The bench report: records accounted, outcomes by reason (both tables), the slowest records and documents.</summary>
    public static List<string> Report(string outDir, Dictionary<string, Expectation> expect, List<string> problems)
    {
        var lines = new List<string>
        {
            $"record accounting: {expect.Count} WARC/JSONL inputs, {expect.Values.Sum(e => e.Good.Count)} good records expected ok, " +
                $"{expect.Values.Sum(e => e.FailedAtLeast)} hostile records expected failed; inputs not as a perfect reader accounts: {problems.Count}",
            "web outcomes by reason:",
        };
        var web = $"read_parquet('{outDir}/web_documents/*.parquet')";
        foreach (var r in DuckDb.Rows($"select status, coalesce(split_part(error, ':', 1), '') as reason, count(*) as n from {web} group by all order by n desc"))
        {
            lines.Add($"  {r[2],7} {r[0]} {r[1]}");
        }

        lines.Add("slowest web records (extract_ms):");
        foreach (var r in DuckDb.Rows($"select extract_ms, source, status, coalesce(left(error, 80), '') from {web} order by extract_ms desc limit 3"))
        {
            lines.Add($"  {r[0]:F0} ms {r[1]} {r[2]} {r[3]}");
        }

        if (Directory.Exists(Path.Combine(outDir, "pdf_documents")))
        {
            var pdf = $"read_parquet('{outDir}/pdf_documents/*.parquet')";
            lines.Add("pdf outcomes by reason:");
            foreach (var r in DuckDb.Rows($"select status, coalesce(split_part(error, ':', 1), '') as reason, count(*) as n from {pdf} group by all order by n desc"))
            {
                lines.Add($"  {r[2],7} {r[0]} {r[1]}");
            }

            lines.Add("slowest pdf documents (parse_ms):");
            foreach (var r in DuckDb.Rows($"select parse_ms, source_path, status from {pdf} order by parse_ms desc limit 3"))
            {
                lines.Add($"  {r[0]:F0} ms {r[1]} {r[2]}");
            }
        }

        lines.AddRange(problems.Select(p => "NOT ACCOUNTED: " + p));
        return lines;
    }

    /// <summary>The input file of a row's source (path@offset, path:line or path).</summary>
    private static string SourceFile(string source)
    {
        var at = source.LastIndexOf('@');
        if (at > 0)
        {
            return source[..at];
        }

        var colon = source.LastIndexOf(':');
        return colon > 0 && source[(colon + 1)..].All(char.IsAsciiDigit) ? source[..colon] : source;
    }
}

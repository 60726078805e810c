using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SciCurate.DomainFilter.Web.Extraction;
using SciCurate.DomainFilter.Web.Intake;
using SciCurate.DomainFilter.Web.Quality;

// decode OUT.tsv ROOT...      one line per page: key, charset, mojibake markers, text length, text hash
// lang PAGES.json LANG.tsv    identify the language of each page's extracted text; TSV id, expected, got, confidence
// langhtml [--skip DIR] ROOT... extract each HTML page and identify; TSV file, declared (<html lang>), got, confidence
// speed PAGES.json N          identification throughput over the pages' texts, fastest of N passes
var mode = args[0];
var invariant = CultureInfo.InvariantCulture;
switch (mode)
{
    case "decode":
    {
        using var output = new StreamWriter(args[1]);
        output.WriteLine("key\tcharset\tmojibake\tlatin_pairs\tfffd\tchars\thash");
        foreach (var root in args.Skip(2))
        {
            foreach (var (key, body, contentType) in Pages(root))
            {
                var (text, charset) = CharsetDecoder.Decode(body, contentType);
                output.WriteLine(string.Join('\t', key, charset, Count(text, "â€"), LatinPairs(text), Count(text, "\uFFFD"), text.Length.ToString(invariant),
                    Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12]));
            }
        }

        break;
    }

    case "lang":
    {
        var languages = new StopwordLanguageIdentifier();
        var expected = File.ReadLines(args[2]).Select(l => l.Split('\t')).ToDictionary(f => f[0], f => f[4]);
        using var json = JsonDocument.Parse(File.ReadAllBytes(args[1]));
        foreach (var page in json.RootElement.EnumerateArray())
        {
            var id = page.GetProperty("id").GetString()!;
            var guess = languages.Identify(page.GetProperty("text").GetString() ?? "");
            Console.WriteLine(string.Join('\t', id, expected.GetValueOrDefault(id, "?"), guess.Language, guess.Confidence.ToString(invariant)));
        }

        break;
    }

    case "langhtml":
    {
        var skip = new HashSet<string>(StringComparer.Ordinal);
        var roots = args.Skip(1).ToList();
        if (roots[0] == "--skip")
        {
            foreach (var (_, body, _) in Pages(roots[1]))
            {
                skip.Add(Convert.ToHexString(SHA256.HashData(body)));
            }

            roots = roots.Skip(2).ToList();
        }

        var languages = new StopwordLanguageIdentifier();
        var extractor = new DensityContentExtractor();
        foreach (var root in roots)
        {
            foreach (var (key, body, contentType) in Pages(root))
            {
                if (skip.Contains(Convert.ToHexString(SHA256.HashData(body))))
                {
                    continue;
                }

                var content = extractor.Extract(CharsetDecoder.Decode(body, contentType).Text, null);
                var guess = languages.Identify(content.Text);
                Console.WriteLine(string.Join('\t', key, content.DeclaredLanguage ?? "-", guess.Language, guess.Confidence.ToString(invariant), content.Text.Length.ToString(invariant)));
            }
        }

        break;
    }

    case "speed":
    {
        var languages = new StopwordLanguageIdentifier();
        using var json = JsonDocument.Parse(File.ReadAllBytes(args[1]));
        var texts = json.RootElement.EnumerateArray().Select(p => p.GetProperty("text").GetString() ?? "").ToList();
        var best = double.MaxValue;
        for (var pass = 0; pass < int.Parse(args[2], invariant); pass++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var t in texts)
            {
                languages.Identify(t);
            }

            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(invariant, $"{texts.Count} texts ({texts.Sum(t => (long)t.Length)} chars): fastest pass {best:F1} ms, {best / texts.Count:F3} ms a text"));
        break;
    }

    default:
        Console.Error.WriteLine("modes: decode, lang, langhtml, speed");
        return 2;
}

return 0;

static int Count(string text, string what)
{
    var n = 0;
    for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
    {
        n++;
    }

    return n;
}

// "Ã" or "Â" followed by a character of U+0080…U+00BF or a windows-1252 punctuation mark: UTF-8 read as Latin-1.
static int LatinPairs(string text)
{
    var n = 0;
    for (var i = 0; i + 1 < text.Length; i++)
    {
        if (text[i] is 'Ã' or 'Â' && (text[i + 1] is >= '\u0080' and <= '\u00BF' || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".Contains(text[i + 1], StringComparison.Ordinal)))
        {
            n++;
        }
    }

    return n;
}

static IEnumerable<(string Key, byte[] Body, string? ContentType)> Pages(string root)
{
    var files = Directory.Exists(root)
        ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        : (IEnumerable<string>)[root];
    foreach (var file in files)
    {
        if (file.EndsWith(".warc.gz", StringComparison.Ordinal) || file.EndsWith(".warc", StringComparison.Ordinal))
        {
            foreach (var page in new WarcReader().Read(file, new ReadCounts()))
            {
                if (page.Body is { } b)
                {
                    yield return (page.Source, b, page.ContentType);
                }
            }
        }
        else if (file.EndsWith(".html.gz", StringComparison.Ordinal))
        {
            using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            yield return (file, ms.ToArray(), null);
        }
        else if (file.EndsWith(".html", StringComparison.Ordinal) || file.EndsWith(".htm", StringComparison.Ordinal))
        {
            yield return (file, File.ReadAllBytes(file), null);
        }
    }
}

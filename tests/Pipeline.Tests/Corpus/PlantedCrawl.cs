using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Corpus;

/// <summary>
/// A crawl built from the 88 real benchmark article pages, with copies planted on other domains: near copies with a
/// few percent of their words changed (in the HTML's text, so extraction runs on them as on any page) and exact copies.
/// </summary>
public static partial class PlantedCrawl
{
    public sealed record Page(int Index, string Url, string Html);

    public static IReadOnlyList<Page> BenchmarkPages()
    {
        // All 88 pages live in the shared data folder beside the repository (as bench/web/run.sh finds them); the
        // repository carries only 4.
        var benchmark = TestData.Shared("data", "web", "article-extraction-benchmark");
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(benchmark, "ground-truth.json")));
        var pages = new List<Page>();
        foreach (var file in Directory.GetFiles(Path.Combine(benchmark, "html"), "*.html.gz").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(file)[..^".html.gz".Length];
            using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var reader = new StreamReader(gz, Encoding.UTF8);
            pages.Add(new Page(pages.Count, truth.RootElement.GetProperty(id).GetProperty("url").GetString()!, reader.ReadToEnd()));
        }

        return pages;
    }

    /// <summary>The page's HTML with <paramref name="share"/> of the words in its text nodes replaced by made-up words.</summary>
    public static string ChangeWords(string html, double share, int seed)
    {
        var random = new Random(seed);
        return TextNode().Replace(html, m =>
        {
            var words = m.Groups[1].Value.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                if (words[i].Length > 0 && char.IsLetter(words[i][0]) && random.NextDouble() < share)
                {
                    words[i] = "zq" + random.Next(100_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return ">" + string.Join(' ', words) + "<";
        });
    }

    /// <summary>An article page holding a text (paragraphs split at blank lines), as a mirror site would publish a paper.</summary>
    public static string AsHtml(string title, string text)
    {
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => "<p>" + WebUtility.HtmlEncode(p.TrimStart('#', ' ')) + "</p>");
        return $"<html><head><title>{WebUtility.HtmlEncode(title)}</title></head><body><nav>Home | Papers | About</nav><article><h1>{WebUtility.HtmlEncode(title)}</h1>"
            + string.Concat(paragraphs) + "</article><footer>Mirror of open-access papers</footer></body></html>";
    }

    public static string Line(string url, string html) => new JsonObject { ["url"] = url, ["html"] = html }.ToJsonString();

    [GeneratedRegex(">([^<>]+)<")]
    private static partial Regex TextNode();
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Reads a page's own statements about itself: Open Graph and other meta tags, JSON-LD (following @graph), the
/// first h1 and the title element, html lang; and, for pages whose markup holds no text, the prose inside their
/// JSON data scripts (Next.js and Nuxt page state).
/// </summary>
internal sealed partial class HeadMetadataReader : IPageMetadataReader
{
    public PageMetadata Read(IDocument document, DeclaredElements declared)
    {
        var jsonLd = ReadJsonLd(declared.JsonLdScripts);
        var metas = declared.Metas.ToArray();
        return new PageMetadata
        {
            Title = ReadTitle(document, metas, jsonLd),
            Language = ReadLanguage(document, metas),
            Published = ReadPublished(metas, jsonLd, declared.DatePublished, declared.TimesWithDatetime),
            StatedBody = JsonString(jsonLd, "articleBody"),
        };
    }

    /// <summary>A cut description is taken for an excerpt from this length: a tagline is shorter.</summary>
    private const int MinExcerptChars = 150;

    /// <summary>
    /// The longest description (meta, Open Graph, Twitter) that ends in an ellipsis, without the cut-off word. Forum and blog software fill the
    /// description with the opening of the post cut at a length; a written summary ends in a full stop.
    /// </summary>
    public string? ReadExcerpt(IDocument document)
    {
        string? best = null;
        var metas = MetaElements(document);
        foreach (var name in (string[])["description", "og:description", "twitter:description"])
        {
            var raw = Meta(metas, name);
            if (raw is null || raw.Length > MaxExcerptSourceChars)
            {
                continue;
            }

            var text = PlainText.Collapse(WebUtility.HtmlDecode(raw));
            var cut = text.EndsWith('…') ? text.Length - 1 : text.EndsWith("...", StringComparison.Ordinal) ? text.Length - 3 : -1;
            if (cut < MinExcerptChars)
            {
                continue;
            }

            // The word before the ellipsis is usually cut in half: end at the last whole word.
            var lastSpace = text.LastIndexOf(' ', cut - 1);
            text = text[..(lastSpace > 0 ? lastSpace : cut)].TrimEnd(' ', ',', ';', ':');
            if (best is null || text.Length > best.Length)
            {
                best = text;
            }
        }

        return best;
    }

    private const int MaxExcerptSourceChars = 20_000;

    /// <summary>A data script larger than this is not read for prose.</summary>
    private const int MaxDataScriptChars = 4_000_000;

    /// <summary>A string in a data script is taken for prose from this length, with at least <see cref="MinProseSpaces"/> spaces.</summary>
    private const int MinProseChars = 80;

    private const int MinProseSpaces = 8;

    public IReadOnlyList<string> ReadScriptProse(IDocument document, ExtractionBudget budget)
    {
        var prose = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var script in document.QuerySelectorAll("script"))
        {
            budget.Tick();
            var type = script.GetAttribute("type");
            var json = script.TextContent;
            if (type is null || !type.Contains("json", StringComparison.OrdinalIgnoreCase) || json.Length > MaxDataScriptChars)
            {
                continue;
            }

            try
            {
                using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 64 });
                Walk(parsed.RootElement, prose, seen, budget);
            }
            catch (JsonException)
            {
            }
        }

        return prose;

        static void Walk(JsonElement e, List<string> prose, HashSet<string> seen, ExtractionBudget budget)
        {
            budget.Tick();
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        Walk(p.Value, prose, seen, budget);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var x in e.EnumerateArray())
                    {
                        Walk(x, prose, seen, budget);
                    }

                    break;
                case JsonValueKind.String:
                    var raw = e.GetString()!;
                    if (raw.Length < MinProseChars)
                    {
                        break;
                    }

                    // Rich-text fields carry their own markup: keep its text.
                    var text = PlainText.Collapse(WebUtility.HtmlDecode(raw.Contains('<', StringComparison.Ordinal) ? Markup().Replace(raw, " ") : raw));
                    if (IsProse(text) && seen.Add(text))
                    {
                        prose.Add(text);
                    }

                    break;
            }
        }
    }

    /// <summary>Sentences, not identifiers, URLs or encoded data: long enough, spaced like words, mostly letters.</summary>
    private static bool IsProse(string text)
    {
        if (text.Length < MinProseChars || text.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        int spaces = 0, letters = 0;
        foreach (var c in text)
        {
            spaces += c == ' ' ? 1 : 0;
            letters += char.IsLetter(c) ? 1 : 0;
        }

        return spaces >= MinProseSpaces && letters > text.Length * 0.6 && text.Length / (spaces + 1) < 20;
    }

    [GeneratedRegex("<[^>]{0,2000}>")]
    private static partial Regex Markup();

    private static List<JsonElement> ReadJsonLd(List<IElement> scripts)
    {
        var items = new List<JsonElement>();
        foreach (var script in scripts)
        {
            var json = script.TextContent;
            if (json.Length > 2_000_000)
            {
                continue;
            }

            try
            {
                using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 64 });
                Collect(parsed.RootElement.Clone(), items, 0);
            }
            catch (JsonException)
            {
            }
        }

        return items;

        static void Collect(JsonElement e, List<JsonElement> items, int depth)
        {
            if (depth > 4)
            {
                return;
            }

            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var x in e.EnumerateArray())
                {
                    Collect(x, items, depth + 1);
                }
            }
            else if (e.ValueKind == JsonValueKind.Object)
            {
                items.Add(e);
                if (e.TryGetProperty("@graph", out var graph))
                {
                    Collect(graph, items, depth + 1);
                }
            }
        }
    }

    private static string? JsonString(List<JsonElement> items, string property)
    {
        foreach (var item in items)
        {
            if (item.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
            {
                return v.GetString();
            }
        }

        return null;
    }

    /// <summary>
    /// The page's meta elements in document order, found in one walk: a query per name walked the whole tree each
    /// time (a page without a publication date tried twelve names), about a tenth of extraction's CPU.
    /// </summary>
    private static IElement[] MetaElements(IDocument document) => [.. document.QuerySelectorAll("meta")];

    /// <summary>For the first name that some meta element carries (as property, name or itemprop), that element's content.</summary>
    private static string? Meta(IElement[] metas, params string[] names)
    {
        foreach (var name in names)
        {
            // The first element in document order that `meta[property='n'],meta[name='n'],meta[itemprop='n']` matches.
            var e = Array.Find(metas, m => string.Equals(m.GetAttribute("property"), name, StringComparison.Ordinal)
                || string.Equals(m.GetAttribute("name"), name, StringComparison.Ordinal)
                || string.Equals(m.GetAttribute("itemprop"), name, StringComparison.Ordinal));
            var content = e?.GetAttribute("content");
            if (!string.IsNullOrWhiteSpace(content))
            {
                return content.Trim();
            }
        }

        return null;
    }

    private static string? ReadTitle(IDocument document, IElement[] metas, List<JsonElement> jsonLd)
    {
        var title = Meta(metas, "og:title", "twitter:title") ?? JsonString(jsonLd, "headline");
        if (string.IsNullOrWhiteSpace(title))
        {
            title = document.QuerySelector("h1")?.TextContent;
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            title = document.Title;
        }

        return string.IsNullOrWhiteSpace(title) ? null : PlainText.Collapse(title);
    }

    private static string? ReadLanguage(IDocument document, IElement[] metas)
    {
        var lang = document.DocumentElement?.GetAttribute("lang")
            ?? document.DocumentElement?.GetAttribute("xml:lang")
            ?? document.QuerySelector("meta[http-equiv='content-language' i]")?.GetAttribute("content")
            ?? Meta(metas, "og:locale", "language", "dc.language");
        if (string.IsNullOrWhiteSpace(lang))
        {
            return null;
        }

        var primary = lang.Trim().Split('-', '_', ',', ' ')[0].ToLowerInvariant();
        return primary.Length is >= 2 and <= 3 && primary.All(char.IsAsciiLetter) && primary != "utf" ? primary : null;
    }

    private static DateTimeOffset? ReadPublished(IElement[] metas, List<JsonElement> jsonLd, List<IElement> itemDates, List<IElement> times)
    {
        var raw = Meta(metas, "article:published_time", "og:published_time", "datePublished", "publishdate", "pubdate", "publish-date",
                      "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date")
                  ?? JsonString(jsonLd, "datePublished")
                  ?? itemDates.FirstOrDefault()?.GetAttribute("datetime")
                  ?? times.FirstOrDefault()?.GetAttribute("datetime");
        if (raw is not null && DateTimeOffset.TryParse(raw.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            && date.Year is > 1990 and < 2100)
        {
            return date;
        }

        return null;
    }
}

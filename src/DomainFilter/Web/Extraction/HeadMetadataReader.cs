using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>
/// Reads a page's own statements about itself: Open Graph and other meta tags, JSON-LD (following @graph), the
/// first h1 and the title element, html lang.
/// </summary>
internal sealed class HeadMetadataReader : IPageMetadataReader
{
    public PageMetadata Read(IDocument document)
    {
        var jsonLd = ReadJsonLd(document);
        return new PageMetadata
        {
            Title = ReadTitle(document, jsonLd),
            Language = ReadLanguage(document),
            Published = ReadPublished(document, jsonLd),
            StatedBody = JsonString(jsonLd, "articleBody"),
        };
    }

    private static List<JsonElement> ReadJsonLd(IDocument document)
    {
        var items = new List<JsonElement>();
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
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

    private static string? Meta(IDocument document, params string[] names)
    {
        foreach (var name in names)
        {
            var e = document.QuerySelector($"meta[property='{name}'],meta[name='{name}'],meta[itemprop='{name}']");
            var content = e?.GetAttribute("content");
            if (!string.IsNullOrWhiteSpace(content))
            {
                return content.Trim();
            }
        }

        return null;
    }

    private static string? ReadTitle(IDocument document, List<JsonElement> jsonLd)
    {
        var title = Meta(document, "og:title", "twitter:title") ?? JsonString(jsonLd, "headline");
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

    private static string? ReadLanguage(IDocument document)
    {
        var lang = document.DocumentElement?.GetAttribute("lang")
            ?? document.DocumentElement?.GetAttribute("xml:lang")
            ?? document.QuerySelector("meta[http-equiv='content-language' i]")?.GetAttribute("content")
            ?? Meta(document, "og:locale", "language", "dc.language");
        if (string.IsNullOrWhiteSpace(lang))
        {
            return null;
        }

        var primary = lang.Trim().Split('-', '_', ',', ' ')[0].ToLowerInvariant();
        return primary.Length is >= 2 and <= 3 && primary.All(char.IsAsciiLetter) && primary != "utf" ? primary : null;
    }

    private static DateTimeOffset? ReadPublished(IDocument document, List<JsonElement> jsonLd)
    {
        var raw = Meta(document, "article:published_time", "og:published_time", "datePublished", "publishdate", "pubdate", "publish-date",
                      "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date")
                  ?? JsonString(jsonLd, "datePublished")
                  ?? document.QuerySelector("[itemprop='datePublished']")?.GetAttribute("datetime")
                  ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        if (raw is not null && DateTimeOffset.TryParse(raw.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            && date.Year is > 1990 and < 2100)
        {
            return date;
        }

        return null;
    }
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SciCurate.DomainFilter.Judge.Science.Training;
using SciCurate.Parsers.Pdf;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Cli;

/// <summary>
/// Extra science text for `curate judge train --science`: PDFs (parsed by the project's own cheap parser, as
/// `curate parse` prints them), CNXML modules (OpenStax textbooks: tags and MathML removed) and plain text or
/// Markdown files. Each file gives up to a few chunks of about a page's length, cut at paragraph ends, so a long
/// paper does not outweigh a short one.
/// </summary>
public static partial class ScienceTextCorpus
{
    public static List<ExtraScienceText> Load(IEnumerable<string> paths, CurateConfig config, int chunkChars, int chunksPerFile, TextWriter log)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".pdf" or ".cnxml" or ".txt" or ".md")
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"science text not found: {path}", path);
            }
        }

        var texts = new List<ExtraScienceText>();
        using var loggers = Composition.CreateLoggers(Microsoft.Extensions.Logging.LogLevel.Error);
        PageProcessor? processor = null;
        try
        {
            foreach (var file in files)
            {
                string? title = null;
                string text;
                switch (Path.GetExtension(file).ToLowerInvariant())
                {
                    case ".pdf":
                        processor ??= new Composition(config, loggers).CreatePageProcessor();
                        var response = processor.Process(new ChunkRequest(1, Path.GetFullPath(file), 1, config.Pdf.MaxPages), config.Pdf.MaxPages);
                        if (response.Error is not null)
                        {
                            log.WriteLine($"  skipped {file}: {response.Error}");
                            continue;
                        }

                        text = string.Join("\n\n", DocumentAssembler.Assemble([.. response.Pages.Select(p => new PageContent(p.PageNo, p.Height, p.Blocks))]).PageMarkdown);
                        break;
                    case ".cnxml":
                        var xml = File.ReadAllText(file);
                        var t = TitlePattern().Match(xml);
                        title = t.Success ? WebUtility.HtmlDecode(t.Groups[1].Value).Trim() : null;
                        text = WebUtility.HtmlDecode(TagPattern().Replace(MathOrMetadataPattern().Replace(xml, " "), m => m.Value.StartsWith("</p", StringComparison.Ordinal) || m.Value.StartsWith("</title", StringComparison.Ordinal) ? "\n\n" : " "));
                        text = SpacePattern().Replace(text, " ");
                        break;
                    default:
                        text = File.ReadAllText(file);
                        break;
                }

                foreach (var chunk in Chunks(text, chunkChars).Take(chunksPerFile))
                {
                    texts.Add(new ExtraScienceText(file, title, chunk));
                }
            }
        }
        finally
        {
            processor?.Dispose();
        }

        log.WriteLine($"science text: {texts.Count} chunks from {files.Count} files");
        return texts;
    }

    /// <summary>Paragraph-aligned pieces of at most <paramref name="chars"/> characters with at least 500 letters.</summary>
    private static IEnumerable<string> Chunks(string text, int chars)
    {
        var current = new StringBuilder();
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (current.Length > 0 && current.Length + paragraph.Length > chars)
            {
                if (Letters(current) >= 500)
                {
                    yield return current.ToString();
                }

                current.Clear();
            }

            current.Append(paragraph.Length > chars ? paragraph[..chars] : paragraph).Append("\n\n");
        }

        if (Letters(current) >= 500)
        {
            yield return current.ToString();
        }
    }

    private static int Letters(StringBuilder s)
    {
        var n = 0;
        foreach (var chunk in s.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                n += char.IsLetter(c) ? 1 : 0;
            }
        }

        return n;
    }

    [GeneratedRegex(@"<title>([^<]*)</title>")]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"<(m:)?math[\s>][\s\S]*?</(m:)?math>|<metadata[\s\S]*?</metadata>")]
    private static partial Regex MathOrMetadataPattern();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"[ \t\r]+")]
    private static partial Regex SpacePattern();
}

using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using SciCurate.DomainFilter.Web;

namespace SciCurate.DomainFilter.Judge;

/// <summary>Options of <see cref="LlmPageRewriter"/> (config section "Judge").</summary>
public sealed class LlmPageRewriterOptions
{
    public string Model { get; set; } = "";

    /// <summary>A page is rewritten in chunks of at most this many characters (split at paragraphs), one call each.</summary>
    public int ChunkChars { get; set; } = 6000;

    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>
    /// A rewrite must keep at least this share of the numbers of its source (when the source has 5 or more);
    /// otherwise the page fails rather than silently losing data.
    /// </summary>
    public double MinNumberRecall { get; set; } = 0.6;
}

/// <summary>
/// Rewrites a page of a <c>rewrite</c> domain into clean prose with an LLM, chunk by chunk, keeping facts, formulas
/// and numbers. A rewrite that was cut off (finish reason length), came back empty, or lost too many of the source's
/// numbers is an error: the page becomes <c>failed</c> with that reason instead of carrying a damaged text.
/// </summary>
public sealed partial class LlmPageRewriter(IChatClient client, LlmPageRewriterOptions options) : IPageRewriter
{
    internal const string SystemPrompt = """
        You rewrite text extracted from a scientific web page into clean, well-formed prose for a corpus used to
        pretrain language models. Keep every fact, number, unit, name, date, formula and citation of the source.
        Write formulas in LaTeX ($...$ inline, $$...$$ for display). Remove navigation, menus, advertisements, cookie
        notices, share buttons and other text that is not part of the content. Do not add facts, opinions,
        summaries or commentary, and do not mention that the text was rewritten. Answer with the rewritten text only.
        """;

    public string Name => options.Model;

    public async Task<RewriteResult> RewriteAsync(WebDocument page, CancellationToken ct)
    {
        var source = string.IsNullOrWhiteSpace(page.Text) ? page.Markdown : page.Text;
        if (string.IsNullOrWhiteSpace(source))
        {
            return new RewriteResult(null, "nothing to rewrite: empty text", 0, 0, 0);
        }

        var chatOptions = new ChatOptions { Temperature = 0, MaxOutputTokens = options.MaxOutputTokens };
        var output = new StringBuilder();
        int calls = 0;
        long prompt = 0, completion = 0;
        foreach (var chunk in Chunks(source, options.ChunkChars))
        {
            ChatResponse response;
            try
            {
                calls++;
                response = await client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, $"Title: {page.Title}\nURL: {page.Url}\n\n{chunk}")],
                    chatOptions, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                return new RewriteResult(null, $"rewrite call failed: {e.GetType().Name}: {Shorten(e.Message)}", calls, prompt, completion);
            }

            prompt += response.Usage?.InputTokenCount ?? 0;
            completion += response.Usage?.OutputTokenCount ?? 0;
            if (response.FinishReason == ChatFinishReason.Length)
            {
                return new RewriteResult(null, "rewrite cut off at the output token limit", calls, prompt, completion);
            }

            var text = response.Text?.Trim() ?? "";
            if (text.Length == 0)
            {
                return new RewriteResult(null, "rewrite came back empty", calls, prompt, completion);
            }

            if (output.Length > 0)
            {
                output.Append("\n\n");
            }

            output.Append(text);
        }

        var rewritten = output.ToString();
        var recall = NumberRecall(source, rewritten, out var sourceNumbers);
        if (sourceNumbers >= 5 && recall < options.MinNumberRecall)
        {
            var kept = (int)Math.Round(recall * sourceNumbers);
            return new RewriteResult(null, $"rewrite lost numbers: kept {kept} of the source's {sourceNumbers} distinct numbers", calls, prompt, completion);
        }

        return new RewriteResult(rewritten, null, calls, prompt, completion);
    }

    /// <summary>Splits at blank lines (then lines, then hard) into pieces of at most <paramref name="max"/> characters.</summary>
    internal static IEnumerable<string> Chunks(string text, int max)
    {
        var current = new StringBuilder();
        foreach (var paragraph in text.Split("\n\n"))
        {
            var pieces = paragraph.Length <= max ? [paragraph] : HardSplit(paragraph, max);
            foreach (var piece in pieces)
            {
                if (current.Length > 0 && current.Length + piece.Length + 2 > max)
                {
                    yield return current.ToString();
                    current.Clear();
                }

                if (current.Length > 0)
                {
                    current.Append("\n\n");
                }

                current.Append(piece);
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static IEnumerable<string> HardSplit(string text, int max)
    {
        for (var i = 0; i < text.Length; i += max)
        {
            yield return text.Substring(i, Math.Min(max, text.Length - i));
        }
    }

    /// <summary>Share of the distinct numbers of the source that occur in the rewrite.</summary>
    internal static double NumberRecall(string source, string rewrite, out int sourceNumbers)
    {
        var want = NumberPattern().Matches(source).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        sourceNumbers = want.Count;
        if (want.Count == 0)
        {
            return 1;
        }

        var have = NumberPattern().Matches(rewrite).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        return want.Count(have.Contains) / (double)want.Count;
    }

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "…";

    [GeneratedRegex(@"\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}

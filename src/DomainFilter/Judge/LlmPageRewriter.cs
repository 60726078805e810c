using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using SciCurate.DomainFilter.Web;

namespace SciCurate.DomainFilter.Judge;

/// <summary>Options of <see cref="LlmPageRewriter"/> (config section "Judge").</summary>
public sealed class LlmPageRewriterOptions
{
    public string Model { get; set; } = "";

    /// <summary>A page is rewritten in chunks of at most this many characters (split at paragraphs), one call each.</summary>
    [ConfigurationKeyName("RewriteChunkChars")]
    public int ChunkChars { get; set; } = 6000;

    /// <summary>Upper bound on the tokens of one rewritten chunk; an answer cut off at it fails the page.</summary>
    [ConfigurationKeyName("RewriteMaxOutputTokens")]
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>
    /// A rewrite must keep at least this share of the numbers of its source (when the source has 5 or more);
    /// otherwise the page fails rather than silently losing data.
    /// </summary>
    [ConfigurationKeyName("RewriteMinNumberRecall")]
    public double MinNumberRecall { get; set; } = 0.6;

    /// <summary>Bound from the judge's section (Judge:RewriteChunkChars, Judge:RewriteMaxOutputTokens, Judge:RewriteMinNumberRecall).</summary>
    public IEnumerable<string> Validate(string section)
    {
        if (ChunkChars < 500)
        {
            yield return $"{section}:RewriteChunkChars must be at least 500";
        }

        if (MaxOutputTokens < 100)
        {
            yield return $"{section}:RewriteMaxOutputTokens must be at least 100";
        }

        if (MinNumberRecall is < 0 or > 1)
        {
            yield return $"{section}:RewriteMinNumberRecall must lie in [0, 1]";
        }
    }
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
                // The client middleware marks endpoint faults under this key (ResilientChatClient.EndpointFaultKey).
                return new RewriteResult(null, $"rewrite call failed: {e.GetType().Name}: {Shorten(e.Message)}", calls, prompt, completion)
                {
                    EndpointFault = e.Data.Contains("SciCurate.EndpointFault"),
                };
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

            if (JsonDebris(text) is { } why)
            {
                return new RewriteResult(null, $"rewrite rejected: {why}", calls, prompt, completion);
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

        if (ImplausibleLength(source, rewritten) is { } reason)
        {
            return new RewriteResult(null, $"rewrite rejected: {reason}", calls, prompt, completion);
        }

        return new RewriteResult(rewritten, null, calls, prompt, completion);
    }

    /// <summary>Why an answer is JSON debris (an object or array, as a judge's verdict would be) rather than text, or null.</summary>
    internal static string? JsonDebris(string rewrite)
    {
        var t = rewrite.Trim();
        if (t.StartsWith("```json", StringComparison.OrdinalIgnoreCase))
        {
            return "the answer is a JSON block, not text";
        }

        if (t.Length > 0 && t[0] is '{' or '[')
        {
            try
            {
                using var _ = System.Text.Json.JsonDocument.Parse(t);
                return "the answer is JSON, not text";
            }
            catch (System.Text.Json.JsonException)
            {
                // Text that merely starts with a bracket.
            }
        }

        return null;
    }

    /// <summary>Why a rewrite's length is implausible for its source (under a quarter, or over three times plus 200 characters), or null.</summary>
    internal static string? ImplausibleLength(string source, string rewrite)
    {
        var t = rewrite.Trim();
        return (source.Length >= 200 && t.Length < source.Length / 4) || t.Length > 3 * source.Length + 200
            ? $"{t.Length} characters for a source of {source.Length}"
            : null;
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
